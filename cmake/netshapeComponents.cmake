# The optional bridges, as INTERFACE IMPORTED targets over netshape::netshape (never included by
# the core, which needs only the standard library):
#   netshape::hana   <netshape/hana.hpp>, with Boost's headers (Boost.Hana; Debian: libboost-dev)
#   netshape::torch  <netshape/torch.hpp>, with libtorch (PyTorch's C++ API; Debian: libtorch-dev)
# Used by netshape's own build (CMakeLists.txt) and by the installed netshapeConfig.cmake, for
# find_package(netshape COMPONENTS hana torch). netshape_add_component(<name>) defines the target
# when its dependency is found and sets netshape_<name>_FOUND.
function(netshape_add_component name)
  set(found FALSE)
  if(name STREQUAL "hana")
    if(NOT TARGET Boost::headers)
      find_package(Boost 1.61 QUIET)  # Boost.Hana is in Boost since 1.61
    endif()
    if(TARGET Boost::headers)
      if(NOT TARGET netshape::hana)
        add_library(netshape::hana INTERFACE IMPORTED)
        set_target_properties(netshape::hana PROPERTIES INTERFACE_LINK_LIBRARIES "netshape::netshape;Boost::headers")
      endif()
      set(found TRUE)
    endif()
  elseif(name STREQUAL "torch")
    if(NOT Torch_FOUND)
      find_package(Torch CONFIG QUIET)
    endif()
    if(Torch_FOUND)
      if(NOT TARGET netshape::torch)
        add_library(netshape::torch INTERFACE IMPORTED)
        separate_arguments(netshape_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
        set_target_properties(netshape::torch PROPERTIES
          INTERFACE_LINK_LIBRARIES "netshape::netshape;${TORCH_LIBRARIES}"
          INTERFACE_COMPILE_OPTIONS "${netshape_torch_flags}")
      endif()
      set(found TRUE)
    endif()
  endif()
  set(netshape_${name}_FOUND ${found} PARENT_SCOPE)
endfunction()
