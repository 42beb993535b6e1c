# reference.multiscale (label "reference"): tools/pytorch_multiscale_reference.py re-run into the build
# directory, its header compared with tests/data/pytorch_multiscale.hpp (tests/test_multiscale.cpp:
# torchvision's MViT modules against multiscale_attention, grid_max_pool, separable_position_embedding).
# It uses the function of zoo_reference.cmake, which tests/CMakeLists.txt includes first.
if(COMMAND netshape_reference_test AND netshape_has_torchvision EQUAL 0)
  netshape_reference_test(multiscale pytorch_multiscale_reference.py "--out|%OUT%/pytorch_multiscale.hpp" "pytorch_multiscale.hpp")
endif()
