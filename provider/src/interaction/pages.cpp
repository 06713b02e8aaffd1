// The sign-in pages: HTML rendered here in the chosen language (every reflected value
// escaped), one script that talks only to the experience API, one stylesheet. No inline
// script or style, so the CSP forbids them; the page's strings travel as inert JSON.
#include "http/util.hpp"
#include "interaction/experience.hpp"
#include "interaction/messages.hpp"
#include "interaction/sign_in_assets.hpp"
#include "store/applications.hpp"
#include "store/connectors.hpp"
#include "store/sessions.hpp"

namespace provider::interaction {
namespace {

using http::html_escape;

std::string text(const nlohmann::json& m, const char* key) {
  return html_escape(m[key].get<std::string>());
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  return pos == std::string::npos ? s : s.replace(pos, from.size(), to);
}

// The common country codes; any other works by typing "+" and the number. The provider's
// default region (the one national numbers are read in) is preselected.
std::string country_options(const std::string& default_region) {
  struct Country {
    const char *dial, *region, *label;
  };
  static const Country countries[] = {
      {"+81", "JP", "JP"}, {"+1", "US", "US/CA"}, {"+44", "GB", "GB"},  {"+86", "CN", "CN"},
      {"+82", "KR", "KR"}, {"+886", "TW", "TW"},  {"+852", "HK", "HK"}, {"+65", "SG", "SG"},
      {"+61", "AU", "AU"}, {"+49", "DE", "DE"},   {"+33", "FR", "FR"},  {"+91", "IN", "IN"}};
  std::string out;
  for (const auto& c : countries) {
    out += std::string("<option value=\"") + c.dial + "\"" +
           (default_region == c.region ? " selected" : "") + ">" + c.label + " " + c.dial +
           "</option>";
  }
  return out;
}

}  // namespace

void handle_sign_in_page(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string lang = choose_language(req);
  const auto& m = messages(lang);
  if (!req.get_param_value("lang").empty()) {
    http::set_cookie(res, ctx, "logto_lang", lang, 365 * 24 * 3600);
  }
  std::string id = req.get_param_value("interaction");
  auto interaction = store::find_interaction(ctx.db(), id, now_seconds());
  if (!interaction) {
    return http::send_page(res, 404, m["title"],
                           "<h1>" + text(m, "title") + "</h1><p>" + text(m, "expired") + "</p>");
  }
  const auto& p = interaction->params;
  auto app = store::find_application(ctx.db(), p["client_id"]);
  auto settings = store::experience_settings(ctx.db());
  bool by_code = false, by_password = false;
  for (const auto& method : settings["signIn"]["methods"]) {
    by_code = by_code || method.value("verificationCode", false);
    by_password = by_password || method.value("password", false);
  }
  std::string hint = p.value("login_hint", "");
  std::string other = lang == "ja" ? "en" : "ja";
  std::string self = "/sign-in?interaction=" + logto::url::form_encode(interaction->id);
  std::string phone_fields =
      "<div class=\"phone\"><label for=\"{id}-country\">" + text(m, "countryLabel") +
      "</label><select id=\"{id}-country\" name=\"country\">" +
      country_options(ctx.config().phone_region) + "</select><label for=\"{id}-phone\">" +
      text(m, "phoneLabel") +
      "</label><input id=\"{id}-phone\" name=\"phone\" type=\"tel\" inputmode=\"tel\" "
      "autocomplete=\"tel\" required value=\"" +
      html_escape(hint) + "\"></div>";
  auto fields = [&](const std::string& prefix) {
    std::string out = phone_fields;
    for (size_t pos; (pos = out.find("{id}")) != std::string::npos;) out.replace(pos, 4, prefix);
    return out;
  };
  std::string body =
      "<p class=\"lang\"><a href=\"" + html_escape(self + "&lang=" + other) + "\" lang=\"" + other +
      "\" hreflang=\"" + other + "\">" + text(m, "otherLanguage") +
      "</a></p><div id=\"experience\" data-interaction=\"" + html_escape(interaction->id) +
      "\" data-csrf=\"" + html_escape(csrf_token(ctx, interaction->id)) + "\" data-start=\"" +
      (by_code ? "code" : "password") + "\"><h1 id=\"heading\">" + text(m, "title") +
      "</h1><p class=\"app\">" +
      html_escape(replace(m["toContinue"], "{app}", app ? app->name : "the application")) +
      "</p>"
      // 1. Phone number, then a code by SMS.
      "<form id=\"phone-step\" novalidate" +
      (by_code ? "" : " hidden") + ">" + fields("code") + "<button type=\"submit\">" +
      text(m, "sendCode") + "</button>" +
      (by_password ? "<p class=\"links\"><button type=\"button\" class=\"link\" "
                     "data-go=\"password-step\">" +
                         text(m, "usePassword") + "</button></p>"
                   : "") +
      "</form>"
      // 2. The code (and a password when one is needed).
      "<form id=\"code-step\" novalidate hidden><p id=\"code-sent\"></p><label for=\"code\">" +
      text(m, "codeLabel") +
      "</label><input id=\"code\" name=\"code\" inputmode=\"numeric\" "
      "autocomplete=\"one-time-code\" maxlength=\"6\" pattern=\"[0-9]{6}\" required>"
      "<div id=\"password-block\" hidden><label for=\"new-password\" id=\"new-password-label\">" +
      text(m, "createPassword") +
      "</label><input id=\"new-password\" name=\"password\" type=\"password\" "
      "autocomplete=\"new-password\" minlength=\"8\"></div><button type=\"submit\">" +
      text(m, "continue") +
      "</button><p class=\"links\"><button type=\"button\" class=\"link\" id=\"resend\" "
      "disabled></button> <button type=\"button\" class=\"link\" data-go=\"back\">" +
      text(m, "back") +
      "</button></p></form>"
      // 3. Phone number and password.
      "<form id=\"password-step\" novalidate" +
      (by_code ? " hidden" : "") + ">" + fields("password") + "<label for=\"password\">" +
      text(m, "passwordLabel") +
      "</label><input id=\"password\" name=\"password\" type=\"password\" "
      "autocomplete=\"current-password\" required><button type=\"submit\">" +
      text(m, "signIn") + "</button><p class=\"links\">" +
      (by_code
           ? "<button type=\"button\" class=\"link\" data-go=\"phone-step\">" + text(m, "useCode") +
                 "</button> <button type=\"button\" class=\"link\" "
                 "data-go=\"forgot\">" +
                 text(m, "forgot") + "</button>"
           : "") +
      "</p></form><p id=\"error\" class=\"error\" role=\"alert\" aria-live=\"polite\"></p></div>"
      "<script type=\"application/json\" id=\"messages\">" +
      // Inert data; "<" escaped so no string can close the element.
      http::script_safe_json(m) + "</script><script src=\"/assets/sign-in.js\"></script>";
  http::send_page(res, 200, m["title"], body, lang);
}

void handle_asset(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-cache");
  if (req.path == "/assets/sign-in.js") {
    res.set_content(kSignInScript, "text/javascript; charset=utf-8");
  } else if (req.path == "/assets/sign-in.css") {
    res.set_content(kSignInStyle, "text/css; charset=utf-8");
  } else {
    res.status = 404;
  }
}

}  // namespace provider::interaction
