# Writes OUTPUT, a C++ file defining kSignInScript and kSignInStyle from the asset files and
# page_template() over every provider/assets/templates/*.html, so the provider is one binary
# with its pages inside. Run by provider/CMakeLists.txt.
file(READ "${SCRIPT}" script_text)
file(READ "${STYLE}" style_text)
include("${CMAKE_CURRENT_LIST_DIR}/embed_entries.cmake")
file(GLOB template_files "${TEMPLATE_DIR}/*.html")
map_entries(template_entries ${template_files})
file(WRITE "${OUTPUT}"
  "// Generated from provider/assets by cmake/embed_assets.cmake. Do not edit.\n"
  "#include \"http/page_templates.hpp\"\n"
  "#include \"interaction/sign_in_assets.hpp\"\n"
  "#include <map>\n"
  "namespace provider::interaction {\n"
  "const char* const kSignInScript = R\"asset(${script_text})asset\";\n"
  "const char* const kSignInStyle = R\"asset(${style_text})asset\";\n"
  "}  // namespace provider::interaction\n"
  "namespace provider::http {\n"
  "const std::string* page_template(const std::string& name) {\n"
  "  static const std::map<std::string, std::string> templates = {\n"
  "${template_entries}"
  "  };\n"
  "  auto found = templates.find(name);\n"
  "  return found == templates.end() ? nullptr : &found->second;\n"
  "}\n"
  "}  // namespace provider::http\n")
