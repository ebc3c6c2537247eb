// Problem texts in two languages: every code a problem can carry has an English and a Japanese
// title and sentence, every field-error code a Japanese message, and a Japanese request never
// gets English text.
#include "http/problem_texts.h"

#include <gtest/gtest.h>

#include <set>

#include "http/language.h"
#include "http/problem.h"

namespace tsunagu::http {
namespace {

// True when `s` holds a character outside ASCII (Japanese text does).
bool has_non_ascii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return true;
  }
  return false;
}

TEST(ProblemTextsTest, EveryErrorKindHasTextsInBothLanguages) {
  for (ErrorKind kind : all_error_kinds()) {
    const std::string code = default_code(kind);
    const ErrorText& t = error_text(code, "none");
    EXPECT_EQ(std::string(t.code), code) << "no texts for " << code;
    EXPECT_FALSE(std::string(t.title_en).empty()) << code;
    EXPECT_TRUE(has_non_ascii(t.title_ja)) << code;
    EXPECT_TRUE(has_non_ascii(t.detail_ja)) << code;
  }
  std::set<std::string> codes;
  for (const ErrorText& t : error_texts()) {
    EXPECT_TRUE(codes.insert(t.code).second) << t.code << " twice";
    EXPECT_TRUE(has_non_ascii(t.title_ja)) << t.code;
    EXPECT_TRUE(has_non_ascii(t.detail_ja)) << t.code;
    EXPECT_FALSE(std::string(t.title_en).empty()) << t.code;
  }
}

TEST(ProblemTextsTest, EveryFieldErrorCodeHasAJapaneseMessage) {
  for (const std::string& code : field_error_codes()) {
    EXPECT_TRUE(has_japanese_field_message(code)) << code;
    FieldError e{"due_by", "english", code, {{"max", "10"}, {"min", "1"}, {"allowed", "a, b"}}};
    std::string ja = field_message(e, Language::kJapanese);
    EXPECT_TRUE(has_non_ascii(ja)) << code << ": " << ja;
    EXPECT_EQ(ja.find('{'), std::string::npos) << code << " left a parameter: " << ja;
    EXPECT_EQ(field_message(e, Language::kEnglish), "english");
  }
}

TEST(ProblemTextsTest, EveryFactoryMakesACodeWithTexts) {
  const FieldError made[] = {FieldError::Required("a"),
                             FieldError::Unknown("a"),
                             FieldError::InvalidChoice("a", "x, y"),
                             FieldError::TooLong("a", 5),
                             FieldError::TooMany("a", 5),
                             FieldError::Type("a", "integer", "must be an integer"),
                             FieldError::Format("a", "date", "must be a date YYYY-MM-DD"),
                             FieldError::Range("a", "0", "120"),
                             FieldError::Past("a"),
                             FieldError::Future("a")};
  const auto& codes = field_error_codes();
  for (const FieldError& e : made) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), e.code), codes.end()) << e.code;
    EXPECT_TRUE(has_non_ascii(field_message(e, Language::kJapanese))) << e.code;
  }
}

TEST(ProblemTextsTest, JapaneseMessagesCarryTheirParameters) {
  EXPECT_EQ(field_message(FieldError::Required("due_by"), Language::kJapanese), "必須項目です。");
  EXPECT_EQ(field_message(FieldError::TooLong("title", 200), Language::kJapanese),
            "200文字以内で入力してください。");
  EXPECT_EQ(field_message(FieldError::Range("age_max", "0", "120"), Language::kJapanese),
            "0から120までの値を入力してください。");
  // The values of a known word set are shown with their labels.
  EXPECT_EQ(
      field_message(FieldError::InvalidChoice("urgency", "routine, urgent"), Language::kJapanese),
      "この値は選べません（選べる値: 通常（routine）、至急（urgent））。");
  EXPECT_EQ(field_message(FieldError::Format("due_by", "date", "must be a date YYYY-MM-DD"),
                          Language::kJapanese),
            "日付を YYYY-MM-DD の形式で入力してください。");
  // A rule without a catalogue entry falls back to the general Japanese sentence.
  EXPECT_EQ(field_message({"x", "must be something special", "field.special"}, Language::kJapanese),
            "この値は受け付けられません。");
}

// Rules the domain states only as a message still get a precise code and Japanese.
TEST(ProblemTextsTest, KnownMessagesGetTheirCodeAndJapanese) {
  FieldError legacy{"summary", "is required"};
  EXPECT_EQ(field_code(legacy), "field.required");
  EXPECT_EQ(field_message(legacy, Language::kJapanese), "必須項目です。");
  FieldError date{"due_by", "must be a date YYYY-MM-DD"};
  EXPECT_EQ(field_code(date), "field.format");
  EXPECT_EQ(field_message(date, Language::kJapanese),
            "日付を YYYY-MM-DD の形式で入力してください。");
  FieldError own{"x", "is required", "field.special"};  // a code given where it is made wins
  EXPECT_EQ(field_code(own), "field.special");
  FieldError other{"x", "must be purple"};
  EXPECT_EQ(field_code(other), "field.invalid");
  EXPECT_EQ(field_message(other, Language::kJapanese), "この値は受け付けられません。");
}

