// Phone numbers parsed and normalised to E.164 with libphonenumber.
#pragma once

#include <string>

namespace provider::security {

// "+81 90-1234-5678", "090 1234 5678" with region "JP", ... -> "+819012345678". Throws
// store::InvalidInput (code phone.invalid) saying what is wrong with the number.
std::string normalize_phone(const std::string& input, const std::string& default_region);

}  // namespace provider::security
