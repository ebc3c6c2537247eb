#include <cstdio>

#include "commands.h"
#include "errors.h"
#include "time_arg.h"

namespace tsunagu::cli {
namespace {

struct SectionName {
  const char* key;
  const char* ja;
  const char* en;
};

// The gaps report's sections in the server's order, with headings for people.
constexpr SectionName kGapSections[] = {
    {"unanswered_referrals", "回答のない紹介", "Referrals without an answer"},
    {"accepted_without_outcome", "受入後、結果の届かない紹介", "Accepted without an outcome"},
    {"quiet_high_risk_cases", "支援の動きがない要支援ケース", "High-risk cases gone quiet"},
    {"plans_past_review", "見直し期限を過ぎた支援計画", "Support plans past review"},
    {"pending_transfers", "回答待ちのケース移管", "Transfers waiting for an answer"},
    {"overdue_action_items", "期限を過ぎた宿題", "Overdue action items"},
    {"stale_capacity", "受入状況が30日以上更新されていない連携先",
     "Capacity not updated in 30 days"},
};

std::string gap_subject(const Json& row) {
  std::string subject;
  auto add = [&subject](const std::string& part) {
    if (!part.empty()) subject += (subject.empty() ? "" : " ") + part;
  };
  add(text(row, "case_ref"));
  if (std::string label = text(row, "household_label"); !label.empty()) add("（" + label + "）");
  add(text(row, "title"));
  if (std::string org = text(row, "organization_name"); !org.empty())
    add(subject.empty() ? org : "→ " + org);
  return subject;
}

std::string percent(const Json& figures, const char* key) {
  auto it = figures.find(key);
  if (it == figures.end() || !it->is_number()) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", it->get<double>() * 100);
  return buf;
}

std::string number(const Json& figures, const char* key) {
  auto it = figures.find(key);
  if (it == figures.end() || !it->is_number()) return "";
  if (it->is_number_integer()) return it->dump();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", it->get<double>());
  return buf;
}

std::string status_count(const Json& figures, const char* status) {
  return text(figures.value("by_status", Json::object()), status);
}

}  // namespace

void add_report_commands(CLI::App& app, Context& ctx) {
  struct GapOptions {
    std::string ward;
    int limit = 20;
    bool csv = false;
  };
  auto go = std::make_shared<GapOptions>();
  auto* gaps = app.add_subcommand("gaps", "What is slipping: unanswered referrals, quiet cases, …");
  gaps->add_option("--ward", go->ward, "Ward code (default: all of yours)");
  gaps->add_option("--limit", go->limit, "Rows per section (default 20; totals count every row)")
      ->check(CLI::Range(1, 200));
  gaps->add_flag("--csv", go->csv, "Print the server's CSV (UTF-8 with BOM) instead of tables");
  gaps->callback([&ctx, go] {
    Query q{{"ward", go->ward}, {"per_page", std::to_string(go->limit)}};
    if (go->csv) {
      ctx.out() << ctx.api().get_text("/api/v1/reports/gaps", q, "text/csv");
      return;
    }
    Json report = ctx.api().get("/api/v1/reports/gaps", q);
    if (ctx.options.json) return ctx.print_json(report);
    ctx.print_line(ctx.bold(ctx.t("切れ目・漏れの点検（", "Gaps report (") + text(report, "today") +
                            ctx.t("時点）", ")")));
    const Json sections = report.value("sections", Json::object());
    for (const auto& s : kGapSections) {
      auto it = sections.find(s.key);
      if (it == sections.end()) continue;
      const Json items = it->value("items", Json::array());
      long long total = it->value("total", 0LL);
      std::string heading = std::string(ctx.japanese() ? s.ja : s.en) + "  " +
                            std::to_string(total) + ctx.t(" 件", "");
      ctx.print_line("\n" + (total > 0 ? ctx.bold(heading) : ctx.dim(heading)));
      if (items.empty()) continue;
      print_list(
          ctx, *it,
          {{"対象", "Subject", [](const Json& r) { return gap_subject(r); }, false, true},
           {"区", "Ward", [&ctx](const Json& r) { return ctx.label("wards", text(r, "ward")); }},
           {"起点", "Since", [](const Json& r) { return text(r, "since"); }, true},
           {"日数", "Days", [](const Json& r) { return text(r, "days"); }},
           {"ID", "ID", [](const Json& r) { return text(r, "id"); }, true}});
    }
  });

  auto* report = app.add_subcommand("report", "Reports on how the network answers");
  report->require_subcommand(1);
  struct ReferralReportOptions {
    std::string from, to, ward, group_by;
    bool csv = false;
  };
  auto r = std::make_shared<ReferralReportOptions>();
  auto* referrals = report->add_subcommand(
      "referrals", "Referrals sent in a period: answers, outcomes, closed-loop rate, days");
  referrals->add_option("--from", r->from, "First day (YYYY-MM-DD; default the 1st of this month)");
  referrals->add_option("--to", r->to, "Last day, inclusive (default today)");
  referrals->add_option("--ward", r->ward, "Ward code");
  referrals->add_option("--group-by", r->group_by, "organization, category, ward or month")
      ->check(CLI::IsMember({"organization", "category", "ward", "month"}));
  referrals->add_flag("--csv", r->csv, "Print the server's CSV (UTF-8 with BOM)");
  referrals->callback([&ctx, r] {
    Query q{{"from", r->from.empty() ? "" : parse_date_option("--from", r->from, ctx.now())},
            {"to", r->to.empty() ? "" : parse_date_option("--to", r->to, ctx.now())},
            {"ward", r->ward},
            {"group_by", r->group_by}};
    if (r->csv) {
      ctx.out() << ctx.api().get_text("/api/v1/reports/referrals", q, "text/csv");
      return;
    }
    Json answer = ctx.api().get("/api/v1/reports/referrals", q);
    if (ctx.options.json) return ctx.print_json(answer);
    ctx.print_line(ctx.bold(ctx.t("紹介の状況 ", "Referrals ") + text(answer, "from") + " – " +
                            text(answer, "to")));
    Json rows = answer.value("groups", Json::array());
    Json total = answer.value("total", Json::object());
    total["label"] = ctx.t("合計", "Total");
    rows.push_back(total);
    print_list(
        ctx, rows,
        {{"区分", "Group",
          [](const Json& g) {
            std::string l = text(g, "label");
            return l.empty() ? text(g, "key") : l;
          }},
         {"送付", "Sent", [](const Json& g) { return number(g, "sent"); }},
         {"回答", "Answered", [](const Json& g) { return number(g, "answered"); }},
         {"受入", "Accepted", [](const Json& g) { return status_count(g, "accepted"); }},
         {"辞退", "Declined", [](const Json& g) { return status_count(g, "declined"); }},
         {"期限切れ", "Expired", [](const Json& g) { return status_count(g, "expired"); }},
         {"完了", "Completed", [](const Json& g) { return status_count(g, "completed"); }},
         {"完結率", "Closed loop", [](const Json& g) { return percent(g, "closed_loop_rate"); }},
         {"回答日数(中央値)", "Days to answer",
          [](const Json& g) { return number(g, "median_days_to_response"); }}});
  });

  struct NetworkOptions {
    std::string ward, district;
    bool dot = false;
  };
  auto n = std::make_shared<NetworkOptions>();
  auto* network = app.add_subcommand(
      "network",
      "The ward's network: partners, referrals and shared meetings (--dot for GraphViz)");
  network->add_option("--ward", n->ward, "Ward code (needed when you have several wards)");
  network->add_option("--district", n->district, "District");
  network->add_flag("--dot", n->dot, "Print GraphViz DOT: tsunagu network --dot | dot -Tsvg");
  network->callback([&ctx, n] {
    Query q{{"ward", n->ward}, {"district", n->district}};
    if (n->dot) {
      q.emplace_back("format", "dot");
      ctx.out() << ctx.api().get_text("/api/v1/network", q, "text/vnd.graphviz");
      return;
    }
    Json net = ctx.api().get("/api/v1/network", q);
    if (ctx.options.json) return ctx.print_json(net);
    Json orgs = Json::array();
    for (const auto& node : net.value("nodes", Json::array()))
      if (text(node, "kind") == "organization") orgs.push_back(node);
    ctx.print_line(ctx.bold(text(net, "ward_name") + " " + text(net, "district")));
    print_list(ctx, orgs,
               {{"名称", "Name", [](const Json& o) { return text(o, "name"); }},
                {"種別", "Category",
                 [&ctx](const Json& o) { return ctx.label("categories", text(o, "category")); }},
                {"紹介", "Referred", [](const Json& o) { return text(o, "referrals_sent"); }},
                {"受入", "Accepted", [](const Json& o) { return text(o, "referrals_accepted"); }},
                {"会議", "Meetings", [](const Json& o) { return text(o, "meetings_attended"); }},
                {"紹介実績なし", "Never referred",
                 [](const Json& o) { return text(o, "never_referred"); }}});
  });
}

}  // namespace tsunagu::cli
