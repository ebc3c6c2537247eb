// The closed word sets of the API — categories, risk levels, statuses, reasons, kinds, roles —
// each one table of {value, Japanese label, English label}. The same tables are what the domain
// validates against (choices.h's is_one_of) and what GET /api/v1/reference shows clients, so a
// value the server accepts always has both labels and a label can never name a value the server
// refuses. Wards are not here: they are reference data in the database (wards.h).
//
// Thread-safety: constant data and pure functions.
#pragma once

#include <span>
#include <string_view>

namespace tsunagu::domain {

struct Word {
  std::string_view value;  // on the wire, e.g. "youth_space"
  std::string_view ja;     // e.g. "居場所"
  std::string_view en;     // e.g. "Youth space"
};

using Words = std::span<const Word>;

namespace words {

// Directory (directory.h's enums index these tables in order).
inline constexpr Word kCategories[] = {
    {"youth_space", "居場所", "Youth space"},
    {"night_nursery", "夜間保育所", "Night nursery"},
    {"family_support_center", "児童家庭支援センター", "Child and family support centre"},
    {"child_guidance_center", "児童相談所", "Child guidance centre"},
    {"medical", "医療機関", "Medical institution"},
    {"midwife", "助産所", "Midwifery home"},
    {"health_center", "保健センター", "Health centre"},
    {"school", "学校", "School"},
    {"nursery", "保育所", "Nursery"},
    {"resident_group", "町内会・民生委員", "Residents' association / welfare volunteer"},
    {"npo", "NPO法人", "NPO"},
    {"ward_office", "区役所", "Ward office"},
    {"other", "その他", "Other"},
};
inline constexpr Word kVisibilities[] = {
    {"public", "一般公開", "Public"},
    {"network", "ネットワーク内のみ", "Network only"},
};
inline constexpr Word kAddressVisibilities[] = {
    {"public", "一般公開", "Public"},
    {"network", "ネットワーク内のみ", "Network only"},
    {"hidden", "非公開", "Hidden"},
};
inline constexpr Word kCapacityStatuses[] = {
    {"open", "受け入れ可", "Open"},
    {"limited", "残りわずか", "Limited"},
    {"waitlist", "空き待ち", "Waiting list"},
    {"full", "満員", "Full"},
};
// An organization's or a service's own status: inactive is archived (DELETE). Not listed in
// GET /api/v1/reference (word_sets()); the API reads and writes the words as they are.
inline constexpr Word kEntryStatuses[] = {
    {"active", "掲載中", "Active"},
    {"inactive", "アーカイブ", "Archived"},
};

// Cases.
inline constexpr Word kRiskCategories[] = {
    {"specified_pregnancy", "特定妊婦", "Specified pregnancy"},
    {"abuse_certified", "虐待認定", "Abuse certified"},
    {"parenting_difficulty", "育児困難", "Parenting difficulty"},
    {"other", "その他", "Other"},
};
inline constexpr Word kSections[] = {
    {"maternal_child_health", "母子保健", "Maternal and child health"},
    {"child_welfare", "児童福祉", "Child welfare"},
};
inline constexpr Word kRiskLevels[] = {
    {"low", "低", "Low"},
    {"medium", "中", "Medium"},
    {"high", "高", "High"},
};
inline constexpr Word kCaseStatuses[] = {
    {"open", "対応中", "Open"},
    {"closed", "終結", "Closed"},
};
inline constexpr Word kContactKinds[] = {
    {"home_visit", "家庭訪問", "Home visit"},
    {"accompanied_visit", "同行訪問", "Accompanied visit"},
    {"phone", "電話", "Phone call"},
    {"office_visit", "来所", "Office visit"},
    {"advice", "助言", "Advice"},
    {"other", "その他", "Other"},
};

// Transfers between wards (transfer_states.h's TransferStatus indexes kTransferStatuses in
// order).
inline constexpr Word kTransferStatuses[] = {
    {"pending", "受け入れ待ち", "Pending"},
    {"accepted", "移管済み", "Accepted"},
    {"declined", "お断り", "Declined"},
    {"withdrawn", "取り下げ", "Withdrawn"},
};

// Referrals (referral_states.h's ReferralStatus indexes kReferralStatuses in order).
inline constexpr Word kReferralStatuses[] = {
    {"draft", "下書き", "Draft"},           {"sent", "送付済み", "Sent"},
    {"accepted", "受理", "Accepted"},       {"declined", "お断り", "Declined"},
    {"withdrawn", "取り下げ", "Withdrawn"}, {"expired", "期限切れ", "Expired"},
    {"completed", "完了", "Completed"},
};
inline constexpr Word kUrgencies[] = {
    {"routine", "通常", "Routine"},
    {"urgent", "至急", "Urgent"},
};
inline constexpr Word kLegalBases[] = {
    {"consent", "本人・保護者の同意", "Consent of the family"},
    {"council", "要保護児童対策地域協議会での情報共有", "Information sharing in the council"},
    {"statute", "法令に基づく提供", "Provided for by law"},
};
inline constexpr Word kDeclineReasons[] = {
    {"no_capacity", "受け入れ枠がない", "No capacity"},
    {"not_eligible", "利用の対象外", "Not eligible"},
    {"service_not_provided", "該当する支援を行っていない", "Service not provided"},
    {"out_of_area", "対象地域外", "Out of area"},
    {"could_not_contact", "ご家族と連絡がつかない", "Could not contact the family"},
    {"family_declined", "ご家族が希望されなかった", "The family declined"},
    {"referred_elsewhere", "他の機関につないだ", "Referred elsewhere"},
    {"duplicate", "重複した依頼", "Duplicate"},
    {"other", "その他", "Other"},
};
inline constexpr Word kOutcomes[] = {
    {"enrolled", "利用開始", "Enrolled"},
    {"got_help", "支援につながった", "Got help"},
    {"not_enrolled", "利用に至らなかった", "Not enrolled"},
    {"waitlisted", "空き待ち", "Waiting list"},
    {"unknown", "不明", "Unknown"},
};

// Meetings.
inline constexpr Word kMeetingKinds[] = {
    {"roundtable", "座談会", "Roundtable"},
    {"case_conference", "合同ケース会議", "Joint case conference"},
    {"practitioners", "実務者会議", "Practitioners' meeting"},
    {"individual", "個別ケース検討会議", "Individual case review"},
    {"child_guidance_conference", "児童相談所の定例会議",
     "Child guidance centre's regular meeting"},
};
inline constexpr Word kMeetingStatuses[] = {
    {"planned", "予定", "Planned"},
    {"held", "開催済み", "Held"},
    {"cancelled", "中止", "Cancelled"},
};
inline constexpr Word kActionItemStatuses[] = {
    {"open", "未完了", "Open"},
    {"done", "完了", "Done"},
    {"dropped", "取りやめ", "Dropped"},
};

// Accounts (actor.h's Role indexes kRoles in order).
inline constexpr Word kRoles[] = {
    {"admin", "システム管理者", "Administrator"}, {"coordinator", "統括支援員", "Coordinator"},
    {"ward_staff", "区の担当職員", "Ward staff"}, {"partner", "連携機関", "Partner organization"},
    {"auditor", "監査担当", "Auditor"},
};

}  // namespace words

// One named word set, as GET /api/v1/reference lists it ("categories", "risk_levels", …).
struct WordSet {
  std::string_view name;
  Words words;
};

// Every word set, in the order the reference answer lists them.
std::span<const WordSet> word_sets();

// The entry for `value` in `set`, or nullptr.
const Word* find_word(Words set, std::string_view value);

}  // namespace tsunagu::domain
