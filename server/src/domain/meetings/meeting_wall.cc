#include "domain/meetings/meeting_wall.h"

#include <algorithm>

#include "common/text.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

bool ascii_alnum(char ch) {
  return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

// Whether the occurrence at [pos, pos + term.size()) stands apart where the term has a Latin
// letter or digit at its edge.
bool stands_apart(std::string_view text, size_t pos, std::string_view term) {
  if (ascii_alnum(term.front()) && pos > 0 && ascii_alnum(text[pos - 1])) return false;
  size_t end = pos + term.size();
  if (ascii_alnum(term.back()) && end < text.size() && ascii_alnum(text[end])) return false;
  return true;
}

bool quotes(std::string_view folded_text, std::string_view term) {
  for (size_t pos = folded_text.find(term); pos != std::string_view::npos;
       pos = folded_text.find(term, pos + 1)) {
    if (stands_apart(folded_text, pos, term)) return true;
  }
  return false;
}

}  // namespace

std::vector<CaseTerm> find_case_terms(std::string_view text, const std::vector<CaseTerm>& terms) {
  std::vector<CaseTerm> found;
  auto folded = fold_for_search(text);
  if (!folded.ok()) return found;  // not UTF-8: the reader refused it already
  for (const CaseTerm& t : terms) {
    if (utf8_length(t.folded) < 2 || !quotes(*folded, t.folded)) continue;
    bool seen = std::any_of(found.begin(), found.end(),
                            [&](const CaseTerm& f) { return f.written == t.written; });
    if (!seen) found.push_back(t);
  }
  return found;
}

std::vector<CaseTerm> case_terms_of_ward(storage::Connection& c, const std::string& ward) {
  std::vector<CaseTerm> terms;
  auto s = c.prepare("SELECT case_ref, household_label FROM cases WHERE ward = ?1");
  s.bind(1, ward);
  while (s.step()) {
    for (int column : {0, 1}) {
      std::string written = s.text(column);
      auto folded = fold_for_search(trim(written));
      if (!folded.ok() || folded->empty()) continue;
      terms.push_back({std::move(written), std::move(*folded), column == 0});
    }
  }
  return terms;
}

Status check_roundtable_wall(storage::Connection& c, const std::string& ward,
                             const std::vector<WallText>& texts) {
  std::vector<FieldError> errors;
  std::optional<std::vector<CaseTerm>> terms;  // loaded only when there is text to check
  for (const WallText& t : texts) {
    if (t.text.empty()) continue;
    if (!terms) terms = case_terms_of_ward(c, ward);
    auto found = find_case_terms(t.text, *terms);
    if (found.empty()) continue;
    std::string quoted;  // 「C-12」「A.K.」
    std::string kinds;
    for (const CaseTerm& term : found) {
      quoted += "「" + term.written + "」";
      const char* kind = term.is_case_ref ? "a case reference" : "a household label";
      if (kinds.find(kind) == std::string::npos)
        kinds += kinds.empty() ? kind : std::string(" and ") + kind;
    }
    errors.push_back(
        FieldError::Rule(t.field, "meeting.case_data",
                         "quotes " + quoted + " (" + kinds +
                             " of this ward); a roundtable holds no case data, so remove them",
                         {{"terms", quoted}}));
  }
  if (errors.empty()) return Status::Ok();
  return std::move(Error::InvalidArgument(
                       "A roundtable (座談会) holds no case data: residents attend without a duty "
                       "of confidentiality.",
                       std::move(errors))
                       .with_code("meeting.roundtable_case_data"));
}

}  // namespace tsunagu::domain
