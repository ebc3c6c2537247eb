#include <optional>
#include <regex>

#include "commands.h"
#include "errors.h"
#include "time_arg.h"

namespace tsunagu::cli {
namespace {

std::string labels(Context& ctx, const std::string& set, const Json& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : "、") + ctx.label(set, text(v));
  return out;
}

// Cases are named by their case reference (every command takes it in place of the id).
std::vector<Column> case_columns(Context& ctx) {
  return {
      {"ケース番号", "Case ref", [](const Json& c) { return text(c, "case_ref"); }, true},
      {"世帯", "Household", [](const Json& c) { return text(c, "household_label"); }},
      {"リスク", "Risk",
       [&ctx](const Json& c) { return ctx.label("risk_levels", text(c, "risk_level")); }},
      {"区分", "Categories",
       [&ctx](const Json& c) {
         return labels(ctx, "risk_categories", c.value("risk_categories", Json::array()));
       }},
      {"状態", "Status",
       [&ctx](const Json& c) { return ctx.label("case_statuses", text(c, "status")); }},
      {"主担当", "Lead",
       [&ctx](const Json& c) { return user_display_name(ctx, text(c, "lead_user_id")); }},
      {"次回見直し", "Next review", [](const Json& c) { return text(c, "next_review_on"); }, true}};
}

void print_case(Context& ctx, const Json& c) {
  const Json plan = c.value("support_plan", Json::object());
  std::string goals;
  for (const auto& g : plan.value("goals", Json::array()))
    goals += (goals.empty() ? "" : " / ") + text(g);
  print_fields(ctx, {{ctx.t("ケース番号", "Case ref"), text(c, "case_ref")},
                     {ctx.t("世帯", "Household"), text(c, "household_label")},
                     {"ID", text(c, "id")},
                     {ctx.t("区", "Ward"), ctx.label("wards", text(c, "ward"))},
                     {ctx.t("状態", "Status"), ctx.label("case_statuses", text(c, "status"))},
                     {ctx.t("リスク", "Risk"), ctx.label("risk_levels", text(c, "risk_level"))},
                     {ctx.t("区分", "Categories"),
                      labels(ctx, "risk_categories", c.value("risk_categories", Json::array()))},
                     {ctx.t("担当係", "Sections"),
                      labels(ctx, "sections", c.value("sections", Json::array()))},
                     {ctx.t("主担当", "Lead"), user_display_name(ctx, text(c, "lead_user_id"))},
                     {ctx.t("次回見直し", "Next review"), text(c, "next_review_on")},
                     {ctx.t("前回見直し", "Last review"), text(c, "last_reviewed_on")},
                     {ctx.t("支援目標", "Goals"), goals},
                     {ctx.t("本人・家族の思い", "Family's voice"), text(plan, "family_voice")},
                     {ctx.t("計画見直し期限", "Plan review by"), text(plan, "review_by")},
                     {ctx.t("更新", "Updated"), short_time(text(c, "updated_at"))}});
}

}  // namespace

