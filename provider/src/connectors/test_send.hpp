// The walkthrough's "Send" before "Save and Done": a Generic message with a sample code,
// sent with a connector config as given (not yet saved), so the admin sees Twilio's own error.
#pragma once

#include "context.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace provider::connectors {

// Throws store::InvalidInput for a bad config or phone, ConnectorError when sending fails.
// Returns the normalised phone the message went to.
std::string test_send(Context& ctx, const std::string& name, const nlohmann::json& config,
                      const std::string& phone);

}  // namespace provider::connectors
