#include "common/text.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace tsunagu {
namespace {

Result<std::string> map(std::string_view s, int options) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &out,
                                    static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  if (n < 0) return Error::InvalidArgument("is not valid UTF-8 text");
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

// Shifts code points in [from_lo, from_hi] by `delta`; the kana blocks are both 3-byte UTF-8.
std::string shift_range(std::string_view s, char32_t lo, char32_t hi, int delta) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
      char32_t cp = (static_cast<char32_t>(c & 0x0F) << 12) |
                    (static_cast<char32_t>(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                    (static_cast<char32_t>(static_cast<unsigned char>(s[i + 2]) & 0x3F));
      if (cp >= lo && cp <= hi) {
        cp = static_cast<char32_t>(static_cast<int>(cp) + delta);
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        i += 3;
        continue;
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

}  // namespace

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                          static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    out.push_back(static_cast<char32_t>(cp));
    i += static_cast<size_t>(n);
  }
  return out;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                          static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) return false;
    i += static_cast<size_t>(n);
  }
  return true;
}

Result<std::string> to_nfc(std::string_view s) {
  return map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

Result<std::string> fold_for_search(std::string_view s) {
  auto nfkc = map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
  if (!nfkc.ok()) return nfkc;
  // ヽヾ (U+30FD–U+30FE) fold onto ゝゞ too; ー (U+30FC) is shared by both syllabaries.
  return shift_range(katakana_to_hiragana(*nfkc), 0x30FD, 0x30FE, -0x60);
}

std::string katakana_to_hiragana(std::string_view s) {
  return shift_range(s, 0x30A1, 0x30F6, -0x60);
}

std::string hiragana_to_katakana(std::string_view s) {
  return shift_range(s, 0x3041, 0x3096, 0x60);
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view trim(std::string_view s) {
  auto starts_with_space = [](std::string_view v) -> size_t {
    if (!v.empty() && (v[0] == ' ' || v[0] == '\t' || v[0] == '\n' || v[0] == '\r')) return 1;
    if (v.substr(0, 3) == "\xE3\x80\x80") return 3;  // U+3000 IDEOGRAPHIC SPACE
    return 0;
  };
  auto ends_with_space = [](std::string_view v) -> size_t {
    if (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\n' || v.back() == '\r'))
      return 1;
    if (v.size() >= 3 && v.substr(v.size() - 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  while (size_t n = starts_with_space(s)) s.remove_prefix(n);
  while (size_t n = ends_with_space(s)) s.remove_suffix(n);
  return s;
}

}  // namespace tsunagu
