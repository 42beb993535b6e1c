# Drives one packaging test (cmake -P). Variables:
#   MODE        install | find_package | pkg-config | subdirectory | plain | wrong_version |
#               version_file
#   COMPILER    the outer build's C++ compiler (the consumer must use the same one)
#   GENERATOR   the outer build's generator
#   OUTER       the outer build directory (what `cmake --install` installs from)
#   PREFIX      the temporary install prefix
#   WORK        this test's own scratch directory (wiped first)
#   SOURCE_DIR  netshape's source tree
#   VERSION     version to request from find_package
#   BUILD_TYPE  the outer build's CMAKE_BUILD_TYPE (same flags as the outer build)
#   CMAKEDIR, PKGCONFIGDIR, INCLUDEDIR  install locations relative to PREFIX
cmake_minimum_required(VERSION 3.25)

set(consumer_src "${CMAKE_CURRENT_LIST_DIR}")
set(expected_line "netshape consumer: params 770, macs 7552")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  set(run_rc "${rc}" PARENT_SCOPE)
  set(run_out "${out}" PARENT_SCOPE)
endfunction()

function(must)
  run(${ARGN})
  message("${run_out}")
  if(NOT run_rc EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "failed (${run_rc}): ${command}")
  endif()
  set(run_out "${run_out}" PARENT_SCOPE)
endfunction()

function(expect_in text what)
  string(FIND "${text}" "${what}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected to find '${what}' in the output above")
  endif()
endfunction()

function(run_consumer exe)
  must("${exe}")
  expect_in("${run_out}" "${expected_line}")
endfunction()

# Configure, build and run tests/consumer in WORK with the given extra -D options.
function(consumer_build)
  must(${CMAKE_COMMAND} -S "${consumer_src}" -B "${WORK}" -G "${GENERATOR}"
       "-DCMAKE_CXX_COMPILER=${COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
       -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF ${ARGN})
  set(configure_out "${run_out}" PARENT_SCOPE)
  must(${CMAKE_COMMAND} --build "${WORK}")
  run_consumer("${WORK}/consumer")
endfunction()

if(MODE STREQUAL "install")
  file(REMOVE_RECURSE "${PREFIX}")
  must(${CMAKE_COMMAND} --install "${OUTER}" --prefix "${PREFIX}")
  foreach(file IN ITEMS
      "${INCLUDEDIR}/netshape/netshape.hpp" "${INCLUDEDIR}/netshape/print.hpp"
      "${CMAKEDIR}/netshapeConfig.cmake" "${CMAKEDIR}/netshapeConfigVersion.cmake"
      "${CMAKEDIR}/netshapeTargets.cmake" "${PKGCONFIGDIR}/netshape.pc")
    if(NOT EXISTS "${PREFIX}/${file}")
      message(FATAL_ERROR "not installed: ${PREFIX}/${file}")
    endif()
  endforeach()
  # Every header in the source tree is installed (a new subdirectory must not be forgotten).
  file(GLOB_RECURSE headers RELATIVE "${SOURCE_DIR}/include" "${SOURCE_DIR}/include/*.hpp")
  foreach(header IN LISTS headers)
    if(NOT EXISTS "${PREFIX}/${INCLUDEDIR}/${header}")
      message(FATAL_ERROR "header not installed: ${header}")
    endif()
  endforeach()
  list(LENGTH headers count)
  message("installed ${count} headers and the package files into ${PREFIX}")
  return()
endif()

file(REMOVE_RECURSE "${WORK}")

if(MODE STREQUAL "find_package")
  consumer_build(-DNETSHAPE_CONSUMER_MODE=find_package "-DCMAKE_PREFIX_PATH=${PREFIX}"
                 "-DNETSHAPE_CONSUMER_VERSION=${VERSION}")
  # It must be the tree just installed, not some other netshape on the machine.
  expect_in("${configure_out}" "from ${PREFIX}/${CMAKEDIR}")
elseif(MODE STREQUAL "components")
  # VERSION here: the components to ask for ("hana", "hana,torch"); an unknown one must fail.
  string(REPLACE "," ";" components "${VERSION}")
  consumer_build(-DNETSHAPE_CONSUMER_MODE=find_package "-DCMAKE_PREFIX_PATH=${PREFIX}"
                 "-DNETSHAPE_CONSUMER_COMPONENTS=${VERSION}")
  if("torch" IN_LIST components)
    expect_in("${configure_out}" "netshape::torch found")
  endif()
  run(${CMAKE_COMMAND} -S "${consumer_src}" -B "${WORK}-unknown" -G "${GENERATOR}"
      "-DCMAKE_CXX_COMPILER=${COMPILER}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
      -DNETSHAPE_CONSUMER_MODE=find_package "-DCMAKE_PREFIX_PATH=${PREFIX}"
      -DNETSHAPE_CONSUMER_COMPONENTS=no_such_bridge)
  message("${run_out}")
  if(run_rc EQUAL 0)
    message(FATAL_ERROR "find_package(netshape COMPONENTS no_such_bridge) was accepted")
  endif()
  expect_in("${run_out}" "no_such_bridge")
