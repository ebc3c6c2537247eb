// JSON and CSV renderings of the reports (domain/reports/*): one function per shape, so the
// JSON and the CSV of a report list the same rows and figures.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "domain/reports/gaps.h"
#include "domain/reports/network.h"
#include "domain/reports/overview.h"
#include "domain/reports/referral_stats.h"
#include "http/json_io.h"

namespace tsunagu::http {

// A row: only the fields it has (a partner's rows have no case fields at all).
Json report_item_json(const domain::reports::ReportItem& item);
Json item_list_json(const domain::reports::ItemList& list);

Json gaps_json(const domain::reports::GapsReport& report);
std::string gaps_csv(const domain::reports::GapsReport& report);

Json overview_json(const domain::reports::Overview& overview);

Json referral_stats_json(const domain::reports::ReferralStats& stats);
std::string referral_stats_csv(const domain::reports::ReferralStats& stats);

Json network_json(const domain::reports::Network& network);

}  // namespace tsunagu::http