bool looks_like_id(const std::string& s) {
  static const std::regex uuid(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static const std::regex ulid("[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}");
  return std::regex_match(s, uuid) || std::regex_match(s, ulid);
}

Json find_case(Context& ctx, const std::string& case_ref) {
  Json page = ctx.api().get("/api/v1/cases", {{"q", case_ref}, {"per_page", "200"}});
  const Json items = page.value("items", Json::array());
  for (const auto& c : items)
    if (text(c, "case_ref") == case_ref) return c;
  if (items.size() == 1) return items[0];  // matched folded (full-width digits, kana)
  throw ApiError(404, "not_found", ctx.t("ケースが見つかりません", "No such case"),
                 items.empty() ? ctx.t("ケース番号 " + case_ref + " に当たるケースはありません",
                                       "no case has the reference " + case_ref)
                               : ctx.t(std::to_string(items.size()) +
                                           " 件が該当します。ケース番号を正確に指定してください",
                                       std::to_string(items.size()) +
                                           " cases match; give the whole case reference"),
                 {});
}

std::string resolve_case_id(Context& ctx, const std::string& id_or_ref) {
  if (looks_like_id(id_or_ref)) return id_or_ref;
  return text(find_case(ctx, id_or_ref), "id");
}

void add_case_commands(CLI::App& app, Context& ctx) {
  auto* cases = app.add_subcommand("case", "Cases of your wards (coordinators and ward staff)");
  cases->require_subcommand(1);

  struct ListOptions {
    std::string q, status, risk_level, risk_category, section, lead, ward;
    Paging paging;
  };
  auto l = std::make_shared<ListOptions>();
  auto* list = cases->add_subcommand("list", "List cases, highest risk first");
  list->add_option("-q,--query", l->q, "Part of a case ref or household label");
  list->add_option("--status", l->status, "open or closed");
  list->add_option("--risk-level", l->risk_level, "low, medium or high");
  list->add_option("--risk-category", l->risk_category,
                   "specified_pregnancy, abuse_certified, parenting_difficulty or other");
  list->add_option("--section", l->section, "maternal_child_health or child_welfare");
  list->add_option("--lead", l->lead, "Lead user id, or \"me\"");
  list->add_option("--ward", l->ward, "Ward code");
  add_paging_options(list, l->paging);
  list->callback([&ctx, l] {
    Json page = ctx.api().get("/api/v1/cases", paged({{"q", l->q},
                                                      {"status", l->status},
                                                      {"risk_level", l->risk_level},
                                                      {"risk_category", l->risk_category},
                                                      {"section", l->section},
                                                      {"lead", l->lead},
                                                      {"ward", l->ward}},
                                                     l->paging));
    if (ctx.options.json) return ctx.print_json(page);
    print_list(ctx, page, case_columns(ctx));
  });

  auto show_id = std::make_shared<std::string>();
  auto* show = cases->add_subcommand("show", "Show one case and its support plan");
  show->add_option("id", *show_id, "Case id or case ref")->required();
  show->callback([&ctx, show_id] {
    Json c = ctx.api().get(record_path("cases", resolve_case_id(ctx, *show_id)));
    if (ctx.options.json) return ctx.print_json(c);
    print_case(ctx, c);
  });

  auto ref = std::make_shared<std::string>();
  auto* find = cases->add_subcommand("find", "Find a case by the ward's own case reference");
  find->add_option("case_ref", *ref, "The ward's case reference, e.g. 中央-2026-017")->required();
  find->callback([&ctx, ref] {
    Json c = find_case(ctx, *ref);
    if (ctx.options.json) return ctx.print_json(c);
    print_case(ctx, c);
  });

  struct CreateOptions {
    std::string ref, label, risk_level, ward, lead, next_review;
    std::vector<std::string> risk_categories, sections;
  };
  auto o = std::make_shared<CreateOptions>();
  auto* create = cases->add_subcommand("create", "Open a case (minimum data: no full names)");
  create->add_option("--ref", o->ref, "The ward's case reference")->required();
  create->add_option("--label", o->label, "Household label: initials or a pseudonym (さくら家)")
      ->required();
  create->add_option("--risk-level", o->risk_level, "low, medium or high")->required();
  create->add_option("--risk-category", o->risk_categories,
                     "specified_pregnancy, abuse_certified, parenting_difficulty, other "
                     "(repeat for several)");
  create->add_option("--section", o->sections,
                     "maternal_child_health, child_welfare (repeat for several)");
  create->add_option("--ward", o->ward, "Ward code (needed when you have several wards)");
  create->add_option("--lead", o->lead, "Lead user id");
  create->add_option("--next-review", o->next_review, "Next review date (YYYY-MM-DD)");
  create->callback([&ctx, o] {
    Json body{{"case_ref", o->ref}, {"household_label", o->label}, {"risk_level", o->risk_level}};
    if (!o->risk_categories.empty()) body["risk_categories"] = o->risk_categories;
    if (!o->sections.empty()) body["sections"] = o->sections;
    if (!o->ward.empty()) body["ward"] = o->ward;
    if (!o->lead.empty()) body["lead_user_id"] = o->lead;
    if (!o->next_review.empty())
      body["next_review_on"] = parse_date_option("--next-review", o->next_review, ctx.now());
    Json c = ctx.api().post("/api/v1/cases", body);
    if (ctx.options.json) return ctx.print_json(c);
    ctx.print_line(ctx.t("ケースを登録しました: ", "Case created: ") + text(c, "case_ref") + " " +
                   text(c, "id"));
  });

  add_casework_commands(cases, ctx);
}

}  // namespace tsunagu::cli
