# reference.outside (label "reference"): tools/outside_reference.py re-run into the build directory,
# its header compared with tests/data/outside_reference.hpp (tests/test_outside.cpp). It uses the
# function of zoo_reference.cmake, which tests/CMakeLists.txt includes first (the files go in name order).
if(COMMAND netshape_reference_test AND netshape_has_torchvision EQUAL 0)
  netshape_reference_test(outside outside_reference.py "--out|%OUT%/outside_reference.hpp" "outside_reference.hpp")
endif()
