# The arena's replay (tests/test_arena.cpp) writes and checks every zoo model's tensors three times
# over, some gigabytes in all: under the sanitize presets (ASan and UBSan, unoptimised) it took 10
# minutes of a loaded two-core machine, so it gets more than CTest's default 25.
if(TEST unit.test_arena)
  set_tests_properties(unit.test_arena PROPERTIES TIMEOUT 3600)
endif()
