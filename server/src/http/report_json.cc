#include "http/report_json.h"

#include "common/csv.h"

namespace tsunagu::http {
namespace {

using domain::reports::ReportItem;

void put(Json& j, const char* name, const std::optional<std::string>& v) {
  if (v) j[name] = *v;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : " ") + v;
  return out;
}

}  // namespace

Json report_item_json(const ReportItem& item) {
  Json j = {{"reason", item.reason},
            {"record_type", item.record_type},
            {"id", item.id},
            {"href", item.href}};
  put(j, "ward", item.ward);
  put(j, "status", item.status);
  put(j, "case_id", item.case_id);
  put(j, "case_ref", item.case_ref);
  put(j, "household_label", item.household_label);
  put(j, "organization_id", item.organization_id);
  put(j, "organization_name", item.organization_name);
  put(j, "title", item.title);
  put(j, "risk_level", item.risk_level);
  if (item.record_type == "case") {
    j["risk_categories"] = item.risk_categories;
    j["sections"] = item.sections;
  }
  put(j, "since", item.since);
  put(j, "due", item.due);
  if (item.days) j["days"] = *item.days;
  put(j, "starts_at", item.starts_at);
  return j;
}

Json item_list_json(const domain::reports::ItemList& list) {
  Json items = Json::array();
  for (const auto& item : list.items) items.push_back(report_item_json(item));
  return {{"items", std::move(items)},
          {"total", list.total},
          {"page", list.slice.page},
          {"per_page", list.slice.per_page}};
}

Json gaps_json(const domain::reports::GapsReport& report) {
  Json sections = Json::object();
  for (const auto& s : report.sections) sections[s.name] = item_list_json(s.list);
  const auto& p = report.params;
  return {{"today", report.today},
          {"wards", report.scope.wards},
          {"parameters",
           {{"unanswered_days", p.unanswered_days},
            {"outcome_days", p.outcome_days},
            {"quiet_days", p.quiet_days},
            {"page", p.slice.page},
            {"per_page", p.slice.per_page}}},
          {"sections", std::move(sections)}};
}

std::string gaps_csv(const domain::reports::GapsReport& report) {
  CsvWriter csv;
  csv.row({"section", "reason", "record_type", "id", "href", "ward", "status", "case_ref",
           "household_label", "organization_id", "organization_name", "title", "risk_level",
           "risk_categories", "sections", "since", "due", "days"});
  for (const auto& s : report.sections) {
    for (const auto& i : s.list.items) {
      csv.row({s.name, i.reason, i.record_type, i.id, i.href, i.ward.value_or(""),
               i.status.value_or(""), i.case_ref.value_or(""), i.household_label.value_or(""),
               i.organization_id.value_or(""), i.organization_name.value_or(""),
               i.title.value_or(""), i.risk_level.value_or(""), joined(i.risk_categories),
               joined(i.sections), i.since.value_or(""), i.due.value_or(""),
               i.days ? std::to_string(*i.days) : ""});
    }
  }
  return csv.take();
}

Json overview_json(const domain::reports::Overview& o) {
  Json j = {{"role", o.role}, {"today", o.today}};
  if (o.home == domain::access::Home::kAdministration || o.home == domain::access::Home::kAudit) {
    Json counts = Json::object();
    for (const auto& [name, n] : o.counts) counts[name] = n;
    j["counts"] = std::move(counts);
    return j;
  }
  j["wards"] = o.wards;
  if (o.home == domain::access::Home::kWard) {
    Json gaps = Json::object();
    for (const auto& s : o.gaps) gaps[s.name] = item_list_json(s.list);
    j["gaps"] = std::move(gaps);
  }
  for (const auto& [name, list] : o.lists) j[name] = item_list_json(list);
  if (o.capacity) {
    const auto& c = *o.capacity;
    j["capacity"] = {{"status", nullable(c.status)},
                     {"updated_at", nullable(c.updated_at)},
                     {"age_days", c.age_days ? Json(*c.age_days) : Json(nullptr)},
                     {"stale", c.stale}};
  }
  return j;
}

}  // namespace tsunagu::http

