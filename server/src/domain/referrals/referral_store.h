// Storage helpers behind referrals.cc: reading referral rows, writing events and notifications.
// All run inside the caller's transaction; none checks permissions (referrals.cc does).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/referrals/referrals.h"

namespace tsunagu::storage {
class Connection;
class Statement;
}  // namespace tsunagu::storage

namespace tsunagu::domain::referral_store {

// The SELECT list and FROM clause every referral read uses (from_row reads it; the household's
// label is attach_households' to add, for the rows that show it).
extern const char* const kSelect;

// The receiving partner sees a referral once it was sent, never before: a draft, and a draft
// discarded (withdrawn) without being sent, stay the ward's. As SQL over `referrals r`, and as a
// test of a loaded referral.
extern const char* const kSentToPartner;
bool sent_to_partner(const Referral& r);

// The referral as stored, with `overdue` computed for `today` (Asia/Tokyo); an internal error
// when a stored word (its status) does not decode.
Result<Referral> from_row(const storage::Statement& row, Date today);
// The referral `id` (nullopt when there is none), as from_row reads it, with its ward contact.
Result<std::optional<Referral>> load(storage::Connection& c, const std::string& id, Date today);
// Sets `household_label` (the case's) on each referral `wanted` accepts, in one read: a list page
// reads the cases of the rows that show the label, not of every row.
void attach_households(storage::Connection& c, std::span<Referral> referrals,
                       const std::function<bool(const Referral&)>& wanted);
// Sets `ward_contact` on each referral that waits on the partner (sent or accepted) when its
// ward's office is listed: one read per ward and one for all the senders, not two per row.
void attach_ward_contacts(storage::Connection& c, std::span<Referral> referrals);

void insert_event(storage::Connection& c, const Clock& clock, const std::string& referral_id,
                  const Actor* actor, std::optional<ReferralStatus> from, ReferralStatus to,
                  const std::optional<std::string>& reason_code,
                  const std::optional<std::string>& note);
Result<std::vector<ReferralEvent>> load_events(storage::Connection& c,
                                               const std::string& referral_id);

// Who hears of a step: the receiving organization, or the ward people who follow the referral
// (whoever sent it — its author while it was never sent — and the case's lead).
enum class Audience { kPartner, kWard };

// Tells `audience` of `kind` about the referral as it now stands (call after its row and events
// are written). The note names the organization, the urgency and the status; no case content.
void notify(storage::Connection& c, const Clock& clock, const std::string& kind,
            const std::string& referral_id, Audience audience);

}  // namespace tsunagu::domain::referral_store
