# Compile-fail driver, run as:
#   cmake -DCOMPILER=<c++> -DINCLUDE=<dir> -DSOURCE=<file.cpp> -P check.cmake
# Passes only if compiling SOURCE fails, the first diagnostic line with "error:" matches
# "netshape: <expected>" (from the file's `// expect: <regex>` line; with a `// message-first` line,
# with nothing quoted before it), every `// context: <regex>`
# line matches somewhere in the diagnostic, it is the only error, it and the line locating the layer
# are at most 400 characters, and the whole diagnostic is at most MAX_LINES lines.
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
# A case with a `// message-first` line also needs the rule to come first on that line: no
# "due to requirement '...'" (clang's wording for a condition it can print) before it.
file(STRINGS "${SOURCE}" message_first_lines REGEX "^// message-first$")
if(message_first_lines AND NOT first_error MATCHES "error: [^']*netshape: ")
  message(FATAL_ERROR "${SOURCE}: the first error shows something before 'netshape: ${expected}':\n  ${first_error}")
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
# One mistake, one error: no follow-on error after the netshape: rule (a broken network's figures
# compare true with anything, so the case's own static_assert stays silent).
# A compiler's own follow-on error that netshape cannot prevent is named by a `// follow-on: <regex>`
# line in the case, and not counted.
file(STRINGS "${SOURCE}" follow_on_lines REGEX "^// follow-on: ")
set(error_count 0)
foreach(line IN LISTS diagnostic_lines)
  if(line MATCHES "(^|: )(fatal )?error: ")
    set(expected_follow_on FALSE)
    foreach(follow_on IN LISTS follow_on_lines)
      string(REGEX REPLACE "^// follow-on: " "" pattern "${follow_on}")
      if(line MATCHES "${pattern}")
        set(expected_follow_on TRUE)
      endif()
    endforeach()
    if(NOT expected_follow_on)
      math(EXPR error_count "${error_count} + 1")
    endif()
  endif()
endforeach()
if(NOT error_count EQUAL 1)
  message(FATAL_ERROR "${SOURCE}: ${error_count} errors, not one:\n${out}")
endif()
# The lines netshape controls stay readable whatever the network's size: the error and the lines
# that locate the layer, after their file name (the compilers' own "required from" lines may carry
# the network's type).
foreach(line IN LISTS diagnostic_lines)
  if(line STREQUAL first_error OR line MATCHES "layer_error<")
    # Measured after the file name the compiler puts first, which depends on where netshape lives.
    string(REGEX REPLACE "^[^ ]+:([0-9]+:[0-9]+:)? " "" text "${line}")
    string(LENGTH "${text}" length)
    if(length GREATER 400)
      message(FATAL_ERROR "${SOURCE}: a line of ${length} characters, more than 400:\n${line}")
    endif()
  endif()
endforeach()
if(line_count GREATER MAX_LINES)
  message(FATAL_ERROR "${SOURCE}: diagnostic is ${line_count} lines, more than ${MAX_LINES}:\n${out}")
endif()
message(STATUS "${SOURCE}: ${first_error} (${line_count} lines)")
