#include "domain/referral_states.h"

#include <algorithm>

namespace tsunagu::domain {
namespace {

using S = ReferralStatus;

// The whole state machine. A pair that is not listed is illegal (409).
constexpr TransitionRule kRules[] = {
    // from         to              by               reason  outcome
    {S::kDraft, S::kSent, Party::kSender, false, false},
    {S::kSent, S::kAccepted, Party::kReceiver, false, false},
    {S::kSent, S::kDeclined, Party::kReceiver, true, false},
    {S::kSent, S::kWithdrawn, Party::kSender, true, false},
    {S::kSent, S::kExpired, Party::kSystem, false, false},
    {S::kAccepted, S::kCompleted, Party::kReceiver, false, true},
    {S::kAccepted, S::kWithdrawn, Party::kSender, true, false},
};

}  // namespace

const char* to_string(ReferralStatus s) {
  switch (s) {
    case S::kDraft:
      return "draft";
    case S::kSent:
      return "sent";
    case S::kAccepted:
      return "accepted";
    case S::kDeclined:
      return "declined";
    case S::kWithdrawn:
      return "withdrawn";
    case S::kExpired:
      return "expired";
    case S::kCompleted:
      return "completed";
  }
  return "unknown";
}

const std::vector<ReferralStatus>& all_referral_statuses() {
  static const std::vector<ReferralStatus> all = {
      S::kDraft, S::kSent, S::kAccepted, S::kDeclined, S::kWithdrawn, S::kExpired, S::kCompleted};
  return all;
}

std::optional<ReferralStatus> parse_referral_status(std::string_view s) {
  for (ReferralStatus r : all_referral_statuses()) {
    if (s == to_string(r)) return r;
  }
  return std::nullopt;
}

bool is_terminal(ReferralStatus s) {
  return s == S::kDeclined || s == S::kWithdrawn || s == S::kExpired || s == S::kCompleted;
}

std::optional<TransitionRule> transition_rule(ReferralStatus from, ReferralStatus to) {
  for (const TransitionRule& r : kRules) {
    if (r.from == from && r.to == to) return r;
  }
  return std::nullopt;
}

std::optional<Party> party_of(Role role) {
  switch (role) {
    case Role::kCoordinator:
    case Role::kWardStaff:
      return Party::kSender;
    case Role::kPartner:
      return Party::kReceiver;
    case Role::kNone:
    case Role::kAdmin:
    case Role::kAuditor:
      return std::nullopt;
  }
  return std::nullopt;
}

const std::vector<std::string_view>& reason_codes() {
  static const std::vector<std::string_view> codes = {
      "no_capacity",        "not_eligible",      "service_not_provided",
      "out_of_area",        "could_not_contact", "family_declined",
      "referred_elsewhere", "duplicate",         "other"};
  return codes;
}

const std::vector<std::string_view>& outcomes() {
  static const std::vector<std::string_view> list = {"enrolled", "got_help", "not_enrolled",
                                                     "waitlisted", "unknown"};
  return list;
}

bool is_reason_code(std::string_view code) {
  const auto& c = reason_codes();
  return std::find(c.begin(), c.end(), code) != c.end();
}

bool is_outcome(std::string_view outcome) {
  const auto& o = outcomes();
  return std::find(o.begin(), o.end(), outcome) != o.end();
}

}  // namespace tsunagu::domain
