# ONNX round trip (label onnx; issue 7): torchvision models exported with torch.onnx.export, turned
# into headers by tools/onnx2netshape and compiled with this build's compiler; tools/onnx_roundtrip.py
# requires the figures to equal torchvision's (batch norm kept), or torchvision's minus the computed
# effect of the exporter's batch-norm folding (eval export). Without torch, torchvision or onnx the
# cases report "skipped" (exit status 77), never "passed".
set(NETSHAPE_TORCH_PYTHON /usr/bin/python3 CACHE FILEPATH "Python with torch, torchvision and onnx (Debian's)")
set(netshape_onnx_work ${CMAKE_CURRENT_BINARY_DIR}/onnx)
set(netshape_onnx_models resnet18 googlenet densenet121 mobilenet_v2 squeezenet1_1
    shufflenet_v2_x1_0  # channel split and shuffle patterns
    convnext_tiny)  # channels-last layer norm, per-pixel dense and layer scale (issue 19)

# Issue 13's kinds, in small models tools/onnx_roundtrip.py builds itself on 32×32 inputs: a U-Net
# (transposed conv, bilinear upsample), ESPCN (pixel shuffle), and one of pixel unshuffle, instance
# norm, nearest upsample, bilinear resize with align_corners, transposed conv with output padding.
set(netshape_onnx_small_models unet_tiny espcn resample
    activations  # issue 19's PRelu, Selu, Celu, Softplus
    padding)  # issue 19's asymmetric and negative zero padding (zero_pad)
# torchvision's segmentation models at 64×64 (bilinear Resize to the input's size, ASPP's pooling
# branch, LR-ASPP's broadcast multiply) and the zoo's U-Nets (base 8, depth 4) at 32×32, both up modes:
# their figures are torchvision's and the zoo's.
set(netshape_onnx_segmentation_models fcn_resnet50 deeplabv3_mobilenet_v3_large lraspp_mobilenet_v3_large)
set(netshape_onnx_unet_models unet unet_bilinear)
# Several outputs (issue 13): Inception v3 with its auxiliary classifier, which only a training-mode
# export computes (at batch 2: batch norm on the 1×1 tensor needs two samples; the tool describes one).
set(netshape_onnx_aux_models inception_v3_aux)
# Clips and signals (issue 15): r3d_18 on 16×112×112 clips (Conv3d, BatchNorm3d, GlobalAveragePool of a
# volume), M5 on 8,000 samples (Conv1d, MaxPool1d, AveragePool of a signal, its permute and fc1).
set(netshape_onnx_volume_models r3d_18 m5)

foreach(model IN LISTS netshape_onnx_models netshape_onnx_small_models netshape_onnx_aux_models
                        netshape_onnx_segmentation_models netshape_onnx_unet_models
                        netshape_onnx_volume_models)
  set(size 224)
  set(modes train eval)
  if(model IN_LIST netshape_onnx_small_models OR model IN_LIST netshape_onnx_unet_models)
    set(size 32)
  elseif(model IN_LIST netshape_onnx_segmentation_models)
    set(size 64)
  elseif(model IN_LIST netshape_onnx_aux_models)
    set(size 299)
    set(modes train)
  elseif(model STREQUAL "r3d_18")
    set(size 112)  # frames: 16 (tools/onnx_roundtrip.py's VOLUMES_AND_SIGNALS)
  elseif(model STREQUAL "m5")
    set(size 8000)  # samples
  endif()
  foreach(mode IN LISTS modes)
    set(test onnx.${model}.${mode})
    if(EXISTS ${NETSHAPE_TORCH_PYTHON})
      add_test(NAME ${test}
        COMMAND ${NETSHAPE_TORCH_PYTHON} ${PROJECT_SOURCE_DIR}/tools/onnx_roundtrip.py ${model} ${mode}
                --work ${netshape_onnx_work} --compiler ${CMAKE_CXX_COMPILER} --include ${PROJECT_SOURCE_DIR}/include
                --reference ${CMAKE_CURRENT_LIST_DIR}/data/torchvision_reference.json --size ${size})
    else()
      # No interpreter at all: still a case, reported as skipped.
      add_test(NAME ${test} COMMAND sh -c "echo 'SKIPPED: ${NETSHAPE_TORCH_PYTHON} not found'; exit 77")
    endif()
    set_tests_properties(${test} PROPERTIES LABELS onnx SKIP_RETURN_CODE 77 TIMEOUT 900)
  endforeach()
endforeach()

