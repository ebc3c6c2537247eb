// The demo's households and meetings (seed/30_cases.json, seed/40_meetings.json), created
// through the same checks as the API, as the coordinator each item names (`as`), so a newcomer
// finds a living network: a held すすきの roundtable with minutes and action items, the next one,
// and a practitioners' meeting with cases to put on its agenda. Dates are relative to the day
// the demo is loaded (`in_days`, `due_in_days`, `reviewed_days_ago`), so the demo never looks
// stale.
//
// Thread-safety: both run inside the demo loader's write transaction.
#pragma once

#include <string>

#include "common/field_reader.h"
#include "common/result.h"
#include "common/time.h"

namespace tsunagu::storage {
class Connection;
}

namespace tsunagu::domain {

// Returns how many were created; InvalidArgument naming the item on the first bad one.
Result<int> load_case_seed(storage::Connection& c, const Clock& clock, const Json& items);
Result<int> load_meeting_seed(storage::Connection& c, const Clock& clock, const Json& items);
// seed/50_casework.json: assessments (and determinations), contacts and transfer requests of
// cases the seed created, found by ward and case_ref; returns how many cases it touched.
Result<int> load_casework_seed(storage::Connection& c, const Clock& clock, const Json& items);

}  // namespace tsunagu::domain
