// The plain sign-in page: HTML rendered here (every reflected value escaped), a small script
// that talks to the experience API, and a stylesheet. No inline script or style, so the CSP
// can forbid them.
#include "http/util.hpp"
#include "interaction/experience.hpp"
#include "oidc/authorize.hpp"
#include "store/applications.hpp"
#include "store/sessions.hpp"

namespace provider::interaction {
namespace {

const char* kScript = R"js(// Sign-in page: posts the form to the experience API as JSON.
const form = document.getElementById('sign-in-form');
const error = document.getElementById('error');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const response = await fetch(`/api/experience/${encodeURIComponent(form.dataset.interaction)}/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: form.identifier.value.trim(), password: form.password.value }),
    });
    const body = await response.json();
    if (response.ok && body.redirectTo) {
      window.location.assign(body.redirectTo);
      return;
    }
    error.textContent = body.message || 'Sign-in failed. Try again.';
  } catch {
    error.textContent = 'The server could not be reached. Check your connection and try again.';
  }
  button.disabled = false;
});
)js";

const char* kStyle =
    R"css(:root { font-family: system-ui, sans-serif; color: #1f2330; background: #f3f4f8; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; }
.card { background: #fff; padding: 2rem 2.25rem; border-radius: 14px; width: min(24rem, 92vw);
  box-shadow: 0 10px 30px rgba(20, 24, 40, .08); }
h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
p.app { color: #5b6275; margin: 0 0 1.5rem; }
label { display: block; font-size: .875rem; margin: 1rem 0 .35rem; }
input { width: 100%; box-sizing: border-box; padding: .7rem .8rem; font-size: 1rem;
  border: 1px solid #c9cdd8; border-radius: 8px; }
button { margin-top: 1.5rem; width: 100%; padding: .75rem; font-size: 1rem; border: 0;
  border-radius: 8px; background: #5d34f2; color: #fff; cursor: pointer; }
button:disabled { opacity: .6; }
.error { color: #c62828; min-height: 1.25rem; margin-top: 1rem; }
)css";

}  // namespace

void handle_sign_in_page(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string id = req.get_param_value("interaction");
  auto interaction = store::find_interaction(ctx.db(), id, now_seconds());
  if (!interaction) {
    return http::send_page(res, 404, "Sign-in expired",
                           "<h1>This sign-in has expired</h1><p>Go back to the site and "
                           "start again.</p>");
  }
  const auto& p = interaction->params;
  auto app = store::find_application(ctx.db(), p["client_id"]);
  std::string hint = p.value("login_hint", "");
  http::send_page(
      res, 200, "Sign in",
      "<h1>Sign in</h1><p class=\"app\">to continue to " +
          http::html_escape(app ? app->name : "the application") +
          "</p><form id=\"sign-in-form\" data-interaction=\"" + http::html_escape(interaction->id) +
          "\" novalidate><label for=\"identifier\">Username or phone number</label>"
          "<input id=\"identifier\" name=\"identifier\" autocomplete=\"username\" required "
          "value=\"" +
          http::html_escape(hint) +
          "\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\" "
          "type=\"password\" autocomplete=\"current-password\" required>"
          "<button type=\"submit\">Sign in</button><p id=\"error\" class=\"error\" "
          "role=\"alert\" aria-live=\"polite\"></p></form>"
          "<script src=\"/assets/sign-in.js\"></script>");
}

void handle_asset(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-cache");
  if (req.path == "/assets/sign-in.js") {
    res.set_content(kScript, "text/javascript; charset=utf-8");
  } else if (req.path == "/assets/sign-in.css") {
    res.set_content(kStyle, "text/css; charset=utf-8");
  } else {
    res.status = 404;
  }
}

}  // namespace provider::interaction
