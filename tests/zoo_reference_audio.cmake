# reference.audio (label "reference"): tools/m5_reference.py re-run into the build directory, its
# header compared with tests/data/m5_reference.hpp (tests/test_zoo_audio.cpp). It uses the function
# of zoo_reference.cmake, which tests/CMakeLists.txt includes first (the files go in name order).
if(COMMAND netshape_reference_test AND netshape_has_torchvision EQUAL 0)
  netshape_reference_test(audio m5_reference.py "--out|%OUT%/m5_reference.hpp" "m5_reference.hpp")
endif()
