# reference.unet (label "reference"): tools/unet_reference.py re-run into the build directory, its
# header compared with tests/data/unet_reference.hpp (tests/test_zoo_unet.cpp). It uses the function
# of zoo_reference.cmake, which tests/CMakeLists.txt includes first (the files go in name order).
if(COMMAND netshape_reference_test AND netshape_has_torchvision EQUAL 0)
  netshape_reference_test(unet unet_reference.py "--out|%OUT%/unet_reference.hpp" "unet_reference.hpp")
endif()
