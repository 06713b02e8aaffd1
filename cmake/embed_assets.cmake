# Writes OUTPUT, a C++ file defining kSignInScript and kSignInStyle from the asset files, so
# the provider is one binary with its pages inside. Run by provider/CMakeLists.txt.
file(READ "${SCRIPT}" script_text)
file(READ "${STYLE}" style_text)
file(WRITE "${OUTPUT}"
  "// Generated from provider/assets by cmake/embed_assets.cmake. Do not edit.\n"
  "#include \"interaction/sign_in_assets.hpp\"\n"
  "namespace provider::interaction {\n"
  "const char* const kSignInScript = R\"asset(${script_text})asset\";\n"
  "const char* const kSignInStyle = R\"asset(${style_text})asset\";\n"
  "}  // namespace provider::interaction\n")