# The converter's own cases: small graphs written with onnx.helper (needs only onnx).
# Vision transformers (tools/onnx_roundtrip.py's TRANSFORMERS), each "model size mode,mode": torchvision's
# ViTs at 224 and vit_b_32 at 96 (its position embedding made for 9 patches and the class token), its
# VisionTransformer with other width, depth and heads (vit_tiny), and a user's own transformer of
# nn.MultiheadAttention without biases (mha_tiny), and nn.TransformerEncoder, post-norm
# (encoder_tiny) and pre-norm (encoder_prenorm); torchvision's swin_t at 224 and its
# SwinTransformer with other arguments (swin_tiny: at 32, and at 36, where the windows are padded and
# a patch merging has an odd side; swin_heads: 32 heads, whose relative position tables of 5,408
# values the tool reads as dimensions only, as swin_b's last stage), training-mode export only (an eval-mode export folds the relative
# position bias table into a constant, which the tool refuses). Tests onnx.<model>_<size>.<mode>.
set(netshape_onnx_transformers
    "vit_b_16 224 eval" "vit_b_32 224 train,eval" "vit_b_32 96 eval"
    "vit_tiny 32 train,eval" "vit_tiny 48 eval" "mha_tiny 32 train,eval" "encoder_tiny 32 train,eval"
    "encoder_prenorm 32 train,eval"
    "swin_t 224 train" "swin_tiny 32 train" "swin_tiny 36 train" "swin_heads 56 train")
foreach(entry IN LISTS netshape_onnx_transformers)
  string(REPLACE " " ";" entry "${entry}")
  list(GET entry 0 model)
  list(GET entry 1 size)
  list(GET entry 2 modes)
  string(REPLACE "," ";" modes "${modes}")
  foreach(mode IN LISTS modes)
    set(test onnx.${model}_${size}.${mode})
    if(EXISTS ${NETSHAPE_TORCH_PYTHON})
      add_test(NAME ${test}
        COMMAND ${NETSHAPE_TORCH_PYTHON} ${PROJECT_SOURCE_DIR}/tools/onnx_roundtrip.py ${model} ${mode}
                --work ${netshape_onnx_work} --compiler ${CMAKE_CXX_COMPILER} --include ${PROJECT_SOURCE_DIR}/include
                --size ${size})
    else()
      add_test(NAME ${test} COMMAND sh -c "echo 'SKIPPED: ${NETSHAPE_TORCH_PYTHON} not found'; exit 77")
    endif()
    set_tests_properties(${test} PROPERTIES LABELS onnx SKIP_RETURN_CODE 77 TIMEOUT 900)
  endforeach()
endforeach()

