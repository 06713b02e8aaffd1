#include "connectors/dev_inbox.hpp"

#include <ctime>
#include <iostream>

namespace provider::connectors {

void DevInbox::send(const std::string& phone, UsageType usage, const std::string& code) {
  std::string body = std::string("Your ") + usage_name(usage) + " code is " + code;
  std::lock_guard<std::mutex> lock(mutex_);
  messages_.push_back({{"to", phone},
                       {"usageType", usage_name(usage)},
                       {"body", body},
                       {"code", code},
                       {"sentAt", static_cast<int64_t>(std::time(nullptr))}});
  if (messages_.size() > kKept) messages_.erase(messages_.begin());
  std::cout << "[provider] dev SMS to " << phone << ": " << body << std::endl;
}

nlohmann::json DevInbox::messages() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return nlohmann::json(std::vector<nlohmann::json>(messages_.rbegin(), messages_.rend()));
}

}  // namespace provider::connectors
