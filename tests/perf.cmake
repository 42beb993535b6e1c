# Compile-time regression guard (label `perf`): the 4,000-layer chain and the whole zoo must not take
# more than twice the CPU time recorded in bench/baseline.json for this compiler, and (with valgrind)
# netshape's instructions per layer over the minimal design's (bench/minimal.hpp), what the chain's
# records add over its totals, and <netshape/netshape.hpp> alone (the floor every includer pays:
# the count recorded plus 5%) must stay within the limits recorded there. Without valgrind that
# part is skipped and so is the test (77).
find_program(NETSHAPE_PERF_PYTHON NAMES python3)
if(NETSHAPE_PERF_PYTHON)
  add_test(NAME perf.compile_time
    COMMAND ${NETSHAPE_PERF_PYTHON} ${PROJECT_SOURCE_DIR}/bench/perf_check.py --compiler ${CMAKE_CXX_COMPILER})
  set_tests_properties(perf.compile_time PROPERTIES LABELS perf RUN_SERIAL TRUE TIMEOUT 600 SKIP_RETURN_CODE 77)
endif()

# The printer's compile cost (issue 20): a program printing one summary against a hello-world, in
# instructions (valgrind), within the limit recorded in bench/print_baseline.json for this compiler;
# a static_assert-only file must include no printer header. Skipped (77) without valgrind.
if(NETSHAPE_PERF_PYTHON)
  add_test(NAME perf.print_cost
    COMMAND ${NETSHAPE_PERF_PYTHON} ${PROJECT_SOURCE_DIR}/bench/print_cost.py --compiler ${CMAKE_CXX_COMPILER} --check --runs 1)
  set_tests_properties(perf.print_cost PROPERTIES LABELS perf RUN_SERIAL TRUE TIMEOUT 900 SKIP_RETURN_CODE 77)
endif()

# The arena's compile cost (issue 16): a plan / the figures, in instructions (valgrind) over a file
# that asks for nothing, for DenseNet-121 (the zoo's dearest plan against its figures) and
# ResNet-50, at most the bound docs/arena.md gives from the whole zoo. Skipped (77) without valgrind.
if(NETSHAPE_PERF_PYTHON)
  add_test(NAME perf.arena_cost
    COMMAND ${NETSHAPE_PERF_PYTHON} ${PROJECT_SOURCE_DIR}/bench/arena_cost.py --compiler ${CMAKE_CXX_COMPILER}
            --models densenet121 resnet50 --kinds floor figures arena --jobs 1 --check 3.0)
  # Instructions do not depend on the machine's load: it runs beside other tests, started early.
  set_tests_properties(perf.arena_cost PROPERTIES LABELS perf COST 1000 TIMEOUT 900 SKIP_RETURN_CODE 77)
endif()
