# Docs that compile (label docs): every C++ block of README.md and docs/*.md is compiled with this
# build's compiler and warnings by tools/extract_snippets.py; blocks with a main() are run. One test
# per Markdown file, plus the checker's self-test (it must reject broken, warning and failing blocks).
# The convention for blocks is in docs/contributing.md.
find_program(NETSHAPE_PYTHON3 NAMES python3 HINTS /usr/bin)
if(NOT NETSHAPE_PYTHON3)
  message(FATAL_ERROR "python3 is needed to check the C++ blocks of the docs")
endif()

set(netshape_snippet_command
  "${NETSHAPE_PYTHON3}" "${PROJECT_SOURCE_DIR}/tools/extract_snippets.py"
  --compiler "${CMAKE_CXX_COMPILER}" -I "${PROJECT_SOURCE_DIR}/include" --root "${PROJECT_SOURCE_DIR}")
# Boost is in the compiler's default search path on Debian; elsewhere pass where it was found.
foreach(dir IN LISTS Boost_INCLUDE_DIRS)
  if(NOT dir IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
    list(APPEND netshape_snippet_command "--flag=-isystem${dir}")
  endif()
endforeach()

add_test(NAME docs.self_test COMMAND ${netshape_snippet_command} --self-test)
set_tests_properties(docs.self_test PROPERTIES LABELS docs)

file(GLOB netshape_doc_pages CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/docs/*.md")
foreach(page IN ITEMS "${PROJECT_SOURCE_DIR}/README.md" ${netshape_doc_pages})
  file(RELATIVE_PATH name "${PROJECT_SOURCE_DIR}" "${page}")
  string(REGEX REPLACE "^docs/" "" name "${name}")
  string(REGEX REPLACE "[/]" "." test_name "docs.${name}")
  string(REGEX REPLACE "\\.md$" "" test_name "${test_name}")
  add_test(NAME ${test_name}
    COMMAND ${netshape_snippet_command} --work "${PROJECT_BINARY_DIR}/doc_snippets/${test_name}" "${page}")
  set_tests_properties(${test_name} PROPERTIES LABELS docs)
endforeach()
