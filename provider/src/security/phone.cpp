#include "security/phone.hpp"

#include "store/errors.hpp"

#include <phonenumbers/phonenumberutil.h>

namespace provider::security {

std::string normalize_phone(const std::string& input, const std::string& default_region) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (input.size() > 32 ||
      util->Parse(input, default_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    throw store::InvalidInput("phone.invalid",
                              "This is not a phone number. Include the country code, e.g. "
                              "+81 90 1234 5678.");
  }
  if (!util->IsValidNumber(number)) {
    throw store::InvalidInput("phone.invalid",
                              "This phone number does not exist in its country; check the "
                              "digits and the country code.");
  }
  std::string e164;
  util->Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

}  // namespace provider::security
