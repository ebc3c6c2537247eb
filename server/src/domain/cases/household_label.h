// Minimum data for a household's label: Tsunagu needs initials or a pseudonym ("A.K.", "さくら家"),
// never a name or a phone number, so a label that looks like either is refused with a message
// that says what to write instead. A heuristic on the folded text, tuned to refuse the common
// shapes (山田 花子, 山田花子, やまだ はなこ, Hanako Yamada, 山田さん, 090-1234-5678) and to let
// initials, kana pseudonyms and "…家" / "…世帯" through.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::domain {

// Why `label` cannot be a household label, or nullopt when it may. Expects valid UTF-8.
std::optional<std::string> household_label_problem(std::string_view label);

}  // namespace tsunagu::domain
