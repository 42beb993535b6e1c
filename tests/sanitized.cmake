# Constant evaluation under the undefined-behaviour sanitizer: compiling tests/sanitized/*.cpp with
# -fsanitize=undefined must succeed with the build's compiler and warnings (g++'s null checks reject
# pointer comparisons in constant expressions; netshape's compile-time code makes none). Compiling
# is the test: it runs in every build, not only in the sanitize presets.
file(GLOB netshape_sanitized_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/sanitized/*.cpp)
foreach(source IN LISTS netshape_sanitized_sources)
  get_filename_component(name ${source} NAME_WE)
  add_test(NAME sanitized.${name}
    COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 ${NETSHAPE_WARNINGS} -fsanitize=undefined -fsyntax-only
            -I${PROJECT_SOURCE_DIR}/include ${source})
  set_tests_properties(sanitized.${name} PROPERTIES LABELS sanitize)
endforeach()
