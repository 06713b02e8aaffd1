# Writes OUTPUT, a C++ file defining console_asset() over every provider/assets/console/ file
# and the browser SDK's single-file module (SDK, js/dist/logto.mjs; empty when not built yet),
# so the provider serves its Console from its one binary. Run by provider/CMakeLists.txt.
include("${CMAKE_CURRENT_LIST_DIR}/embed_entries.cmake")
file(GLOB asset_files "${CONSOLE_DIR}/*")
map_entries(entries ${asset_files})
set(sdk_text "")
if(EXISTS "${SDK}")
  file(READ "${SDK}" sdk_text)
  string(FIND "${sdk_text}" ")sdk\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${SDK} contains )sdk\" and cannot be embedded")
  endif()
endif()
file(WRITE "${OUTPUT}"
  "// Generated from provider/assets/console and js/dist by cmake/embed_console.cmake.\n"
  "#include \"console/console_assets.hpp\"\n"
  "#include <map>\n"
  "namespace provider::console {\n"
  "const std::string* console_asset(const std::string& name) {\n"
  "  static const std::map<std::string, std::string> assets = {\n"
  "${entries}"
  "      {\"logto.mjs\", R\"sdk(${sdk_text})sdk\"},\n"
  "  };\n"
  "  auto found = assets.find(name);\n"
  "  return found == assets.end() || found->second.empty() ? nullptr : &found->second;\n"
  "}\n"
  "}  // namespace provider::console\n")
