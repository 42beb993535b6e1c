# reference.vit (label "reference"): tools/vit_reference.py re-run into the build directory, its
# header compared with tests/data/vit_reference.hpp (tests/test_zoo_vit.cpp). It uses the function
# of zoo_reference.cmake, which tests/CMakeLists.txt includes first (the files go in name order).
if(COMMAND netshape_reference_test AND netshape_has_torchvision EQUAL 0)
  netshape_reference_test(vit vit_reference.py "--out|%OUT%/vit_reference.hpp" "vit_reference.hpp")
endif()
