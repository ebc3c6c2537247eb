// Japanese-aware text handling. Text is stored as written (NFC) and searched through a folded
// form: NFKC (full/half width, compatibility characters), Unicode case folding, then katakana
// folded onto hiragana, so "ｲﾄｺﾝﾁ", "イトコンチ" and "いとこんち" all meet. Normalisation is
// done by utf8proc (a library, not hand-written tables); the kana fold is the fixed code-point
// offset between the two syllabaries.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace tsunagu {

bool is_valid_utf8(std::string_view s);

// NFC, the stored form of user text. Fails with InvalidArgument on invalid UTF-8.
Result<std::string> to_nfc(std::string_view s);

// The search key: NFKC + case fold + katakana→hiragana. Fails on invalid UTF-8.
Result<std::string> fold_for_search(std::string_view s);

// Katakana (U+30A1–U+30F6, U+30FD–U+30FE) mapped onto hiragana; everything else unchanged.
// Expects valid UTF-8.
std::string katakana_to_hiragana(std::string_view s);

// Hiragana mapped onto katakana (the inverse of the above, for display of readings).
std::string hiragana_to_katakana(std::string_view s);

// The code points of `s`, decoded by utf8proc: the one UTF-8 decoder. A byte that does not
// start a valid sequence becomes U+FFFD and decoding goes on at the next byte.
std::vector<char32_t> code_points(std::string_view s);

// Number of Unicode code points in valid UTF-8 (for length limits that people understand).
size_t utf8_length(std::string_view s);

// Leading and trailing ASCII and ideographic (U+3000) spaces removed.
std::string_view trim(std::string_view s);

}  // namespace tsunagu
