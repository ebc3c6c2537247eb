// The closed word sets of a case that the domain decides by, as enums over their tables in
// vocabulary.h (word_enum.h): the risk level, low to high, and the kind of a contact.
//
// Thread-safety: constant data.
#pragma once

#include <string_view>

#include "domain/base/word_enum.h"

namespace tsunagu::domain {

enum class RiskLevel { kLow, kMedium, kHigh };  // in rising order: a higher value is more risk

template <>
struct WordTable<RiskLevel> {
  static constexpr Words kWords = words::kRiskLevels;
  static constexpr RiskLevel kLast = RiskLevel::kHigh;
  static constexpr std::string_view kWhat = "risk level";
};

// What a contact with the family was: its names are words::kContactKinds.
enum class ContactKind { kHomeVisit, kAccompaniedVisit, kPhone, kOfficeVisit, kAdvice, kOther };

template <>
struct WordTable<ContactKind> {
  static constexpr Words kWords = words::kContactKinds;
  static constexpr ContactKind kLast = ContactKind::kOther;
  static constexpr std::string_view kWhat = "contact kind";
};

}  // namespace tsunagu::domain
