# reference.shared (label "reference"): tools/shared_reference.py re-run into the build directory, its
# header compared with tests/data/shared_reference.hpp (tests/test_shared.cpp). It uses the function
# of zoo_reference.cmake, which tests/CMakeLists.txt includes first (the files go in name order).
if(COMMAND netshape_reference_test AND netshape_has_torchvision EQUAL 0)
  netshape_reference_test(shared shared_reference.py "--out|%OUT%/shared_reference.hpp" "shared_reference.hpp")
endif()
