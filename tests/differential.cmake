# Differential testing against PyTorch (label `differential`).
#
# `differential`: tools/random_networks.py draws NETSHAPE_DIFF_COUNT random valid networks, PyTorch
# measures them, and the configured compiler checks netshape's figures against PyTorch's with
# static_asserts (tests/differential/run.py). Every run uses a fresh seed, printed first; to rerun
# a failing run exactly:
#     NETSHAPE_DIFF_SEED=<seed> ctest --test-dir <build> -R '^differential$' --output-on-failure
# Without torch in NETSHAPE_TORCH_PYTHON (Debian's python3-torch by default) the test is SKIPPED.
#
# `differential.regression.<name>`: every tests/differential/regressions/*.cpp, a case that once
# mismatched, committed with PyTorch's figures; compiled on every run, torch or not.
set(NETSHAPE_TORCH_PYTHON /usr/bin/python3 CACHE FILEPATH "Python interpreter that can import torch (differential test)")
set(NETSHAPE_DIFF_COUNT 300 CACHE STRING "Random networks per differential run")
set(NETSHAPE_DIFF_PER_FILE 25 CACHE STRING "Random networks per generated .cpp file")
set(NETSHAPE_DIFF_JOBS 2 CACHE STRING "Parallel generator and compiler processes of the differential test")

# run.py compiles with the warning flags of cmake/warnings.txt, which it reads itself.
if(EXISTS "${NETSHAPE_TORCH_PYTHON}")
  add_test(NAME differential
    COMMAND "${NETSHAPE_TORCH_PYTHON}" ${CMAKE_CURRENT_LIST_DIR}/differential/run.py
            --compiler ${CMAKE_CXX_COMPILER} --include ${PROJECT_SOURCE_DIR}/include
            --generator ${PROJECT_SOURCE_DIR}/tools/random_networks.py
            --work ${CMAKE_CURRENT_BINARY_DIR}/differential
            --count ${NETSHAPE_DIFF_COUNT} --per-file ${NETSHAPE_DIFF_PER_FILE} --jobs ${NETSHAPE_DIFF_JOBS})
  # run.py exits 77 when the interpreter cannot import torch.
  set_tests_properties(differential PROPERTIES SKIP_RETURN_CODE 77)
  # The test can fail: case 1 of three is written with PyTorch's params + 1, and this passes only if
  # the compiler reports exactly that figure of that case.
  add_test(NAME differential.selftest
    COMMAND "${NETSHAPE_TORCH_PYTHON}" ${CMAKE_CURRENT_LIST_DIR}/differential/run.py --selftest
            --compiler ${CMAKE_CXX_COMPILER} --include ${PROJECT_SOURCE_DIR}/include
            --generator ${PROJECT_SOURCE_DIR}/tools/random_networks.py
            --work ${CMAKE_CURRENT_BINARY_DIR}/differential_selftest --count 3 --per-file 3 --jobs 1)
  set_tests_properties(differential.selftest PROPERTIES LABELS differential SKIP_RETURN_CODE 77)
else()
  add_test(NAME differential
    COMMAND ${CMAKE_COMMAND} -E echo "differential: SKIPPED, no interpreter at NETSHAPE_TORCH_PYTHON=${NETSHAPE_TORCH_PYTHON}")
  set_tests_properties(differential PROPERTIES SKIP_REGULAR_EXPRESSION "differential: SKIPPED")
endif()
# It uses every core it is given (NETSHAPE_DIFF_JOBS): run it alone rather than beside other tests.
set_tests_properties(differential PROPERTIES LABELS differential TIMEOUT 900 RUN_SERIAL TRUE
  PROCESSORS ${NETSHAPE_DIFF_JOBS})

file(GLOB netshape_diff_regressions CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/differential/regressions/*.cpp)
foreach(source IN LISTS netshape_diff_regressions)
  get_filename_component(name ${source} NAME_WE)
  add_test(NAME differential.regression.${name}
    COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 ${NETSHAPE_WARNINGS} -fsyntax-only -I${PROJECT_SOURCE_DIR}/include
            ${source})
  set_tests_properties(differential.regression.${name} PROPERTIES LABELS differential)
endforeach()
