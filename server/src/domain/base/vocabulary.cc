#include "domain/base/vocabulary.h"

namespace tsunagu::domain {

std::span<const WordSet> word_sets() {
  static constexpr WordSet kSets[] = {
      {"categories", words::kCategories},
      {"visibilities", words::kVisibilities},
      {"address_visibilities", words::kAddressVisibilities},
      {"capacity_statuses", words::kCapacityStatuses},
      {"risk_categories", words::kRiskCategories},
      {"sections", words::kSections},
      {"risk_levels", words::kRiskLevels},
      {"case_statuses", words::kCaseStatuses},
      {"contact_kinds", words::kContactKinds},
      {"transfer_statuses", words::kTransferStatuses},
      {"referral_statuses", words::kReferralStatuses},
      {"urgencies", words::kUrgencies},
      {"legal_bases", words::kLegalBases},
      {"decline_reasons", words::kDeclineReasons},
      {"outcomes", words::kOutcomes},
      {"meeting_kinds", words::kMeetingKinds},
      {"meeting_statuses", words::kMeetingStatuses},
      {"action_item_statuses", words::kActionItemStatuses},
      {"roles", words::kRoles},
  };
  return kSets;
}

const Word* find_word(Words set, std::string_view value) {
  for (const Word& w : set) {
    if (w.value == value) return &w;
  }
  return nullptr;
}

}  // namespace tsunagu::domain
