#include <optional>

#include "commands.h"
#include "errors.h"
#include "time_arg.h"

namespace tsunagu::cli {
namespace {

// Whether one of the services of the organization takes a child of `age` years (a service
// without age bounds takes every age).
bool serves_age(Context& ctx, const std::string& org_id, int age) {
  Json services =
      ctx.api().get(record_path("organizations", org_id) + "/services", {{"per_page", "200"}});
  for (const auto& s : services.value("items", Json::array())) {
    if (s.value("status", "active") != "active") continue;
    auto bound = [&](const char* key, int fallback) {
      auto it = s.find(key);
      return it != s.end() && it->is_number_integer() ? it->get<int>() : fallback;
    };
    if (bound("age_min", 0) <= age && age <= bound("age_max", 200)) return true;
  }
  return false;
}

std::string capacity_cell(Context& ctx, const Json& org) {
  const Json capacity = org.value("capacity", Json::object());
  std::string status = text(capacity, "status");
  if (status.empty()) return "";
  std::string out = ctx.label("capacity_statuses", status);
  if (capacity.value("stale", false)) out += ctx.t("（古い）", " (stale)");
  return out;
}

std::string wards_cell(Context& ctx, const Json& org) {
  std::string out;
  for (const auto& w : org.value("wards", Json::array()))
    out += (out.empty() ? "" : "、") + ctx.label("wards", text(w));
  return out;
}

std::string hours_text(Context& ctx, const Json& hours) {
  static const char* kJa[] = {"日", "月", "火", "水", "木", "金", "土"};
  static const char* kEn[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  std::string out;
  for (const auto& h : hours) {
    std::string slot;
    if (h.contains("weekday") && h["weekday"].is_number_integer()) {
      int d = h["weekday"].get<int>();
      if (d >= 0 && d <= 6) slot = ctx.japanese() ? kJa[d] : kEn[d];
    } else if (h.contains("date")) {
      slot = text(h, "date");
    }
    if (h.value("closed", false))
      slot += ctx.t(" 休み", " closed");
    else
      slot += " " + text(h, "opens") + "–" + text(h, "closes");
    out += (out.empty() ? "" : ctx.t("、", ", ")) + slot;
  }
  return out;
}

}  // namespace

void add_directory_commands(CLI::App& app, Context& ctx) {
  auto* org = app.add_subcommand("org", "The directory of the prevention network's partners");
  org->require_subcommand(1);

  struct SearchOptions {
    std::string query, ward, category, district, open_at, capacity;
    std::optional<int> age;
    Paging paging;
  };
  auto s = std::make_shared<SearchOptions>();
  auto* search = org->add_subcommand("search", "Search the directory");
  search->add_option("query", s->query,
                     "Words to find in names, kana, descriptions and services (width- and "
                     "kana-insensitive)");
  search->add_option("--ward", s->ward, "Ward code (chuo, kita, …)");
  search->add_option("--category", s->category,
                     "Category code (night_nursery, youth_space, family_support_center, …)");
  search->add_option("--district", s->district, "District (e.g. すすきの)");
  search->add_option("--open-at", s->open_at,
                     "Open at this time (Asia/Tokyo): \"today 23:30\", \"tomorrow 08:00\", "
                     "\"23:30\", \"2026-12-01 23:30\", \"now\" or RFC 3339");
  search->add_option("--capacity", s->capacity,
                     "Capacity: open, limited, waitlist, full, "
                     "unknown (comma list)");
  search
      ->add_option("--age", s->age,
                   "Only partners with a service for a child of this age in years (checked "
                   "by the client against each result's services)")
      ->check(CLI::Range(0, 120));
  add_paging_options(search, s->paging);
  search->callback([&ctx, s] {
    Query q = paged({{"q", s->query},
                     {"ward", s->ward},
                     {"category", s->category},
                     {"district", s->district},
                     {"capacity", s->capacity}},
                    s->paging);
    if (!s->open_at.empty())
      q.emplace_back("open_at", parse_time_option("--open-at", s->open_at, ctx.now()));
    Json page = ctx.api().get("/api/v1/organizations", q);
    if (s->age) {
      Json kept = Json::array();
      for (auto& o : page["items"])
        if (serves_age(ctx, text(o, "id"), *s->age)) kept.push_back(std::move(o));
      page["items"] = std::move(kept);
      page["total"] = page["items"].size();  // of this page: the server cannot filter by age
    }
    if (ctx.options.json) return ctx.print_json(page);
    print_list(ctx, page,
               {{"ID", "ID", [](const Json& o) { return text(o, "id"); }, true},
                {"名称", "Name", [](const Json& o) { return text(o, "name"); }},
                {"種別", "Category",
                 [&ctx](const Json& o) { return ctx.label("categories", text(o, "category")); }},
                {"区", "Ward", [&ctx](const Json& o) { return wards_cell(ctx, o); }},
                {"地区", "District", [](const Json& o) { return text(o, "district"); }},
                {"受入", "Capacity", [&ctx](const Json& o) { return capacity_cell(ctx, o); }}});
  });

  auto show_id = std::make_shared<std::string>();
  auto* show = org->add_subcommand("show", "Show one partner, its hours and services");
  show->add_option("id", *show_id, "Organization id")->required();
  show->callback([&ctx, show_id] {
    Json o = ctx.api().get(record_path("organizations", *show_id));
    Json services =
        ctx.api().get(record_path("organizations", *show_id) + "/services", {{"per_page", "200"}});
    if (ctx.options.json) {
      o["services"] = services.value("items", Json::array());
      return ctx.print_json(o);
    }
    const Json capacity = o.value("capacity", Json::object());
    print_fields(ctx, {{ctx.t("名称", "Name"), text(o, "name")},
                       {ctx.t("よみ", "Kana"), text(o, "name_kana")},
                       {"ID", text(o, "id")},
                       {ctx.t("種別", "Category"), ctx.label("categories", text(o, "category"))},
                       {ctx.t("区", "Ward"), wards_cell(ctx, o)},
                       {ctx.t("地区", "District"), text(o, "district")},
                       {ctx.t("住所", "Address"), text(o, "address")},
                       {ctx.t("電話", "Phone"), text(o, "phone")},
                       {ctx.t("メール", "E-mail"), text(o, "email")},
                       {ctx.t("ウェブ", "Website"), text(o, "website")},
                       {ctx.t("要対協", "Council"),
                        o.value("council_member", false) ? ctx.t("構成員", "member") : ""},
                       {ctx.t("受入状況", "Capacity"), capacity_cell(ctx, o)},
                       {ctx.t("受入メモ", "Capacity note"), text(capacity, "note")},
                       {ctx.t("更新", "Updated"), short_time(text(capacity, "updated_at"))},
                       {ctx.t("開所時間", "Hours"), hours_text(ctx, o.value("hours", Json()))},
                       {ctx.t("説明", "About"), text(o, "description")}});
    ctx.print_line("");
    ctx.print_line(ctx.bold(ctx.t("サービス", "Services")));
    print_list(ctx, services,
               {{"ID", "ID", [](const Json& v) { return text(v, "id"); }, true},
                {"名称", "Name", [](const Json& v) { return text(v, "name"); }},
                {"年齢", "Ages",
                 [](const Json& v) {
                   std::string lo = text(v, "age_min"), hi = text(v, "age_max");
                   return lo.empty() && hi.empty() ? std::string() : lo + "–" + hi;
                 }},
                {"対象", "Eligibility", [](const Json& v) { return text(v, "eligibility"); }},
                {"費用", "Fee", [](const Json& v) { return text(v, "fee"); }}});
  });

  struct CapacityOptions {
    std::string id, status, note;
  };
  auto c = std::make_shared<CapacityOptions>();
  auto* capacity = org->add_subcommand(
      "capacity", "Update a partner's capacity (partners: their own; admin: any)");
  capacity->add_option("id", c->id, "Organization id")->required();
  capacity->add_option("status", c->status, "open, limited, waitlist or full")
      ->required()
      ->check(CLI::IsMember({"open", "limited", "waitlist", "full"}));
  capacity->add_option("--note", c->note, "A note for coordinators (e.g. 0歳児は満員)");
  capacity->callback([&ctx, c] {
    Json body{{"status", c->status}};
    if (!c->note.empty()) body["note"] = c->note;
    Json answer = ctx.api().put(record_path("organizations", c->id) + "/capacity", body);
    if (ctx.options.json) return ctx.print_json(answer);
    ctx.print_line(ctx.t("受入状況を更新しました: ", "Capacity updated: ") +
                   ctx.label("capacity_statuses", text(answer, "status")) +
                   (text(answer, "note").empty() ? "" : "（" + text(answer, "note") + "）"));
  });
}

}  // namespace tsunagu::cli