elseif(MODE STREQUAL "pkg-config")
  set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${PKGCONFIGDIR}")
  find_program(pkg_config NAMES pkg-config pkgconf REQUIRED)
  # The .pc file locates its prefix relative to itself: it must resolve to the installed headers.
  must("${pkg_config}" --variable=includedir netshape)
  string(STRIP "${run_out}" includedir)
  file(REAL_PATH "${includedir}" includedir)
  file(REAL_PATH "${PREFIX}/${INCLUDEDIR}" installed)
  if(NOT includedir STREQUAL installed)
    message(FATAL_ERROR "netshape.pc includedir is ${includedir}, expected ${installed}")
  endif()
  must("${pkg_config}" --cflags netshape)
  expect_in("${run_out}" "-std=c++20")
  consumer_build(-DNETSHAPE_CONSUMER_MODE=pkg-config)
elseif(MODE STREQUAL "subdirectory")
  consumer_build(-DNETSHAPE_CONSUMER_MODE=subdirectory "-DNETSHAPE_SOURCE_DIR=${SOURCE_DIR}")
elseif(MODE STREQUAL "plain")
  # No build system at all: the compiler, the installed include directory and C++20.
  file(MAKE_DIRECTORY "${WORK}")
  must("${COMPILER}" -std=c++20 -Wall -Wextra -Wpedantic -Werror -I "${PREFIX}/${INCLUDEDIR}"
       "${consumer_src}/main.cpp" -o "${WORK}/consumer")
  run_consumer("${WORK}/consumer")
elseif(MODE STREQUAL "wrong_version")
  # SameMajorVersion: a request for the next major version must be refused.
  run(${CMAKE_COMMAND} -S "${consumer_src}" -B "${WORK}" -G "${GENERATOR}"
      "-DCMAKE_CXX_COMPILER=${COMPILER}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
      -DNETSHAPE_CONSUMER_MODE=find_package "-DCMAKE_PREFIX_PATH=${PREFIX}"
      "-DNETSHAPE_CONSUMER_VERSION=${VERSION}")
  message("${run_out}")
  if(run_rc EQUAL 0)
    message(FATAL_ERROR "find_package(netshape ${VERSION}) was accepted by an older major version")
  endif()
  expect_in("${run_out}" "compatible with requested version \"${VERSION}\"")
  expect_in("${run_out}" "${PREFIX}/${CMAKEDIR}/netshapeConfig.cmake")
elseif(MODE STREQUAL "version_file")
  # Evaluate the installed version file the way find_package does, for requests CMake cannot be
  # made to issue here: an older minor (accepted by SameMajorVersion, refused by SameMinorVersion
  # and ExactVersion) and a 32-bit consumer (accepted only because the file is ARCH_INDEPENDENT).
  # VERSION is "<the project's version>:<the next major version>".
  string(REPLACE ":" ";" VERSION "${VERSION}")
  list(GET VERSION 0 current)
  list(GET VERSION 1 next_major)
  string(REGEX MATCH "^[0-9]+" major "${current}")
  function(version_check request pointer_size expected)
    set(PACKAGE_FIND_NAME netshape)
    set(PACKAGE_FIND_VERSION "${request}")
    string(REPLACE "." ";" parts "${request}.0.0.0")
    list(GET parts 0 PACKAGE_FIND_VERSION_MAJOR)
    list(GET parts 1 PACKAGE_FIND_VERSION_MINOR)
    list(GET parts 2 PACKAGE_FIND_VERSION_PATCH)
    list(GET parts 3 PACKAGE_FIND_VERSION_TWEAK)
    set(PACKAGE_FIND_VERSION_COUNT 2)
    set(CMAKE_SIZEOF_VOID_P ${pointer_size})
    include("${PREFIX}/${CMAKEDIR}/netshapeConfigVersion.cmake")
    if(PACKAGE_VERSION_COMPATIBLE AND NOT PACKAGE_VERSION_UNSUITABLE)
      set(got accepted)
    else()
      set(got refused)
    endif()
    message("request ${request}, ${pointer_size}-byte pointers: ${got} (package ${PACKAGE_VERSION})")
    if(NOT got STREQUAL expected)
      message(FATAL_ERROR "expected ${expected}")
    endif()
  endfunction()
  version_check("${major}.0" 8 accepted)
  version_check("${current}" 8 accepted)
  version_check("${current}" 4 accepted)
  version_check("${next_major}.0" 8 refused)
  version_check("${current}.1" 8 refused)  # newer than what is installed
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()
