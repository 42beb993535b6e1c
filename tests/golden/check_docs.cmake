# cmake -DDIR=tests/golden -DROOT=<source> -DPAIRS="page.md=golden|..." -P check_docs.cmake: each page
# shows its golden output verbatim, as a fenced block ("```text" line, the file's text, "```").
cmake_minimum_required(VERSION 3.25)
string(REPLACE "|" ";" pairs "${PAIRS}")
foreach(pair IN LISTS pairs)
  string(REPLACE "=" ";" parts "${pair}")
  list(GET parts 0 page)
  list(GET parts 1 golden)
  file(READ ${ROOT}/${page} text)
  file(READ ${DIR}/${golden} expected)
  string(FIND "${text}" "```text\n${expected}```\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${page} does not show tests/golden/${golden} as it is now: copy the file's text into "
                        "the page's ```text block (after the update-goldens target, when the layout changed)")
  endif()
endforeach()
message(STATUS "the docs show the golden outputs: ${PAIRS}")
