// The management REST API under /api, behind `Authorization: Bearer <admin token>`.
//
//   GET/POST /api/applications, GET/PATCH/DELETE /api/applications/{id}
//   GET/POST /api/resources
//   GET/POST /api/users, DELETE /api/users/{id}, POST /api/users/{id}/unlock
//   GET /api/keys, POST /api/keys/rotate
#pragma once

#include "context.hpp"

#include <httplib.h>

namespace provider::admin {

void register_routes(httplib::Server& server, Context& ctx);

}  // namespace provider::admin
