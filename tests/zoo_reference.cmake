# The committed reference data of tests/data must be what their scripts write today:
# torchvision_reference.{hpp,json} (tools/torchvision_reference.py, the zoo) and pytorch_kinds.hpp
# (tools/pytorch_kind_reference.py, the kinds of issue 13). When /usr/bin/python3 (Debian's, where
# python3-torchvision installs) can import torchvision, a CTest each (label "reference") re-runs the
# script into the build directory and compares.
# Run as a script (cmake -P, by the tests below): run SCRIPT with ARGS (OUT substituted), compare
# each of FILES in OUT with COMMITTED.
if(CMAKE_SCRIPT_MODE_FILE)
  get_filename_component(script_name ${SCRIPT} NAME)
  string(REPLACE "%OUT%" "${OUT}" args "${ARGS}")
  string(REPLACE "|" ";" args "${args}")
  string(REPLACE "|" ";" files "${FILES}")
  execute_process(COMMAND ${PYTHON} ${SCRIPT} ${args} RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "tools/${script_name} failed (${failed})")
  endif()
  foreach(file IN LISTS files)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/${file} ${COMMITTED}/${file} RESULT_VARIABLE differs)
    if(differs)
      execute_process(COMMAND diff -u ${COMMITTED}/${file} ${OUT}/${file})
      message(FATAL_ERROR "tests/data/${file} is not what tools/${script_name} writes now; "
                          "re-run it (/usr/bin/python3 tools/${script_name}) and commit the result")
    endif()
  endforeach()
  message(STATUS "current in tests/data: ${files}")
  return()
endif()

set(NETSHAPE_REFERENCE_PYTHON /usr/bin/python3 CACHE FILEPATH "Python with torch and torchvision for the zoo reference test")
if(EXISTS ${NETSHAPE_REFERENCE_PYTHON})
  execute_process(COMMAND ${NETSHAPE_REFERENCE_PYTHON} -c "import torch, torchvision"
                  RESULT_VARIABLE netshape_has_torchvision OUTPUT_QUIET ERROR_QUIET)
else()
  set(netshape_has_torchvision 1)
endif()
# reference.<name>: re-run tools/<script> with ARGS into the build directory, compare FILES.
function(netshape_reference_test name script args files)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}_reference)
  file(MAKE_DIRECTORY ${out})
  add_test(NAME reference.${name}
           COMMAND ${CMAKE_COMMAND} -DPYTHON=${NETSHAPE_REFERENCE_PYTHON} -DSCRIPT=${PROJECT_SOURCE_DIR}/tools/${script}
                   -DOUT=${out} "-DARGS=${args}" "-DFILES=${files}" -DCOMMITTED=${CMAKE_CURRENT_SOURCE_DIR}/data
                   -P ${CMAKE_CURRENT_FUNCTION_LIST_FILE})
  set_tests_properties(reference.${name} PROPERTIES LABELS reference TIMEOUT 600)
endfunction()
if(netshape_has_torchvision EQUAL 0)
  netshape_reference_test(torchvision torchvision_reference.py "--out|%OUT%" "torchvision_reference.hpp|torchvision_reference.json")
  netshape_reference_test(kinds pytorch_kind_reference.py "--out|%OUT%/pytorch_kinds.hpp" "pytorch_kinds.hpp")
  # The MAC measurement both reference scripts use (tools/pytorch_macs.py) against exact formulas, for the
  # convolutions PyTorch's profiler counts and those its hooks must (tests/scripts/check_pytorch_macs.py).
  add_test(NAME reference.pytorch_macs
           COMMAND ${NETSHAPE_REFERENCE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/scripts/check_pytorch_macs.py)
  set_tests_properties(reference.pytorch_macs PROPERTIES LABELS reference TIMEOUT 600 SKIP_RETURN_CODE 77)
else()
  message(STATUS "netshape: torchvision not importable by ${NETSHAPE_REFERENCE_PYTHON}; zoo reference test not registered")
endif()
# reference.volumes: tools/pytorch_volume_reference.py (two hand-written networks over a volume and a
# sequence, tests/test_video.cpp) re-run, its header compared with tests/data/pytorch_volumes.hpp.
if(netshape_has_torchvision EQUAL 0)
  netshape_reference_test(volumes pytorch_volume_reference.py "--out|%OUT%/pytorch_volumes.hpp" "pytorch_volumes.hpp")
endif()