file(GLOB netshape_onnx_cases CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/onnx/case_*.py)
foreach(case IN LISTS netshape_onnx_cases)
  get_filename_component(name ${case} NAME_WE)
  set(test onnx.tool.${name})
  if(EXISTS ${NETSHAPE_TORCH_PYTHON})
    add_test(NAME ${test}
      COMMAND ${NETSHAPE_TORCH_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/onnx/run_case.py ${case}
              --work ${netshape_onnx_work}/tool --compiler ${CMAKE_CXX_COMPILER} --include ${PROJECT_SOURCE_DIR}/include)
  else()
    add_test(NAME ${test} COMMAND sh -c "echo 'SKIPPED: ${NETSHAPE_TORCH_PYTHON} not found'; exit 77")
  endif()
  set_tests_properties(${test} PROPERTIES LABELS onnx SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()

# docs/onnx.md's operator table is what the tool prints, and every operator onnx knows is in it.
if(EXISTS ${NETSHAPE_TORCH_PYTHON})
  add_test(NAME onnx.tool.operator_table COMMAND ${NETSHAPE_TORCH_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/onnx/operator_table.py)
else()
  add_test(NAME onnx.tool.operator_table COMMAND sh -c "echo 'SKIPPED: ${NETSHAPE_TORCH_PYTHON} not found'; exit 77")
endif()
set_tests_properties(onnx.tool.operator_table PROPERTIES LABELS onnx SKIP_RETURN_CODE 77)

# The pools' tensors (issue 19): the tool's padding layer and pool, run in PyTorch, against ONNX's
# MaxPool and AveragePool computed from their definition (tests/onnx/pool_exactness.py).
if(EXISTS ${NETSHAPE_TORCH_PYTHON})
  add_test(NAME onnx.tool.pool_exactness COMMAND ${NETSHAPE_TORCH_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/onnx/pool_exactness.py)
else()
  add_test(NAME onnx.tool.pool_exactness COMMAND sh -c "echo 'SKIPPED: ${NETSHAPE_TORCH_PYTHON} not found'; exit 77")
endif()
set_tests_properties(onnx.tool.pool_exactness PROPERTIES LABELS onnx SKIP_RETURN_CODE 77 TIMEOUT 900)

# The README's export, generate and --summary steps against torchvision, and PyTorch module paths
# as layer names (issue 18): tests/onnx/torch_export.py.
if(EXISTS ${NETSHAPE_TORCH_PYTHON})
  add_test(NAME onnx.tool.torch_export
    COMMAND ${NETSHAPE_TORCH_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/onnx/torch_export.py --work ${netshape_onnx_work}/torch_export)
else()
  add_test(NAME onnx.tool.torch_export COMMAND sh -c "echo 'SKIPPED: ${NETSHAPE_TORCH_PYTHON} not found'; exit 77")
endif()
set_tests_properties(onnx.tool.torch_export PROPERTIES LABELS onnx SKIP_RETURN_CODE 77 TIMEOUT 600)

# A 500 MB model (one file, external data, external data deleted) converted in under 5 s and 1 GB:
# tests/onnx/large_file.py writes it in the build directory and removes it.
if(EXISTS ${NETSHAPE_TORCH_PYTHON})
  add_test(NAME onnx.tool.large_file
    COMMAND ${NETSHAPE_TORCH_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/onnx/large_file.py --work ${netshape_onnx_work}/large
            --compiler ${CMAKE_CXX_COMPILER} --include ${PROJECT_SOURCE_DIR}/include)
else()
  add_test(NAME onnx.tool.large_file COMMAND sh -c "echo 'SKIPPED: ${NETSHAPE_TORCH_PYTHON} not found'; exit 77")
endif()
set_tests_properties(onnx.tool.large_file PROPERTIES LABELS onnx SKIP_RETURN_CODE 77 TIMEOUT 600 RUN_SERIAL TRUE)

# Files from the wild (issue 19): tools/onnx_wild.py regenerates ONNX's backend node tests from the
# case scripts python3-onnx ships, PyTorch's nn test modules and torchvision's models outside the
# zoo, runs the tool over each and fails on any crash or wrong header (a refusal is one line naming
# the node). node and pytorch-converted carry the label onnx; torchvision (44 exports, long) only
# the label wild.
# The torchvision source exports and converts 49 models (an hour or more on two cores): it runs
# only when asked for, -DNETSHAPE_WILD_TORCHVISION=ON, and otherwise reports itself skipped.
option(NETSHAPE_WILD_TORCHVISION "run onnx.wild.torchvision (exports 49 torchvision models; long)" OFF)
# Its input size: 224 as torchvision's weights, or smaller to export faster (tools/onnx_wild.py's
# FULL_SIZE models, VGG, Swin and MaxViT, stay at 224; docs/onnx.md says why).
set(NETSHAPE_WILD_TORCHVISION_SIZE 224 CACHE STRING "input height and width of onnx.wild.torchvision's exports")
foreach(source node pytorch-converted torchvision)
  set(test onnx.wild.${source})
  set(netshape_wild_size)
  if(source STREQUAL "torchvision")
    set(netshape_wild_size --size ${NETSHAPE_WILD_TORCHVISION_SIZE})
  endif()
  if(source STREQUAL "torchvision" AND NOT NETSHAPE_WILD_TORCHVISION)
    add_test(NAME ${test} COMMAND sh -c "echo 'SKIPPED: exports 49 torchvision models (an hour or more); configure with -DNETSHAPE_WILD_TORCHVISION=ON to run it'; exit 77")
  elseif(EXISTS ${NETSHAPE_TORCH_PYTHON})
    add_test(NAME ${test}
      COMMAND ${NETSHAPE_TORCH_PYTHON} ${PROJECT_SOURCE_DIR}/tools/onnx_wild.py ${source}
              --work ${netshape_onnx_work}/wild/${source} --compiler ${CMAKE_CXX_COMPILER}
              --include ${PROJECT_SOURCE_DIR}/include --summary ${netshape_onnx_work}/wild/${source}.json
              ${netshape_wild_size})
  else()
    add_test(NAME ${test} COMMAND sh -c "echo 'SKIPPED: ${NETSHAPE_TORCH_PYTHON} not found'; exit 77")
  endif()
  if(source STREQUAL "torchvision")
    set_tests_properties(${test} PROPERTIES LABELS wild SKIP_RETURN_CODE 77 TIMEOUT 7200)
  else()
    set_tests_properties(${test} PROPERTIES LABELS "onnx;wild" SKIP_RETURN_CODE 77 TIMEOUT 3600)
  endif()
endforeach()
