// The confidentiality wall of roundtables (座談会): residents and volunteers attend without a duty
// of confidentiality, so nothing written for a roundtable may name a family. Texts are compared
// in their folded form (NFKC, case, kana; common/text.h) against every case_ref and household
// label of the ward, open or closed, so "Ｃ－１２", "c-12" and "C-12" are the same reference.
// Terms of one character are not matched (a single initial would refuse every sentence), and a
// term that begins or ends with a Latin letter or digit must stand apart from other letters and
// digits there, so the label "AK" does not refuse "BAKERY".
//
// Thread-safety: find_case_terms() is pure; check_roundtable_wall() runs on the caller's
// transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace tsunagu::storage {
class Connection;
}

namespace tsunagu::domain {

// A text of a roundtable and the request field it came from ("minutes", "agenda[2].notes").
struct WallText {
  std::string field;
  std::string text;
};

// A case reference or household label as written, with its folded form.
struct CaseTerm {
  std::string written;
  std::string folded;
  bool is_case_ref = false;
};

// Every one of `terms` that `text` quotes, in the order of `terms`, each written form once.
std::vector<CaseTerm> find_case_terms(std::string_view text, const std::vector<CaseTerm>& terms);

// The case references and household labels of `ward`, folded (within the caller's transaction).
std::vector<CaseTerm> case_terms_of_ward(storage::Connection& c, const std::string& ward);

// InvalidArgument (code meeting.roundtable_case_data) with one error per field whose text quotes
// a case of `ward` (code meeting.case_data), naming every term it quotes so one correction
// suffices; Ok when none does.
Status check_roundtable_wall(storage::Connection& c, const std::string& ward,
                             const std::vector<WallText>& texts);

}  // namespace tsunagu::domain
