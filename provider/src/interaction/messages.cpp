#include "interaction/messages.hpp"

#include "http/util.hpp"

namespace provider::interaction {

std::string choose_language(const httplib::Request& req) {
  std::string asked = req.get_param_value("lang");
  if (asked == "en" || asked == "ja") return asked;
  if (auto cookie = http::cookie(req, "logto_lang");
      cookie && (*cookie == "en" || *cookie == "ja")) {
    return *cookie;
  }
  std::string accept = req.get_header_value("Accept-Language");
  // The first listed language decides (browsers list the preferred one first).
  return accept.rfind("ja", 0) == 0 ? "ja" : "en";
}

const nlohmann::json& messages(const std::string& lang) {
  static const nlohmann::json en = {
      {"title", "Sign in"},
      {"toContinue", "to continue to {app}"},
      {"countryLabel", "Country code"},
      {"phoneLabel", "Phone number"},
      {"sendCode", "Send code"},
      {"codeLabel", "Verification code"},
      {"codeSent", "We sent a code to {phone}."},
      {"continue", "Continue"},
      {"resendIn", "Resend in {s} s"},
      {"resend", "Resend code"},
      {"passwordLabel", "Password"},
      {"createPassword", "Create a password"},
      {"newPassword", "New password"},
      {"usePassword", "Sign in with a password"},
      {"useCode", "Sign in with a code"},
      {"forgot", "Forgot your password?"},
      {"resetTitle", "Reset your password"},
      {"signIn", "Sign in"},
      {"back", "Back"},
      {"otherLanguage", "日本語"},
      {"previewBanner", "Preview: this is how the sign-in page looks with these settings."},
      {"previewOnly", "This is a preview; nothing is sent."},
      {"expired", "This sign-in has expired. Go back to the site and start again."},
      {"errors",
       {{"phone.invalid", "This phone number is not valid. Check the country code and the digits."},
        {"verification_code.mismatch", "The code is not right."},
        {"verification_code.expired", "The code has expired. Ask for a new one."},
        {"verification_code.exceeded_attempts", "Too many wrong codes. Ask for a new one."},
        {"verification_code.not_found", "No code is waiting for this number. Ask for one."},
        {"verification_code.too_many_requests", "Please wait before asking for another code."},
        {"connector.send_failed", "We could not send the code. Try again later."},
        {"connector.not_configured", "We could not send the code. Try again later."},
        {"session.invalid_credentials", "The phone number or the password is wrong."},
        {"user.weak_password", "The password needs at least 8 characters."},
        {"user.registration_disabled", "New accounts cannot be created here."},
        {"session.csrf_token_mismatch", "This page is out of date. Reload it and try again."},
        {"session.verification_blocked_too_many_attempts",
         "Too many failed attempts. Try again in {minutes} minutes."},
        {"request.too_many_requests", "Too many requests. Try again in {minutes} minutes."},
        {"session.not_found", "This sign-in has expired. Go back to the site and start again."},
        {"generic", "Something went wrong. Try again."}}}};
  static const nlohmann::json ja = {
      {"title", "サインイン"},
      {"toContinue", "{app} に進むには"},
      {"countryLabel", "国番号"},
      {"phoneLabel", "電話番号"},
      {"sendCode", "認証コードを送信"},
      {"codeLabel", "認証コード"},
      {"codeSent", "{phone} に認証コードを送信しました。"},
      {"continue", "続行"},
      {"resendIn", "{s} 秒後に再送信できます"},
      {"resend", "認証コードを再送信"},
      {"passwordLabel", "パスワード"},
      {"createPassword", "パスワードを作成"},
      {"newPassword", "新しいパスワード"},
      {"usePassword", "パスワードでサインイン"},
      {"useCode", "認証コードでサインイン"},
      {"forgot", "パスワードをお忘れですか？"},
      {"resetTitle", "パスワードの再設定"},
      {"signIn", "サインイン"},
      {"back", "戻る"},
      {"otherLanguage", "English"},
      {"previewBanner", "プレビュー：この設定でのサインインページの表示です。"},
      {"previewOnly", "プレビューのため、送信されません。"},
      {"expired", "このサインインは期限切れです。サイトに戻ってやり直してください。"},
      {"errors",
       {{"phone.invalid", "電話番号が正しくありません。国番号と番号を確認してください。"},
        {"verification_code.mismatch", "認証コードが違います。"},
        {"verification_code.expired", "認証コードの有効期限が切れました。再送信してください。"},
        {"verification_code.exceeded_attempts",
         "誤りが多すぎます。認証コードを再送信してください。"},
        {"verification_code.not_found", "この番号宛ての認証コードはありません。送信してください。"},
        {"verification_code.too_many_requests", "しばらく待ってから再送信してください。"},
        {"connector.send_failed",
         "認証コードを送信できませんでした。しばらくしてからお試しください。"},
        {"connector.not_configured",
         "認証コードを送信できませんでした。しばらくしてからお試しください。"},
        {"session.invalid_credentials", "電話番号またはパスワードが違います。"},
        {"user.weak_password", "パスワードは 8 文字以上にしてください。"},
        {"user.registration_disabled", "ここでは新しいアカウントを作成できません。"},
        {"session.csrf_token_mismatch", "ページが古くなっています。再読み込みしてください。"},
        {"session.verification_blocked_too_many_attempts",
         "失敗が多すぎます。{minutes} 分後にもう一度お試しください。"},
        {"request.too_many_requests",
         "リクエストが多すぎます。{minutes} 分後にもう一度お試しください。"},
        {"session.not_found", "このサインインは期限切れです。サイトに戻ってやり直してください。"},
        {"generic", "エラーが発生しました。もう一度お試しください。"}}}};
  return lang == "ja" ? ja : en;
}

}  // namespace provider::interaction
