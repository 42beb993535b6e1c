# Installation and packaging: headers, the exported target netshape::netshape, a CMake package
# (netshapeConfig.cmake + netshapeConfigVersion.cmake) and netshape.pc for pkg-config.
# Included from the top-level CMakeLists.txt after the netshape target is defined.
#
# On by default only when netshape is the top-level project, so that a parent using
# add_subdirectory() does not install netshape unless it asks to (-DNETSHAPE_INSTALL=ON).
option(NETSHAPE_INSTALL "Generate netshape's install rules" ${PROJECT_IS_TOP_LEVEL})
if(NOT NETSHAPE_INSTALL)
  return()
endif()

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# netshape is header-only, so the package holds nothing architecture-specific: its CMake and
# pkg-config files go under share/ and one installed tree serves every architecture.
set(NETSHAPE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/netshape"
    CACHE STRING "Where netshapeConfig.cmake is installed (relative to the prefix)")
set(NETSHAPE_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig"
    CACHE STRING "Where netshape.pc is installed (relative to the prefix)")
mark_as_advanced(NETSHAPE_INSTALL_CMAKEDIR NETSHAPE_INSTALL_PKGCONFIGDIR)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/netshape"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  COMPONENT netshape_development
  FILES_MATCHING PATTERN "*.hpp")

# The target already names $<INSTALL_INTERFACE:include>; only a non-default include directory
# needs to be added, otherwise the exported include path would appear twice.
if(NOT CMAKE_INSTALL_INCLUDEDIR STREQUAL "include")
  set(netshape_extra_includes INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()
install(TARGETS netshape EXPORT netshapeTargets ${netshape_extra_includes})
install(EXPORT netshapeTargets
  NAMESPACE netshape::
  FILE netshapeTargets.cmake
  DESTINATION "${NETSHAPE_INSTALL_CMAKEDIR}"
  COMPONENT netshape_development)

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/netshapeConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/netshapeConfig.cmake"
  INSTALL_DESTINATION "${NETSHAPE_INSTALL_CMAKEDIR}")
# 0.x.y: SameMajorVersion accepts any 0.* request; ARCH_INDEPENDENT because nothing is compiled,
# so a 32-bit consumer may use the same installed tree.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/netshapeConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion
  ARCH_INDEPENDENT)
install(FILES
  "${PROJECT_BINARY_DIR}/netshapeConfig.cmake"
  "${PROJECT_BINARY_DIR}/netshapeConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/netshapeComponents.cmake"
  DESTINATION "${NETSHAPE_INSTALL_CMAKEDIR}"
  COMPONENT netshape_development)

# pkg-config: the prefix is computed from the .pc file's own location so that the tree stays valid
# when installed with `cmake --install --prefix <elsewhere>` or moved afterwards.
file(RELATIVE_PATH netshape_pc_to_prefix
  "/prefix/${NETSHAPE_INSTALL_PKGCONFIGDIR}" "/prefix")
if(IS_ABSOLUTE "${NETSHAPE_INSTALL_PKGCONFIGDIR}")
  set(netshape_pc_prefix "${CMAKE_INSTALL_PREFIX}")
else()
  string(REGEX REPLACE "/$" "" netshape_pc_to_prefix "${netshape_pc_to_prefix}")
  set(netshape_pc_prefix "\${pcfiledir}/${netshape_pc_to_prefix}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(netshape_pc_includedir "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(netshape_pc_includedir "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/netshape.pc.in" "${PROJECT_BINARY_DIR}/netshape.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/netshape.pc"
  DESTINATION "${NETSHAPE_INSTALL_PKGCONFIGDIR}"
  COMPONENT netshape_development)
