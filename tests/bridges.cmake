# The optional bridges (label bridges): <netshape/hana.hpp> with Boost (label hana) and
# <netshape/torch.hpp> with libtorch (label torch). Without its dependency a bridge's tests are one
# test that reports itself SKIPPED (not passed), as the PyTorch reference tests do.

# A test that only says why a bridge's tests did not run, and is counted as skipped.
function(netshape_skipped_test name why)
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} -E echo "${name}: SKIPPED, ${why}")
  set_tests_properties(${name} PROPERTIES SKIP_REGULAR_EXPRESSION "${name}: SKIPPED" LABELS "bridges;${ARGN}")
endfunction()

# The zoo's models, as tests/bridges/zoo_models.hpp lists them (NETSHAPE_ZOO_MODELS).
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/bridges/zoo_models.hpp netshape_zoo_lines REGEX "^ +X\\(")
string(REGEX MATCHALL "X\\(([a-z0-9_]+)\\)" netshape_zoo_models "${netshape_zoo_lines}")
list(TRANSFORM netshape_zoo_models REPLACE "X\\(([a-z0-9_]+)\\)" "\\1")

# --- Boost.Hana ---------------------------------------------------------------------------------
if(TARGET netshape::hana)
  get_target_property(netshape_boost_dirs Boost::headers INTERFACE_INCLUDE_DIRECTORIES)
  set(netshape_boost_flags)
  foreach(dir IN LISTS netshape_boost_dirs)
    if(NOT dir IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)  # -isystem /usr/include breaks #include_next
      list(APPEND netshape_boost_flags -isystem ${dir})
    endif()
  endforeach()
  # The header alone (as tests/headers.cmake does for the others), with Boost's include path.
  file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/headers/netshape_hana_hpp.cpp
       CONTENT "#include <netshape/hana.hpp>\n#include <netshape/hana.hpp>\n")
  add_test(NAME header.netshape/hana.hpp
    COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 ${NETSHAPE_WARNINGS} -fsyntax-only -I${PROJECT_SOURCE_DIR}/include
            ${netshape_boost_flags} ${CMAKE_CURRENT_BINARY_DIR}/headers/netshape_hana_hpp.cpp)
  set_tests_properties(header.netshape/hana.hpp PROPERTIES LABELS "headers;bridges;hana")
  # Run-time checks.
  add_executable(test_hana ${CMAKE_CURRENT_LIST_DIR}/bridges/test_hana.cpp)
  target_link_libraries(test_hana PRIVATE netshape::hana netshape_doctest_main)
  target_compile_options(test_hana PRIVATE ${NETSHAPE_WARNINGS})
  add_test(NAME hana.unit COMMAND test_hana)
  set_tests_properties(hana.unit PROPERTIES LABELS "bridges;hana")
  # Every zoo model through hana::layers<Net>: one compile (-fsyntax-only) per model; the
  # static_asserts of bridges/hana_zoo.cpp are the test.
  foreach(model IN LISTS netshape_zoo_models)
    add_test(NAME hana.zoo.${model}
      COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 ${NETSHAPE_WARNINGS} -fsyntax-only -I${PROJECT_SOURCE_DIR}/include
              ${netshape_boost_flags} -DNETSHAPE_ZOO_MODEL=${model} ${CMAKE_CURRENT_LIST_DIR}/bridges/hana_zoo.cpp)
    set_tests_properties(hana.zoo.${model} PROPERTIES LABELS "bridges;hana")
  endforeach()
else()
  netshape_skipped_test(hana "Boost (Boost.Hana) not found: apt-get install libboost-dev" hana)
endif()

# --- libtorch -----------------------------------------------------------------------------------
include(${CMAKE_CURRENT_LIST_DIR}/bridges/torch.cmake)
