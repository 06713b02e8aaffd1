# map_entries(OUT_VAR FILES...): the C++ initializer lines {"name", R"asset(text)asset"}, one per
# file, for the generated asset maps (embed_assets.cmake, embed_console.cmake). Stops the build
# when a file holds the raw string's own delimiter.
function(map_entries out_var)
  set(entries "")
  foreach(path IN LISTS ARGN)
    get_filename_component(name "${path}" NAME)
    file(READ "${path}" text)
    string(FIND "${text}" ")asset\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${path} contains )asset\" and cannot be embedded")
    endif()
    string(APPEND entries "      {\"${name}\", R\"asset(${text})asset\"},\n")
  endforeach()
  set(${out_var} "${entries}" PARENT_SCOPE)
endfunction()
