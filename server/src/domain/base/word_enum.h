// Closed word sets as enums, one name table each. An enum class names the entries of one word
// table of vocabulary.h in order — its i-th enumerator is the table's i-th word — and says so
// once, by specialising WordTable:
//
//   template <> struct WordTable<MeetingStatus> {
//     static constexpr Words kWords = words::kMeetingStatuses;
//     static constexpr MeetingStatus kLast = MeetingStatus::kCancelled;
//     static constexpr std::string_view kWhat = "meeting status";
//   };
//
// Everything else is derived from that table, the same way for every set: the wire name
// (to_string), the word of a request (parse_word: nullopt for a word outside the set, which the
// request readers turn into the 422 that lists words_of<E>()), the word of a stored row
// (decode_word: a word that does not decode is an internal error, never a default; with
// decode_optional_word for a column that may be NULL) and every value in order (all_of). The table
// and the enum cannot drift apart: their sizes are checked where the table is first used.
//
// Thread-safety: constant data and pure functions.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "common/result.h"
#include "domain/base/vocabulary.h"

namespace tsunagu::domain {

// Specialised once per enum (see above); the primary template is never defined.
template <typename E>
struct WordTable;

template <typename E>
concept WordEnum = std::is_enum_v<E> && requires {
  { WordTable<E>::kWords } -> std::convertible_to<Words>;
  { WordTable<E>::kLast } -> std::convertible_to<E>;
  { WordTable<E>::kWhat } -> std::convertible_to<std::string_view>;
};

// The name table of E.
template <WordEnum E>
constexpr Words words_of() {
  static_assert(WordTable<E>::kWords.size() == static_cast<std::size_t>(WordTable<E>::kLast) + 1,
                "the enum and its word table must have the same entries, in the same order");
  return WordTable<E>::kWords;
}

// The number of values of E.
template <WordEnum E>
inline constexpr std::size_t kWordCount = static_cast<std::size_t>(WordTable<E>::kLast) + 1;

// Every value of E, in the table's order.
template <WordEnum E>
constexpr std::array<E, kWordCount<E>> all_of() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<E, kWordCount<E>>{static_cast<E>(I)...};
  }
  (std::make_index_sequence<kWordCount<E>>());
}

// The wire name of v ("planned", "held", …).
template <WordEnum E>
const char* to_string(E v) {
  const Words table = words_of<E>();
  const auto i = static_cast<std::size_t>(v);
  return i < table.size() ? table[i].value.data() : "unknown";  // the literals are NUL-terminated
}

// The Japanese label of v ("予定", "開催済み", …), as GET /api/v1/reference shows it.
template <WordEnum E>
std::string_view japanese_label(E v) {
  const Words table = words_of<E>();
  const auto i = static_cast<std::size_t>(v);
  return i < table.size() ? table[i].ja : std::string_view();
}

// The value named `word`, or nullopt for a word outside the set.
template <WordEnum E>
constexpr std::optional<E> parse_word(std::string_view word) {
  const Words table = words_of<E>();
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i].value == word) return static_cast<E>(i);
  }
  return std::nullopt;
}

// A word read back from the database: what the server wrote is always in the set, so a word
// that does not decode is an internal error (never a default).
template <WordEnum E>
Result<E> decode_word(std::string_view stored) {
  if (auto v = parse_word<E>(stored)) return *v;
  return Error::Internal("A stored " + std::string(WordTable<E>::kWhat) + " does not decode: '" +
                         std::string(stored) + "'.");
}

// decode_word() of a column that may be NULL: nullopt stays nullopt.
template <WordEnum E>
Result<std::optional<E>> decode_optional_word(const std::optional<std::string>& stored) {
  if (!stored) return std::optional<E>();
  TRY_ASSIGN(const E v, decode_word<E>(*stored));
  return std::optional<E>(v);
}

// The wire name of an optional value: nullopt stays nullopt.
template <WordEnum E>
std::optional<std::string> optional_word(const std::optional<E>& v) {
  return v ? std::optional<std::string>(to_string(*v)) : std::nullopt;
}

}  // namespace tsunagu::domain
