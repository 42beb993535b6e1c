# Every header compiles on its own: one test per header under include/netshape (detail/ too), a
# translation unit that includes only that header, twice (its include guard), with the build's
# compiler, -std=c++20 and warnings. A header that leans on another being included first fails here.
file(GLOB_RECURSE netshape_headers CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}/include
     ${PROJECT_SOURCE_DIR}/include/netshape/*.hpp)
# The optional bridges need their dependency's headers: tests/bridges.cmake registers their tests.
list(REMOVE_ITEM netshape_headers netshape/hana.hpp netshape/torch.hpp)
foreach(header IN LISTS netshape_headers)
  string(MAKE_C_IDENTIFIER ${header} stem)
  set(unit ${CMAKE_CURRENT_BINARY_DIR}/headers/${stem}.cpp)
  file(CONFIGURE OUTPUT ${unit} CONTENT "#include <${header}>\n#include <${header}>\n")
  add_test(NAME header.${header}
    COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 ${NETSHAPE_WARNINGS} -fsyntax-only -I${PROJECT_SOURCE_DIR}/include ${unit})
  set_tests_properties(header.${header} PROPERTIES LABELS headers)
endforeach()
