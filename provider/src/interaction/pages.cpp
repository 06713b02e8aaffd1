// The sign-in pages: provider/assets/templates/sign-in.html rendered in the chosen language
// (every value escaped by the renderer), one script that talks only to the experience API, one
// stylesheet. No inline script or style, so the CSP forbids them; the page's strings travel as
// inert JSON.
#include "http/template.hpp"
#include "http/util.hpp"
#include "interaction/experience.hpp"
#include "interaction/messages.hpp"
#include "interaction/sign_in_assets.hpp"
#include "store/applications.hpp"
#include "store/connectors.hpp"
#include "store/errors.hpp"
#include "store/sessions.hpp"

namespace provider::interaction {
namespace {

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  return pos == std::string::npos ? s : s.replace(pos, from.size(), to);
}

// The common country codes; any other works by typing "+" and the number. The provider's
// default region (the one national numbers are read in) is preselected.
nlohmann::json country_options(const std::string& default_region) {
  struct Country {
    const char *dial, *region, *label;
  };
  static const Country countries[] = {
      {"+81", "JP", "JP"}, {"+1", "US", "US/CA"}, {"+44", "GB", "GB"},  {"+86", "CN", "CN"},
      {"+82", "KR", "KR"}, {"+886", "TW", "TW"},  {"+852", "HK", "HK"}, {"+65", "SG", "SG"},
      {"+61", "AU", "AU"}, {"+49", "DE", "DE"},   {"+33", "FR", "FR"},  {"+91", "IN", "IN"}};
  auto out = nlohmann::json::array();
  for (const auto& c : countries) {
    out.push_back({{"dial", c.dial}, {"label", c.label}, {"selected", default_region == c.region}});
  }
  return out;
}

}  // namespace

namespace {

// The page's values for `settings` (the sign-in experience) in `lang`; `interaction` and `csrf`
// are empty in the preview.
nlohmann::json page_values(Context& ctx, const std::string& lang, const nlohmann::json& settings,
                           const std::string& app_name, const std::string& interaction,
                           const std::string& csrf, const std::string& hint,
                           const std::string& other_href) {
  const auto& m = messages(lang);
  bool by_code = false, by_password = false;
  for (const auto& method : settings["signIn"]["methods"]) {
    by_code = by_code || method.value("verificationCode", false);
    by_password = by_password || method.value("password", false);
  }
  return {{"m", m},
          {"other", lang == "ja" ? "en" : "ja"},
          {"otherHref", other_href},
          {"interaction", interaction},
          {"csrf", csrf},
          {"preview", interaction.empty()},
          {"start", by_code ? "code" : "password"},
          {"byCode", by_code},
          {"byPassword", by_password},
          {"toContinue", replace(m["toContinue"], "{app}", app_name)},
          {"countries", country_options(ctx.config().phone_region)},
          {"hint", hint},
          // Inert data for the script; "<" escaped so no string can close the element.
          {"messagesJson", http::safe_html(http::script_safe_json(m))}};
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
    return http::send_message_page(res, 404, m["title"], m["title"], {m["expired"]}, lang);
  }
  const auto& p = interaction->params;
  auto app = store::find_application(ctx.db(), p["client_id"]);
  std::string other = lang == "ja" ? "en" : "ja";
  auto values = page_values(
      ctx, lang, store::experience_settings(ctx.db()), app ? app->name : "the application",
      interaction->id, csrf_token(ctx, interaction->id), p.value("login_hint", ""),
      "/sign-in?interaction=" + logto::url::form_encode(interaction->id) + "&lang=" + other);
  http::send_page(res, 200, m["title"], "sign-in.html", values, lang);
}

void handle_sign_in_preview(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string lang = choose_language(req);
  const auto& m = messages(lang);
  auto given = nlohmann::json::parse(req.get_param_value("settings"), nullptr, false);
  nlohmann::json settings;
  try {
    settings = store::normalize_experience(given.is_discarded() ? nlohmann::json::object() : given);
  } catch (const store::InvalidInput& e) {
    return http::send_message_page(res, 400, m["title"], m["title"], {e.what()}, lang, true);
  }
  std::string app = req.get_param_value("app");
  std::string other = lang == "ja" ? "en" : "ja";
  auto values = page_values(
      ctx, lang, settings, app.empty() ? "Bookstore" : app, "", "", "",
      "/sign-in/preview?lang=" + other + "&settings=" + logto::url::form_encode(settings.dump()));
  http::send_page(res, 200, m["title"], "sign-in.html", values, lang, true);
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
