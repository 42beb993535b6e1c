# <netshape/torch.hpp>'s tests (labels bridges, torch), included by tests/bridges.cmake.
#   header.netshape/torch.hpp  the header alone, with libtorch's include path
#   torch.unit                 loading errors, side outputs (nested too), merges, names in a small
#                              network; shared<> (one module, parameters once)
#   torch.zoo.<model>          parameter and buffer counts, output shapes of a forward pass on zeros
#                              (every zoo model at its default size; label slow above 20 G
#                              multiply-accumulates)
#   torch.reference            tools/torch_bridge_reference.py writes torchvision's state_dict keys
#                              and two TorchScript exports into the build tree (fixture)
#   torch.names.<model>        names and shapes equal torchvision's state_dict (every zoo model)
#   torch.load.<model>         torchvision's weights loaded by name give its outputs (< 1e-4)
# libtorch 1.13's headers do not compile with clang++ 14 in C++20 (docs/bridges.md): with clang
# the tests are one skipped test. One translation unit holds every case (libtorch's headers cost
# about 20 s of g++ each).
if(NOT TARGET netshape::torch)
  netshape_skipped_test(torch "libtorch not found (find_package(Torch)): apt-get install libtorch-dev" torch)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  netshape_skipped_test(torch "libtorch 1.13's headers do not compile with ${CMAKE_CXX_COMPILER_ID} in C++20; g++ only (docs/bridges.md)" torch)
  return()
endif()

# The header test's flags: libtorch's include directories (its imported target's) and ABI define.
get_target_property(netshape_torch_flags netshape::torch INTERFACE_COMPILE_OPTIONS)
get_target_property(netshape_torch_dirs torch INTERFACE_INCLUDE_DIRECTORIES)
foreach(dir IN LISTS netshape_torch_dirs)
  if(NOT dir IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
    list(APPEND netshape_torch_flags -isystem ${dir})
  endif()
endforeach()
file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/headers/netshape_torch_hpp.cpp
     CONTENT "#include <netshape/torch.hpp>\n#include <netshape/torch.hpp>\n")
add_test(NAME header.netshape/torch.hpp
  COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 ${NETSHAPE_WARNINGS} -fsyntax-only -I${PROJECT_SOURCE_DIR}/include
          ${netshape_torch_flags} ${CMAKE_CURRENT_BINARY_DIR}/headers/netshape_torch_hpp.cpp)
set_tests_properties(header.netshape/torch.hpp PROPERTIES LABELS "headers;bridges;torch")

add_executable(test_torch ${CMAKE_CURRENT_LIST_DIR}/test_torch.cpp)
target_link_libraries(test_torch PRIVATE netshape::torch netshape_doctest_main)
target_compile_options(test_torch PRIVATE ${NETSHAPE_WARNINGS})

add_test(NAME torch.unit COMMAND test_torch "--test-case=torch: a load*,torch: forward_all*,torch: an output*,torch: shared*,torch: 1-D and 3-D*")
set_tests_properties(torch.unit PROPERTIES LABELS "bridges;torch")
# The zoo models above 20 G multiply-accumulates (netshape::macs; r3d_18, mc3_18 and r2plus1d_18 on
# their default 16×112×112 clips, mvit_v1_b and mvit_v2_s on 16×224×224), slowest first: their forward pass on zeros takes 1 to 100 s of one
# core (docs/bridges.md has the times). Label slow (ctest -LE slow leaves them
# out), and a COST so that ctest -j starts them first, beside the rest of the suite, rather than
# last. Each test uses one thread (test_torch.cpp); OPENBLAS_NUM_THREADS keeps OpenBLAS, when it
# is the libblas.so.3 libtorch's matrix products go through, to one as well.
set(netshape_torch_slow vit_h_14 regnet_y_128gf mvit_v1_b mvit_v2_s vit_l_16 efficientnet_v2_l efficientnet_b7 deeplabv3_resnet101
    fcn_resnet101 deeplabv3_resnet50 fcn_resnet50 convnext_large regnet_y_32gf regnet_x_32gf efficientnet_v2_m resnet50_fpn
    wide_resnet101_2 swin_v2_b r2plus1d_18 r3d_18 unet_bilinear unet mc3_18)
foreach(model IN LISTS netshape_zoo_models)
  add_test(NAME torch.zoo.${model} COMMAND test_torch "--test-case=torch: ${model}")
  set_tests_properties(torch.zoo.${model} PROPERTIES LABELS "bridges;torch" TIMEOUT 3600
    ENVIRONMENT "OPENBLAS_NUM_THREADS=1;NETSHAPE_TORCH_SLOW=0")
