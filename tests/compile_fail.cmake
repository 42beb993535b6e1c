# Compile-fail suite: one CTest per tests/compile_fail/*.cpp (label compile-fail). Each file is a
# malformed network whose first error must read "netshape: <expected>" (see compile_fail/check.cmake).
file(GLOB netshape_compile_fail_cases CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/compile_fail/*.cpp)
foreach(source IN LISTS netshape_compile_fail_cases)
  get_filename_component(name ${source} NAME_WE)
  add_test(NAME compile_fail.${name}
    COMMAND ${CMAKE_COMMAND} -DCOMPILER=${CMAKE_CXX_COMPILER} -DINCLUDE=${PROJECT_SOURCE_DIR}/include
            -DSOURCE=${source} -P ${CMAKE_CURRENT_LIST_DIR}/compile_fail/check.cmake)
  set_tests_properties(compile_fail.${name} PROPERTIES LABELS compile-fail)
endforeach()