TEST(ProblemTextsTest, FieldNamesInJapanese) {
  EXPECT_EQ(japanese_field_name("due_by"), "期限");
  EXPECT_EQ(japanese_field_name("consent.obtained_on"), "同意を得た日");
  EXPECT_EQ(japanese_field_name("hours[2].opens"), "開始時刻");
  EXPECT_EQ(japanese_field_name("no_such_field"), "no_such_field");
}

TEST(ProblemTextsTest, TheIllegalTransitionSaysWhatTheReferralIs) {
  Error accepted_again =
      Error::FailedPrecondition("A referral that is accepted cannot become accepted.")
          .with_code("referral.illegal_transition", {{"from", "accepted"}, {"to", "accepted"}});
  EXPECT_EQ(error_detail(accepted_again, Language::kJapanese),
            "この紹介はすでに「受理」になっています。");
  Error declined =
      Error::FailedPrecondition("A referral that is accepted cannot become declined.")
          .with_code("referral.illegal_transition", {{"from", "accepted"}, {"to", "declined"}});
  EXPECT_EQ(error_detail(declined, Language::kJapanese),
            "この紹介はすでに受理されています。「お断り」にはできません。");
  EXPECT_EQ(error_detail(declined, Language::kEnglish),
            "A referral that is accepted cannot become declined.");
  EXPECT_EQ(error_title(declined, Language::kJapanese), "現在の状態ではできません");
}

TEST(ProblemTextsTest, AJapaneseProblemNamesItsFieldsAndHasNoEnglish) {
  Error e = Error::InvalidArgument(
      "The request has invalid fields.",
      {FieldError::Required("case_id"), FieldError::InvalidChoice("urgency", "routine, urgent")});
  auto body = problem_json(e, Language::kJapanese);
  EXPECT_EQ(body["code"], "validation");
  EXPECT_EQ(body["title"], "入力内容に誤りがあります");
  EXPECT_EQ(body["detail"], "入力内容を確認してください（ケース、緊急度）。");
  EXPECT_EQ(body["errors"][0]["code"], "field.required");
  EXPECT_EQ(body["errors"][0]["message"], "必須項目です。");
  EXPECT_EQ(body["errors"][1]["code"], "field.invalid_choice");
  auto en = problem_json(e, Language::kEnglish);
  EXPECT_EQ(en["title"], "The request breaks a rule");
  EXPECT_EQ(en["detail"], "The request has invalid fields.");
  EXPECT_EQ(en["errors"][0]["message"], "is required");
}

TEST(ProblemTextsTest, InternalErrorsHideTheirMessageInJapaneseToo) {
  auto body = problem_json(Error::Internal("sqlite: disk I/O error"), Language::kJapanese);
  EXPECT_EQ(body.dump().find("sqlite"), std::string::npos);
  EXPECT_EQ(body["code"], "internal");
}

TEST(LanguageTest, AcceptLanguageWithQValues) {
  EXPECT_EQ(preferred_language(""), Language::kEnglish);
  EXPECT_EQ(preferred_language("ja"), Language::kJapanese);
  EXPECT_EQ(preferred_language("ja-JP"), Language::kJapanese);
  EXPECT_EQ(preferred_language("JA-jp,ja;q=0.9"), Language::kJapanese);
  EXPECT_EQ(preferred_language("en-US,en;q=0.9,ja;q=0.8"), Language::kEnglish);
  EXPECT_EQ(preferred_language("en;q=0.5, ja;q=0.8"), Language::kJapanese);
  EXPECT_EQ(preferred_language("ja;q=0"), Language::kEnglish);
  EXPECT_EQ(preferred_language("fr, de"), Language::kEnglish);
  EXPECT_EQ(preferred_language("fr, ja;q=0.1"), Language::kJapanese);
  EXPECT_EQ(preferred_language("ja, en"), Language::kJapanese);  // a tie: the first listed
  EXPECT_EQ(preferred_language("en, ja"), Language::kEnglish);
  EXPECT_EQ(preferred_language("jax"), Language::kEnglish);  // not a Japanese range
  EXPECT_EQ(preferred_language("ja;q=abc"), Language::kEnglish);
  EXPECT_EQ(preferred_language("*"), Language::kEnglish);
}

}  // namespace
}  // namespace tsunagu::http