endforeach()
list(LENGTH netshape_torch_slow netshape_torch_cost)
foreach(model IN LISTS netshape_torch_slow)
  # NETSHAPE_TORCH_SLOW=1: the test checks that the model is above 20 G (and the others below).
  set_tests_properties(torch.zoo.${model} PROPERTIES LABELS "bridges;torch;slow" COST ${netshape_torch_cost}
    ENVIRONMENT "OPENBLAS_NUM_THREADS=1;NETSHAPE_TORCH_SLOW=1")
  math(EXPR netshape_torch_cost "${netshape_torch_cost} - 1")
endforeach()

# Against torchvision, where Debian's python3-torchvision is importable (as zoo_reference.cmake checks).
set(NETSHAPE_REFERENCE_PYTHON /usr/bin/python3 CACHE FILEPATH "Python with torch and torchvision for the zoo reference test")
set(netshape_torch_python 1)
if(EXISTS ${NETSHAPE_REFERENCE_PYTHON})
  execute_process(COMMAND ${NETSHAPE_REFERENCE_PYTHON} -c "import torch, torchvision"
                  RESULT_VARIABLE netshape_torch_python OUTPUT_QUIET ERROR_QUIET)
endif()
if(NOT netshape_torch_python EQUAL 0)
  netshape_skipped_test(torch.reference "${NETSHAPE_REFERENCE_PYTHON} cannot import torchvision (python3-torchvision)" torch)
  return()
endif()
set(netshape_torch_reference ${CMAKE_CURRENT_BINARY_DIR}/torch_reference)
# The models whose torchvision weights are loaded and whose outputs are compared: between them every
# kind the zoo uses but adaptive_max_pool and the activations softmax, mish, elu and leaky_relu
# (which no zoo model has); Swin (window attention, shifted, patch merging), Swin V2 (cosine window
# attention), MaxViT (window and grid attention), LR-ASPP (bilinear resizes), the U-Nets (transposed
# convolutions; bilinear upsampling), the feature pyramid (frozen batch norm, nearest resizes,
# five outputs), the video models (conv3d in its three factorisations, BatchNorm3d, max_pool3d,
# avg_pool3d, concat and the global pool of a volume; r3d_18, mc3_18 and r2plus1d_18 on 8×56×56 clips), MViT
# (multiscale attention with pooled q/k/v, residual pooling and relative positions resized to a
# non-square grid, grid max pool, MViT's class token, separable position embedding; mvit_v1_b and
# mvit_v2_s on 4×64×96 clips) and M5 (conv1d, BatchNorm1d, max_pool1d, the global pool of a signal, Linear per position).
set(netshape_torch_exported resnet18 mobilenet_v3_large shufflenet_v2_x1_0 convnext_tiny vit_b_32 densenet121
    squeezenet1_1 efficientnet_b0 alexnet_grouped lenet5 swin_t swin_v2_t maxvit_t lraspp_mobilenet_v3_large unet
    unet_bilinear resnet50_fpn r3d_18 mc3_18 r2plus1d_18 s3d mvit_v1_b mvit_v2_s m5)
list(JOIN netshape_torch_exported "," netshape_torch_export_arg)
list(JOIN netshape_zoo_models "," netshape_torch_only_arg)  # the zoo's, not every model the script knows
add_test(NAME torch.reference
  COMMAND ${NETSHAPE_REFERENCE_PYTHON} ${PROJECT_SOURCE_DIR}/tools/torch_bridge_reference.py --out ${netshape_torch_reference}
          --export ${netshape_torch_export_arg} --only ${netshape_torch_only_arg})
set_tests_properties(torch.reference PROPERTIES LABELS "bridges;torch;reference" FIXTURES_SETUP netshape_torch_reference
  SKIP_RETURN_CODE 77 TIMEOUT 900)
foreach(model IN LISTS netshape_zoo_models)
  add_test(NAME torch.names.${model} COMMAND test_torch "--test-case=torch names: ${model}")
  set_tests_properties(torch.names.${model} PROPERTIES LABELS "bridges;torch" FIXTURES_REQUIRED netshape_torch_reference
    ENVIRONMENT NETSHAPE_TORCH_REFERENCE=${netshape_torch_reference})
endforeach()
foreach(model IN LISTS netshape_torch_exported)
  add_test(NAME torch.load.${model} COMMAND test_torch "--test-case=torch load: ${model}")
  set_tests_properties(torch.load.${model} PROPERTIES LABELS "bridges;torch" FIXTURES_REQUIRED netshape_torch_reference
    ENVIRONMENT NETSHAPE_TORCH_REFERENCE=${netshape_torch_reference})
endforeach()
