// The one place a Problem (errors/problem.hpp) becomes an HTTP answer, in the shape the
// request's surface calls for. Routes name their surface once (http/server.cpp); handlers only
// throw.
#pragma once

#include "errors/problem.hpp"

#include <httplib.h>

#include <functional>
#include <string>

namespace provider::http {

enum class Surface {
  Page,   // a browser: an HTML page (a heading, the message, what to do)
  Api,    // the experience and management APIs: {code, message, ...data}
  OAuth,  // the OIDC endpoints: {error, error_description} (RFC 6749 §5.2, RFC 6750 §3)
};

void send_problem(httplib::Response& res, Surface surface, const Problem& problem,
                  const std::string& lang = "en");

// Runs `body`; a Problem it throws is answered in `surface`, any other exception is a bug:
// logged with the request line, answered 500 with nothing of it in the response.
void answer_problems(const httplib::Request& req, httplib::Response& res, Surface surface,
                     const std::function<void()>& body);

}  // namespace provider::http
