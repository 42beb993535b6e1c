# The committed tests/data/torchvision_reference.{hpp,json} must be what tools/torchvision_reference.py
# writes today. When /usr/bin/python3 (Debian's, where python3-torchvision installs) can import
# torchvision, a CTest (label "reference") re-runs the script into the build directory and compares.
# Run as a script (cmake -P, by the test below): regenerate into OUT, compare with COMMITTED.
if(CMAKE_SCRIPT_MODE_FILE)
  execute_process(COMMAND ${PYTHON} ${SCRIPT} --out ${OUT} RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "tools/torchvision_reference.py failed (${failed})")
  endif()
  foreach(file torchvision_reference.hpp torchvision_reference.json)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/${file} ${COMMITTED}/${file} RESULT_VARIABLE differs)
    if(differs)
      execute_process(COMMAND diff -u ${COMMITTED}/${file} ${OUT}/${file})
      message(FATAL_ERROR "tests/data/${file} is not what tools/torchvision_reference.py writes now; "
                          "re-run it (/usr/bin/python3 tools/torchvision_reference.py) and commit the result")
    endif()
  endforeach()
  message(STATUS "tests/data/torchvision_reference.{hpp,json} are current")
  return()
endif()

set(NETSHAPE_REFERENCE_PYTHON /usr/bin/python3 CACHE FILEPATH "Python with torch and torchvision for the zoo reference test")
if(EXISTS ${NETSHAPE_REFERENCE_PYTHON})
  execute_process(COMMAND ${NETSHAPE_REFERENCE_PYTHON} -c "import torch, torchvision"
                  RESULT_VARIABLE netshape_has_torchvision OUTPUT_QUIET ERROR_QUIET)
else()
  set(netshape_has_torchvision 1)
endif()
if(netshape_has_torchvision EQUAL 0)
  set(netshape_reference_out ${CMAKE_CURRENT_BINARY_DIR}/zoo_reference)
  add_test(NAME reference.torchvision
           COMMAND ${CMAKE_COMMAND}
                   -DPYTHON=${NETSHAPE_REFERENCE_PYTHON}
                   -DSCRIPT=${PROJECT_SOURCE_DIR}/tools/torchvision_reference.py
                   -DOUT=${netshape_reference_out}
                   -DCOMMITTED=${CMAKE_CURRENT_SOURCE_DIR}/data
                   -P ${CMAKE_CURRENT_LIST_FILE})
  set_tests_properties(reference.torchvision PROPERTIES LABELS reference TIMEOUT 600)
else()
  message(STATUS "netshape: torchvision not importable by ${NETSHAPE_REFERENCE_PYTHON}; zoo reference test not registered")
endif()