namespace tsunagu::http {
namespace {

using domain::reports::Figures;

Json number_or_null(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json counts_json(const domain::reports::WordCounts& counts) {
  Json out = Json::object();
  counts.for_each([&](std::string_view name, int64_t n) { out[std::string(name)] = n; });
  return out;
}

Json figures_json(const Figures& f) {
  return {{"sent", f.sent},
          {"by_status", counts_json(f.by_status)},
          {"decline_reasons", counts_json(f.decline_reasons)},
          {"outcomes", counts_json(f.outcomes)},
          {"answered", f.answered},
          {"with_outcome", f.with_outcome},
          {"got_help", f.got_help},
          {"closed_loop_rate", number_or_null(f.closed_loop_rate)},
          {"got_help_rate", number_or_null(f.got_help_rate)},
          {"median_days_to_response", number_or_null(f.median_days_to_response)},
          {"p90_days_to_response", number_or_null(f.p90_days_to_response)},
          {"median_days_to_outcome", number_or_null(f.median_days_to_outcome)},
          {"p90_days_to_outcome", number_or_null(f.p90_days_to_outcome)}};
}

// A figure as a CSV cell: empty for null, numbers as JSON writes them (0.6667, 2.5).
std::string cell(const std::optional<double>& v) { return v ? Json(*v).dump() : ""; }

// A row's cells in the columns of `columns` (the total's figures, which name every value any
// group has), so that a group without some value still fills its column with 0.
std::vector<std::string> figures_cells(const Figures& f, const Figures& columns) {
  std::vector<std::string> out = {std::to_string(f.sent)};
  auto counts = [&](const domain::reports::WordCounts& of,
                    const domain::reports::WordCounts& names) {
    names.for_each(
        [&](std::string_view name, int64_t) { out.push_back(std::to_string(of.at(name))); });
  };
  counts(f.by_status, columns.by_status);
  for (const auto& v : {f.answered, f.with_outcome, f.got_help}) out.push_back(std::to_string(v));
  for (const auto& v : {f.closed_loop_rate, f.got_help_rate, f.median_days_to_response,
                        f.p90_days_to_response, f.median_days_to_outcome, f.p90_days_to_outcome}) {
    out.push_back(cell(v));
  }
  counts(f.decline_reasons, columns.decline_reasons);
  counts(f.outcomes, columns.outcomes);
  return out;
}

}  // namespace

Json referral_stats_json(const domain::reports::ReferralStats& stats) {
  Json groups = Json::array();
  for (const auto& g : stats.groups) {
    Json j = figures_json(g.figures);
    j["key"] = g.key;
    j["label"] = g.label;
    groups.push_back(std::move(j));
  }
  const char* group_by = domain::reports::to_string(stats.params.group_by);
  return {{"from", format_date(stats.params.from)},
          {"to", format_date(stats.params.to)},
          {"wards", stats.scope.wards},
          {"group_by", *group_by ? Json(group_by) : Json(nullptr)},
          {"total", figures_json(stats.total)},
          {"groups", std::move(groups)}};
}

std::string referral_stats_csv(const domain::reports::ReferralStats& stats) {
  std::vector<std::string> header = {"group_by", "key", "label", "sent"};
  auto columns = [&](const std::string& prefix, const domain::reports::WordCounts& counts) {
    counts.for_each(
        [&](std::string_view name, int64_t) { header.push_back(prefix + std::string(name)); });
  };
  columns("status_", stats.total.by_status);
  for (const char* h : {"answered", "with_outcome", "got_help", "closed_loop_rate", "got_help_rate",
                        "median_days_to_response", "p90_days_to_response", "median_days_to_outcome",
                        "p90_days_to_outcome"}) {
    header.push_back(h);
  }
  columns("declined_", stats.total.decline_reasons);
  columns("outcome_", stats.total.outcomes);
  CsvWriter csv;
  csv.row(header);
  const std::string group_by = domain::reports::to_string(stats.params.group_by);
  auto row = [&](const std::string& by, const std::string& key, const std::string& label,
                 const Figures& f) {
    std::vector<std::string> cells = {by, key, label};
    for (auto& c : figures_cells(f, stats.total)) cells.push_back(std::move(c));
    csv.row(cells);
  };
  for (const auto& g : stats.groups) row(group_by, g.key, g.label, g.figures);
  row("total", "", "", stats.total);
  return csv.take();
}

Json network_json(const domain::reports::Network& net) {
  Json nodes = Json::array();
  for (const auto& n : net.nodes) {
    Json j = {{"id", n.id}, {"kind", n.kind}, {"name", n.name}};
    if (n.kind == "organization") {
      j["category"] = nullable(n.category);
      j["council_member"] = n.council_member;
      j["capacity"] = {{"status", nullable(n.capacity_status)},
                       {"updated_at", nullable(n.capacity_updated_at)},
                       {"stale", n.capacity_stale}};
      j["referrals_sent"] = n.referrals_sent;
      j["referrals_accepted"] = n.referrals_accepted;
      j["meetings_attended"] = n.meetings_attended;
      j["never_referred"] = n.never_referred;
    }
    nodes.push_back(std::move(j));
  }
  Json edges = Json::array();
  for (const auto& e : net.edges) {
    Json j = {{"source", e.source}, {"target", e.target}, {"kind", e.kind}};
    if (e.kind == "referral") {
      j["sent"] = e.sent;
      j["accepted"] = e.accepted;
    } else {
      j["meetings"] = e.meetings;
    }
    edges.push_back(std::move(j));
  }
  return {{"ward", net.ward},
          {"ward_name", net.ward_name},
          {"district", nullable(net.district)},
          {"nodes", std::move(nodes)},
          {"edges", std::move(edges)}};
}

}  // namespace tsunagu::http
