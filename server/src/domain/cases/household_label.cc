#include "domain/cases/household_label.h"

#include <cstdint>
#include <vector>

#include "common/text.h"

namespace tsunagu::domain {
namespace {

bool is_kanji(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005;  // 々
}
bool is_kana(char32_t c) { return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA); }
bool is_latin(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char32_t c) { return c == ' ' || c == 0x3000 || c == '\t'; }

std::vector<std::vector<char32_t>> words(const std::vector<char32_t>& text) {
  std::vector<std::vector<char32_t>> out(1);
  for (char32_t c : text) {
    if (is_space(c)) {
      if (!out.back().empty()) out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

template <typename Pred>
bool all_of_min(const std::vector<char32_t>& w, size_t min, Pred pred) {
  if (w.size() < min) return false;
  for (char32_t c : w)
    if (!pred(c)) return false;
  return true;
}

bool ends_with(const std::vector<char32_t>& w, std::u32string_view tail) {
  return w.size() >= tail.size() &&
         std::u32string_view(w.data() + w.size() - tail.size(), tail.size()) == tail;
}

bool looks_like_phone(const std::vector<char32_t>& text) {
  int digits = 0;
  for (char32_t c : text) digits += (c >= '0' && c <= '9') ? 1 : 0;
  return digits >= 9;
}

bool looks_like_name(const std::vector<char32_t>& text) {
  auto japanese = [](char32_t c) { return is_kanji(c) || is_kana(c); };
  auto ws = words(text);
  // 山田 花子, やまだ はなこ: two or three words of Japanese script, two characters or more each.
  if (ws.size() >= 2 && ws.size() <= 3) {
    bool all_japanese = true;
    for (const auto& w : ws) all_japanese = all_japanese && all_of_min(w, 2, japanese);
    if (all_japanese) return true;
    // Hanako Yamada: capitalised Latin words of two letters or more (A.K. and "A K" pass).
    bool all_latin_names = true;
    for (const auto& w : ws) {
      all_latin_names = all_latin_names && all_of_min(w, 2, is_latin) && w[0] >= 'A' && w[0] <= 'Z';
    }
    if (all_latin_names) return true;
  }
  if (ws.size() != 1) return false;
  const auto& w = ws[0];
  // 山田さん, 山田様: a kanji surname with an honorific.
  for (std::u32string_view honorific : {U"さん", U"様", U"氏", U"ちゃん", U"くん", U"君"}) {
    if (ends_with(w, honorific) && w.size() >= honorific.size() + 2 &&
        is_kanji(w[w.size() - honorific.size() - 1])) {
      return true;
    }
  }
  // 山田花子: four kanji or more, unless it names a household (…家, …世帯, …宅).
  if (all_of_min(w, 4, is_kanji) && !ends_with(w, U"家") && !ends_with(w, U"世帯") &&
      !ends_with(w, U"宅")) {
    return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> household_label_problem(std::string_view label) {
  auto folded = to_nfc(label);  // NFC keeps kanji and kana; width is folded below by NFKC
  auto nfkc = fold_for_search(label);
  if (!folded.ok() || !nfkc.ok()) return "must be UTF-8 text";
  if (looks_like_phone(code_points(*nfkc))) {
    return "looks like a phone number; use initials or a pseudonym (e.g. A.K., さくら家)";
  }
  if (looks_like_name(code_points(*folded))) {
    return "looks like a full name; use initials or a pseudonym (e.g. A.K., さくら家)";
  }
  return std::nullopt;
}

}  // namespace tsunagu::domain
