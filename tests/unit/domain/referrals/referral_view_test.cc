// What each side of a referral sees (domain::view): the partner's view before and after it
// accepts, and after the end.
#include <gtest/gtest.h>

#include "domain/referrals/referrals.h"

namespace tsunagu::domain {
namespace {

Referral full(ReferralStatus status) {
  Referral r;
  r.id = "r-1";
  r.case_id = "case-1";
  r.ward = "chuo";
  r.organization_id = "org-1";
  r.status = status;
  r.urgency = Urgency::kUrgent;
  r.legal_basis = LegalBasis::kConsent;
  r.consent = Consent{"2026-04-01", "保健師A", "いとこんちへの紹介"};
  r.summary = "16歳、今夜の居場所が必要";
  r.intake_note = "連絡は母の携帯へ";
  r.household_label = "A.K.";
  r.internal_note = "父との関係に注意";
  r.due_by = "2026-04-02";
  r.created_by = "u-coord";
  return r;
}

const Actor kPartner{"u-p", "partner.itokonchi", Role::kPartner, {}, std::string("org-1")};
const Actor kCoordinator{"u-c", "coord.chuo", Role::kCoordinator, {"chuo"}, std::nullopt};

TEST(ReferralViewTest, WardSeesEverything) {
  Referral v = view(kCoordinator, full(ReferralStatus::kSent));
  EXPECT_EQ(v.internal_note, "父との関係に注意");
  EXPECT_EQ(v.case_id, "case-1");
  EXPECT_EQ(v.household_label, "A.K.");
}

TEST(ReferralViewTest, PartnerSeesTheSummaryWhileSent) {
  Referral v = view(kPartner, full(ReferralStatus::kSent));
  EXPECT_EQ(v.summary, "16歳、今夜の居場所が必要");
  EXPECT_FALSE(v.intake_note.has_value());
  EXPECT_FALSE(v.household_label.has_value());
  EXPECT_FALSE(v.internal_note.has_value());
  EXPECT_FALSE(v.case_id.has_value());
}

TEST(ReferralViewTest, PartnerGetsTheIntakePacketOnceAccepted) {
  Referral v = view(kPartner, full(ReferralStatus::kAccepted));
  EXPECT_EQ(v.intake_note, "連絡は母の携帯へ");
  EXPECT_EQ(v.household_label, "A.K.");
  EXPECT_FALSE(v.internal_note.has_value());
}

TEST(ReferralViewTest, AfterTheEndOnlyWhatThePartnerWrote) {
  Referral done = full(ReferralStatus::kCompleted);
  done.outcome = "enrolled";
  done.response_note = "週2回来所";
  Referral v = view(kPartner, done);
  EXPECT_EQ(v.outcome, "enrolled");
  EXPECT_EQ(v.response_note, "週2回来所");
  EXPECT_FALSE(v.summary.has_value());
  EXPECT_FALSE(v.intake_note.has_value());
  EXPECT_FALSE(v.household_label.has_value());
  EXPECT_FALSE(v.consent.has_value());

  Referral withdrawn = full(ReferralStatus::kWithdrawn);
  withdrawn.reason_code = "family_declined";  // the ward's reason
  EXPECT_FALSE(view(kPartner, withdrawn).reason_code.has_value());
}

}  // namespace
}  // namespace tsunagu::domain
