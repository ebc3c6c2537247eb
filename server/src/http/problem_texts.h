// The texts of problem details by code, in English and Japanese: one table of error codes
// (the kinds' default codes, the HTTP layer's own, and the more precise ones such as
// referral.illegal_transition) with their titles and a Japanese sentence for the detail, and one
// table of field-error codes with their Japanese messages. Parameters ({max}, {allowed}, …) come
// from the error. Field names a message mentions are shown by their Japanese names.
//
// Where no specific Japanese text exists, a Japanese request gets its code's general sentence —
// never the English text.
//
// Thread-safety: constant tables and pure functions.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "http/language.h"

namespace tsunagu::http {

struct ErrorText {
  const char* code;      // e.g. "not_found"
  const char* title_en;  // short and stable
  const char* title_ja;
  const char* detail_ja;  // the code's general sentence, for a Japanese request
};

// The entry for `code`; for an unknown code, the entry of `fallback` (a kind's default code).
const ErrorText& error_text(const std::string& code, const std::string& fallback);

// Every error code with texts, for tests.
const std::vector<ErrorText>& error_texts();

// The problem's title and detail in `language`. In English the detail is the error's message.
std::string error_title(const Error& error, Language language);
std::string error_detail(const Error& error, Language language);

// A field error's message in `language` (English: the domain's message).
std::string field_message(const FieldError& error, Language language);

// The field error's code: its own, or for a rule stated only as a known English message, that
// message's code.
std::string field_code(const FieldError& error);

// Whether `code` has a Japanese field message of its own (for tests).
bool has_japanese_field_message(const std::string& code);

// The Japanese name of a field path as people on the screens know it ("due_by" → 期限,
// "hours[2].opens" → 開始時刻), or the path itself when the table has none.
std::string japanese_field_name(const std::string& field);

}  // namespace tsunagu::http
