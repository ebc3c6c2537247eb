// Reports: GET /api/v1/overview (the home screen), /api/v1/reports/gaps, /api/v1/reports/referrals
// and /api/v1/network. Parameters are checked strictly (report_params.h); the figures come from
// domain/reports/, the renderings from report_json.h.
#include "domain/base/system.h"
#include "domain/reports/reports.h"
#include "http/auth.h"
#include "http/report_json.h"
#include "http/report_params.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

// "中央区" for a single ward, "all" otherwise: the last part of a download's name.
std::string wards_label(const Services& s, const std::vector<std::string>& wards) {
  if (wards.size() != 1) return "all";
  if (auto all = s.system->wards(); all.ok()) {
    for (const auto& w : *all) {
      if (w.code == wards.front()) return w.name;
    }
  }
  return wards.front();
}

Status gaps(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  TRY(only_params(
      req, {"ward", "unanswered_days", "outcome_days", "quiet_days", kPage, kPerPage, "format"}));
  TRY_ASSIGN(std::string format, output_format(req, {"json", "csv"}));
  domain::reports::GapParams p;
  p.ward = query(req, "ward");
  TRY_ASSIGN(p.unanswered_days, bounded_int_param(req, "unanswered_days", 7, 1, 365));
  TRY_ASSIGN(p.outcome_days, bounded_int_param(req, "outcome_days", 14, 1, 365));
  TRY_ASSIGN(p.quiet_days, bounded_int_param(req, "quiet_days", 30, 1, 365));
  TRY_ASSIGN(PageRequest paging, parse_paging(req));
  p.slice = {paging.page, paging.per_page};
  TRY_ASSIGN(auto report, s.reports->gaps(actor, request_meta(req), p));
  if (format == "csv") {
    write_csv(res, gaps_csv(report),
              "gaps_" + report.today + "_" + wards_label(s, report.scope.wards) + ".csv");
  } else {
    write_json(res, 200, gaps_json(report));
  }
  return Status::Ok();
}

Status overview(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  TRY(only_params(req, {}));
  TRY_ASSIGN(auto o, s.reports->overview(actor, request_meta(req)));
  write_json(res, 200, overview_json(o));
  return Status::Ok();
}

Result<Date> date_param(const httplib::Request& req, const char* name, Date fallback) {
  auto v = query(req, name);
  if (!v) return fallback;
  auto d = parse_date(*v);
  if (!d.ok()) {
    return Error::Malformed(std::string("The parameter ") + name + " must be a date.")
        .add_field(name, "must be a date (2026-04-01)");
  }
  return *d;
}

// referrals_2026-11_中央区.csv for a whole month, referrals_<from>_<to>_<ward>.csv otherwise.
std::string stats_filename(const domain::reports::StatsParams& p, const std::string& wards) {
  const std::string from = format_date(p.from), to = format_date(p.to);
  const bool whole_month = p.from.day() == std::chrono::day(1) &&
                           add_days(p.to, 1).day() == std::chrono::day(1) &&
                           p.from.month() == p.to.month() && p.from.year() == p.to.year();
  return "referrals_" + (whole_month ? from.substr(0, 7) : from + "_" + to) + "_" + wards + ".csv";
}

// Up to two years, so a request cannot ask the server to read the whole history at once.
constexpr int kMaxStatsDays = 731;

Status referral_report(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  TRY(only_params(req, {"from", "to", "ward", "group_by", "format"}));
  TRY_ASSIGN(std::string format, output_format(req, {"json", "csv"}));
  domain::reports::StatsParams p;
  p.ward = query(req, "ward");
  const Date today = tokyo_date(s.clock->now());
  TRY_ASSIGN(p.to, date_param(req, "to", today));
  TRY_ASSIGN(p.from, date_param(req, "from", Date{p.to.year(), p.to.month(), std::chrono::day(1)}));
  const auto span = (std::chrono::sys_days(p.to) - std::chrono::sys_days(p.from)).count();
  if (span < 0) {
    return Error::Malformed("The parameter from must not be after to.")
        .add_field("from", "must not be after to");
  }
  if (span >= kMaxStatsDays) {
    return Error::Malformed("The period is longer than two years.")
        .add_field("from", "must be at most 731 days before to");
  }
  if (auto g = query(req, "group_by")) {
    auto parsed = domain::reports::parse_group_by(*g);
    if (!parsed) {
      return Error::Malformed("The parameter group_by is not known.")
          .add_field("group_by", "must be organization, category, ward or month");
    }
    p.group_by = *parsed;
  }
  TRY_ASSIGN(auto stats, s.reports->referral_stats(actor, p));
  if (format == "csv") {
    write_csv(res, referral_stats_csv(stats), stats_filename(p, wards_label(s, stats.scope.wards)));
  } else {
    write_json(res, 200, referral_stats_json(stats));
  }
  return Status::Ok();
}

Status network(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  TRY(only_params(req, {"ward", "district", "format"}));
  TRY_ASSIGN(std::string format, output_format(req, {"json", "dot"}));
  TRY_ASSIGN(auto net, s.reports->network_map(actor, query(req, "ward"), query(req, "district")));
  if (format == "dot") {
    res.status = 200;
    res.set_content(domain::reports::network_dot(net), "text/vnd.graphviz; charset=utf-8");
  } else {
    write_json(res, 200, network_json(net));
  }
  return Status::Ok();
}

}  // namespace

void register_report_routes(Router& router, const Services& services) {
  const Services& s = services;
  router.get(
      "/api/v1/overview", "overview",
      [&s](const httplib::Request& req, httplib::Response& res) { return overview(s, req, res); });
  router.get(
      "/api/v1/reports/gaps", "report_gaps",
      [&s](const httplib::Request& req, httplib::Response& res) { return gaps(s, req, res); });
  router.get("/api/v1/reports/referrals", "report_referrals",
             [&s](const httplib::Request& req, httplib::Response& res) {
               return referral_report(s, req, res);
             });
  router.get(
      "/api/v1/network", "network",
      [&s](const httplib::Request& req, httplib::Response& res) { return network(s, req, res); });
}

}  // namespace tsunagu::http
