#include "logto/encoding/json.hpp"

#include <cmath>
#include <cstdint>

namespace logto::json_text {

nlohmann::json parse(std::string_view text) {
  nlohmann::json result;
  nlohmann::detail::json_sax_dom_parser<nlohmann::json> sax(result, false);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &sax)) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return result;
}

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string quote(const std::string& text) {
  return dump(nlohmann::json(text));
}

std::string number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9007199254740992.0) {
    return dump(nlohmann::json(static_cast<int64_t>(value)));
  }
  return dump(nlohmann::json(value));
}

}  // namespace logto::json_text
