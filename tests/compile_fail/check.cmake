# Compile-fail driver, run as:
#   cmake -DCOMPILER=<c++> -DINCLUDE=<dir> -DSOURCE=<file.cpp> -P check.cmake
# Passes only if compiling SOURCE fails, the first diagnostic line with "error:" matches
# "netshape: <expected>" (from the file's `// expect: <regex>` line), every `// context: <regex>`
# line matches somewhere in the diagnostic, and the whole diagnostic is at most MAX_LINES lines.
cmake_minimum_required(VERSION 3.25)
if(NOT DEFINED MAX_LINES)
  set(MAX_LINES 40)
endif()
file(STRINGS "${SOURCE}" expect_lines REGEX "^// expect: ")
list(LENGTH expect_lines expect_count)
if(NOT expect_count EQUAL 1)
  message(FATAL_ERROR "${SOURCE}: needs exactly one '// expect: <regex>' line (found ${expect_count})")
endif()
string(REGEX REPLACE "^// expect: " "" expected "${expect_lines}")
file(STRINGS "${SOURCE}" context_lines REGEX "^// context: ")

execute_process(
  COMMAND "${COMPILER}" -std=c++20 -fsyntax-only -I${INCLUDE} "${SOURCE}"
  RESULT_VARIABLE status
  OUTPUT_VARIABLE out
  ERROR_VARIABLE out)

if(status EQUAL 0)
  message(FATAL_ERROR "${SOURCE}: compiled, but it must fail with 'netshape: ${expected}'")
endif()

string(REPLACE ";" "\\;" escaped "${out}")
string(REPLACE "\n" ";" diagnostic_lines "${escaped}")
list(LENGTH diagnostic_lines line_count)
if(out MATCHES "\n$")
  math(EXPR line_count "${line_count} - 1")
endif()

set(first_error "")
foreach(line IN LISTS diagnostic_lines)
  # "error:" as the compilers print it (a type named layer_error<...> does not match).
  if(line MATCHES "(^|: )(fatal )?error: ")
    set(first_error "${line}")
    break()
  endif()
endforeach()

if(first_error STREQUAL "")
  message(FATAL_ERROR "${SOURCE}: failed without an 'error:' line:\n${out}")
endif()
if(NOT first_error MATCHES "netshape: ${expected}")
  message(FATAL_ERROR "${SOURCE}: first error is not 'netshape: ${expected}':\n  ${first_error}\nfull diagnostic:\n${out}")
endif()
if(first_error MATCHES "internal compiler error")
  message(FATAL_ERROR "${SOURCE}: internal compiler error:\n${out}")
endif()
foreach(context IN LISTS context_lines)
  string(REGEX REPLACE "^// context: " "" pattern "${context}")
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "${SOURCE}: diagnostic does not show '${pattern}':\n${out}")
  endif()
endforeach()
if(line_count GREATER MAX_LINES)
  message(FATAL_ERROR "${SOURCE}: diagnostic is ${line_count} lines, more than ${MAX_LINES}:\n${out}")
endif()
message(STATUS "${SOURCE}: ${first_error} (${line_count} lines)")
