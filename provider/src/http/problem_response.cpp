#include "http/problem_response.hpp"

#include <iostream>

#include "db/database.hpp"
#include "http/util.hpp"

namespace provider::http {
namespace {

void send_page_problem(httplib::Response& res, const Problem& problem, const std::string& lang) {
  if (problem.status() == 429) {
    return send_message_page(res, 429, "Too many requests", "Too many sign-in requests",
                             {problem.what()}, lang);
  }
  if (problem.status() >= 500) {
    return send_message_page(res, problem.status(), "Something went wrong", "Something went wrong",
                             {problem.what()}, lang);
  }
  send_message_page(res, problem.status(), "Sign-in request refused",
                    "This sign-in request cannot continue",
                    {problem.what(),
                     "Go back to the site you came from and try again; if this keeps happening, "
                     "tell its owner."},
                    lang);
}

void send_oauth_problem(httplib::Response& res, const Problem& problem) {
  send_oauth_error(res, problem.status(), problem.code(), problem.what());
  if (problem.status() != 401) return;
  if (problem.code() == "invalid_token") {
    // RFC 6750 §3; the description is ours (no quotes or backslashes in it).
    res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" +
                                           std::string(problem.what()) + "\"");
  } else {
    res.set_header("WWW-Authenticate", "Basic realm=\"oidc\"");
  }
}

}  // namespace

void send_problem(httplib::Response& res, Surface surface, const Problem& problem,
                  const std::string& lang) {
  switch (surface) {
    case Surface::Page:
      send_page_problem(res, problem, lang);
      break;
    case Surface::OAuth:
      send_oauth_problem(res, problem);
      break;
    case Surface::Api: {
      nlohmann::json body = {{"code", problem.code()}, {"message", problem.what()}};
      if (problem.data().is_object()) body.update(problem.data());
      send_json(res, problem.status(), body);
      break;
    }
  }
  if (problem.retry_after() > 0) {
    res.set_header("Retry-After", std::to_string(problem.retry_after()));
  }
}

void answer_problems(const httplib::Request& req, httplib::Response& res, Surface surface,
                     const std::function<void()>& body) {
  try {
    body();
  } catch (const Problem& problem) {
    send_problem(res, surface, problem);
  } catch (const db::InvalidTextError&) {
    send_problem(
        res, surface,
        Problem(400, surface == Surface::OAuth ? "invalid_request" : "request.invalid_text",
                "A parameter of the request is not valid UTF-8."));
  } catch (const db::UnavailableError& e) {
    std::cerr << "[provider] database unavailable on " << req.method << " " << req.path << ": "
              << e.what() << std::endl;
    Problem unavailable(
        503, surface == Surface::OAuth ? "temporarily_unavailable" : "database.unavailable",
        "The provider cannot reach its database; try again in a moment.");
    unavailable.retry_in(1);
    send_problem(res, surface, unavailable);
  } catch (const std::exception& e) {
    std::cerr << "[provider] error on " << req.method << " " << req.path << ": " << e.what()
              << std::endl;
    send_problem(res, surface,
                 Problem(500, surface == Surface::OAuth ? "server_error" : "internal_error",
                         "The provider failed; see its log for details."));
  }
}

}  // namespace provider::http
