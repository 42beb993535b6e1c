# Packaging suite (label packaging): install this build into a scratch prefix, then build and run
# tests/consumer against it with find_package and with pkg-config, with a bare compiler and -I, and
# against the source tree with add_subdirectory; and check the version file's compatibility rules.
# The consumer uses the same compiler and build type as this build.
if(NOT NETSHAPE_INSTALL)
  message(STATUS "packaging tests not registered: NETSHAPE_INSTALL is OFF")
  return()
endif()

set(netshape_pkg_root "${PROJECT_BINARY_DIR}/packaging")
set(netshape_pkg_prefix "${netshape_pkg_root}/prefix")
math(EXPR netshape_next_major "${PROJECT_VERSION_MAJOR} + 1")

function(netshape_packaging_test mode version)
  string(REPLACE "-" "_" name "${mode}")
  add_test(NAME packaging.${name}
    COMMAND ${CMAKE_COMMAND}
      -DMODE=${mode} -DVERSION=${version}
      "-DCOMPILER=${CMAKE_CXX_COMPILER}" "-DGENERATOR=${CMAKE_GENERATOR}"
      "-DBUILD_TYPE=${CMAKE_BUILD_TYPE}"
      "-DOUTER=${PROJECT_BINARY_DIR}" "-DPREFIX=${netshape_pkg_prefix}"
      "-DWORK=${netshape_pkg_root}/${name}" "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
      "-DCMAKEDIR=${NETSHAPE_INSTALL_CMAKEDIR}" "-DPKGCONFIGDIR=${NETSHAPE_INSTALL_PKGCONFIGDIR}"
      "-DINCLUDEDIR=${CMAKE_INSTALL_INCLUDEDIR}"
      -P "${CMAKE_CURRENT_LIST_DIR}/consumer/drive.cmake")
  set_tests_properties(packaging.${name} PROPERTIES LABELS packaging)
  if(mode STREQUAL "install")
    set_tests_properties(packaging.${name} PROPERTIES FIXTURES_SETUP netshape_installed)
  elseif(NOT mode STREQUAL "subdirectory")
    set_tests_properties(packaging.${name} PROPERTIES FIXTURES_REQUIRED netshape_installed)
  endif()
endfunction()

netshape_packaging_test(install "")
netshape_packaging_test(find_package "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}")
netshape_packaging_test(pkg-config "")
netshape_packaging_test(plain "")
netshape_packaging_test(subdirectory "")
netshape_packaging_test(wrong_version "${netshape_next_major}.0")
# The optional bridges as components, where this build found their dependencies.
if(TARGET netshape::hana AND TARGET netshape::torch)
  netshape_packaging_test(components "hana,torch")
elseif(TARGET netshape::hana)
  netshape_packaging_test(components "hana")
endif()
netshape_packaging_test(version_file "${PROJECT_VERSION}:${netshape_next_major}")
