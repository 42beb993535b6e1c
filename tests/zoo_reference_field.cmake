# reference.field (label "reference"): tools/field_reference.py re-run into the build directory, its
# header compared with tests/data/field_reference.hpp (tests/test_receptive.cpp). It uses the function
# of zoo_reference.cmake, which tests/CMakeLists.txt includes first (the files go in name order).
if(COMMAND netshape_reference_test AND netshape_has_torchvision EQUAL 0)
  netshape_reference_test(field field_reference.py "--out|%OUT%/field_reference.hpp" "field_reference.hpp")
endif()
