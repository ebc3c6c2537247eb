#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "errors.h"
#include "time_arg.h"

namespace tsunagu::cli {
namespace {

std::vector<Column> meeting_columns(Context& ctx) {
  return {{"ID", "ID", [](const Json& m) { return text(m, "id"); }, true},
          {"日時", "Starts", [](const Json& m) { return short_time(text(m, "starts_at")); }, true},
          {"種別", "Kind",
           [&ctx](const Json& m) { return ctx.label("meeting_kinds", text(m, "kind")); }},
          {"件名", "Title", [](const Json& m) { return text(m, "title"); }, false, true},
          {"状態", "Status",
           [&ctx](const Json& m) { return ctx.label("meeting_statuses", text(m, "status")); }}};
}

std::string owner_cell(Context& ctx, const Json& a) {
  for (const char* key : {"owner_organization_name", "owner_user_name"})
    if (std::string v = text(a, key); !v.empty()) return v;
  if (std::string org = text(a, "owner_organization_id"); !org.empty())
    return organization_display_name(ctx, org);
  return user_display_name(ctx, text(a, "owner_user_id"));
}

std::vector<Column> action_columns(Context& ctx, bool with_meeting = true) {
  std::vector<Column> columns{
      {"ID", "ID", [](const Json& a) { return text(a, "id"); }, true},
      {"期限", "Due",
       [&ctx](const Json& a) {
         std::string due = text(a, "due_on");
         if (a.value("overdue", false)) due += ctx.t("（超過）", " (overdue)");
         return due;
       },
       true},
      {"内容", "Title", [](const Json& a) { return text(a, "title"); }, false, true},
      {"担当", "Owner", [&ctx](const Json& a) { return owner_cell(ctx, a); }},
      {"状態", "Status",
       [&ctx](const Json& a) { return ctx.label("action_item_statuses", text(a, "status")); }}};
  if (with_meeting)
    columns.insert(columns.end() - 1, Column{"会議", "Meeting", [](const Json& a) {
                                               std::string t = text(a, "meeting_title");
                                               return t.empty() ? text(a, "meeting_id") : t;
                                             }});
  return columns;
}

std::string read_file_or_stdin(const std::string& path) {
  std::stringstream text_in;
  if (path == "-") {
    text_in << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("--file: cannot read " + path);
    text_in << in.rdbuf();
  }
  return text_in.str();
}

}  // namespace

void add_meeting_commands(CLI::App& app, Context& ctx) {
  auto* meeting = app.add_subcommand("meeting", "Meetings: roundtables, case conferences, …");
  meeting->require_subcommand(1);

  struct ListOptions {
    std::string from, to, ward, kind, status;
    Paging paging;
  };
  auto l = std::make_shared<ListOptions>();
  auto* list = meeting->add_subcommand("list", "The calendar of meetings you may see");
  list->add_option("--from", l->from, "From this date (YYYY-MM-DD, today, …)");
  list->add_option("--to", l->to, "Up to this date, inclusive");
  list->add_option("--ward", l->ward, "Ward code");
  list->add_option("--kind", l->kind, "roundtable, case_conference, practitioners or individual");
  list->add_option("--status", l->status, "planned, held or cancelled");
  add_paging_options(list, l->paging);
  list->callback([&ctx, l] {
    Json page = ctx.api().get(
        "/api/v1/meetings",
        paged({{"from", l->from.empty() ? "" : parse_date_option("--from", l->from, ctx.now())},
               {"to", l->to.empty() ? "" : parse_date_option("--to", l->to, ctx.now())},
               {"ward", l->ward},
               {"kind", l->kind},
               {"status", l->status}},
              l->paging));
    if (ctx.options.json) return ctx.print_json(page);
    print_list(ctx, page, meeting_columns(ctx));
  });

  auto show_id = std::make_shared<std::string>();
  auto* show = meeting->add_subcommand("show", "Show a meeting: attendance, agenda, minutes");
  show->add_option("id", *show_id, "Meeting id")->required();
  show->callback([&ctx, show_id] {
    Json m = ctx.api().get(record_path("meetings", *show_id));
    if (ctx.options.json) return ctx.print_json(m);
    print_fields(ctx, {{ctx.t("件名", "Title"), text(m, "title")},
                       {"ID", text(m, "id")},
                       {ctx.t("種別", "Kind"), ctx.label("meeting_kinds", text(m, "kind"))},
                       {ctx.t("状態", "Status"), ctx.label("meeting_statuses", text(m, "status"))},
                       {ctx.t("区", "Ward"), ctx.label("wards", text(m, "ward"))},
                       {ctx.t("地区", "District"), text(m, "district")},
                       {ctx.t("開始", "Starts"), short_time(text(m, "starts_at"))},
                       {ctx.t("終了", "Ends"), short_time(text(m, "ends_at"))},
                       {ctx.t("場所", "Place"), text(m, "place")}});
    std::string attendees;
    for (const auto& a : m.value("attendees", Json::array())) {
      std::string who = text(a, "name");
      if (who.empty()) who = text(a, "organization_name");
      if (who.empty()) who = organization_display_name(ctx, text(a, "organization_id"));
      if (who.empty()) who = user_display_name(ctx, text(a, "user_id"));
      if (std::string role = text(a, "role"); !role.empty()) who += "（" + role + "）";
      attendees += (attendees.empty() ? "" : "、") + who;
    }
    if (!attendees.empty()) print_fields(ctx, {{ctx.t("出席", "Attendees"), attendees}});
    const Json agenda = m.value("agenda", Json::array());
    if (!agenda.empty()) {
      ctx.print_line("\n" + ctx.bold(ctx.t("議題", "Agenda")));
      int n = 0;
      for (const auto& item : agenda)
        ctx.print_line(std::to_string(++n) + ". " + text(item, "title") +
                       (text(item, "notes").empty() ? "" : " — " + text(item, "notes")));
    }
    if (std::string minutes = text(m, "minutes"); !minutes.empty())
      ctx.print_line("\n" + ctx.bold(ctx.t("議事録", "Minutes")) + "\n" + minutes);
    const Json actions = m.value("action_items", Json::array());
    if (!actions.empty()) {
      ctx.print_line("\n" + ctx.bold(ctx.t("宿題", "Action items")));
      print_list(ctx, actions, action_columns(ctx, false));
    }
  });

  struct CreateOptions {
    std::string kind, title, ward, district, starts_at, ends_at, place;
    std::vector<std::string> invite;
  };
  auto c = std::make_shared<CreateOptions>();
  auto* create = meeting->add_subcommand("create", "Plan a meeting");
  create->add_option("--kind", c->kind, "roundtable, case_conference, practitioners, individual")
      ->required()
      ->check(CLI::IsMember({"roundtable", "case_conference", "practitioners", "individual"}));
  create->add_option("--title", c->title, "Title")->required();
  create->add_option("--ward", c->ward, "Ward code")->required();
  create
      ->add_option("--starts-at", c->starts_at,
                   "Start (Asia/Tokyo): \"2026-12-10 14:00\", \"tomorrow 10:00\" or RFC 3339")
      ->required();
  create->add_option("--ends-at", c->ends_at, "End, in the same forms")->required();
  create->add_option("--place", c->place, "Place");
  create->add_option("--district", c->district, "District");
  create->add_option("--invite", c->invite, "Organization id to invite (repeat for several)");
  create->callback([&ctx, c] {
    Json body{{"kind", c->kind},
              {"title", c->title},
              {"ward", c->ward},
              {"starts_at", parse_time_option("--starts-at", c->starts_at, ctx.now())},
              {"ends_at", parse_time_option("--ends-at", c->ends_at, ctx.now())}};
    if (!c->place.empty()) body["place"] = c->place;
    if (!c->district.empty()) body["district"] = c->district;
    if (!c->invite.empty()) body["invited_organization_ids"] = c->invite;
    Json m = ctx.api().post("/api/v1/meetings", body);
    if (ctx.options.json) return ctx.print_json(m);
    ctx.print_line(ctx.t("会議を登録しました: ", "Meeting planned: ") + text(m, "title") + " " +
                   short_time(text(m, "starts_at")) + " " + text(m, "id"));
  });

  struct AgendaOptions {
    std::string id;
    bool suggested = false, adopt = false;
  };
  auto a = std::make_shared<AgendaOptions>();
  auto* agenda = meeting->add_subcommand("agenda", "A meeting's agenda, or the suggested one");
  agenda->add_option("id", a->id, "Meeting id")->required();
  agenda->add_flag("--suggested", a->suggested,
                   "The ward's open cases as suggested for a practitioners' meeting (highest risk, "
                   "then longest without review)");
  agenda->add_flag("--adopt", a->adopt,
                   "Append the suggested cases not yet on the agenda to the meeting's agenda");
  agenda->callback([&ctx, a] {
    const std::string path = record_path("meetings", a->id);
    if (a->adopt) {
      Json m = ctx.api().post(path + "/suggested-agenda/adopt", Json::object());
      if (ctx.options.json) return ctx.print_json(m);
      ctx.print_line(ctx.t("提案された議題を追加しました（", "Suggested agenda adopted (") +
                     std::to_string(m.value("agenda", Json::array()).size()) +
                     ctx.t(" 件）", " items)"));
      return;
    }
    if (a->suggested) {
      Json page = ctx.api().get(path + "/suggested-agenda");
      if (ctx.options.json) return ctx.print_json(page);
      print_list(
          ctx, page,
          {{"ケース番号", "Case ref", [](const Json& s) { return text(s, "case_ref"); }},
           {"世帯", "Household", [](const Json& s) { return text(s, "household_label"); }},
           {"リスク", "Risk",
            [&ctx](const Json& s) { return ctx.label("risk_levels", text(s, "risk_level")); }},
           {"主担当", "Lead",
            [](const Json& s) { return text(s.value("lead", Json::object()), "display_name"); }},
           {"前回見直し", "Last review",
            [&ctx](const Json& s) {
              std::string d = text(s, "days_since_last_review");
              return d.empty() ? ctx.t("未実施", "never") : d + ctx.t(" 日前", " days ago");
            }},
           {"進行中の紹介", "Open referrals", [](const Json& s) {
              std::string out;
              for (const auto& r : s.value("open_referrals", Json::array()))
                out += (out.empty() ? "" : "、") + text(r, "organization_name") +
                       (r.value("overdue", false) ? "(!)" : "");
              return out;
            }}});
      return;
    }
    Json m = ctx.api().get(path);
    Json items = m.value("agenda", Json::array());
    if (ctx.options.json) return ctx.print_json(Json{{"items", items}, {"total", items.size()}});
    print_list(ctx, items,
               {{"#", "#", [n = 0](const Json&) mutable { return std::to_string(++n); }},
                {"議題", "Item", [](const Json& i) { return text(i, "title"); }},
                {"メモ", "Notes", [](const Json& i) { return text(i, "notes"); }}});
  });

  struct MinutesOptions {
    std::string id, file;
  };
  auto mo = std::make_shared<MinutesOptions>();
  auto* minutes = meeting->add_subcommand("minutes", "Print a meeting's minutes, or replace them");
  minutes->add_option("id", mo->id, "Meeting id")->required();
  minutes->add_option("--file", mo->file, "Replace the minutes with this file's text (- : stdin)");
  minutes->callback([&ctx, mo] {
    const std::string path = record_path("meetings", mo->id);
    if (mo->file.empty()) {
      Json m = ctx.api().get(path);
      if (ctx.options.json) return ctx.print_json(Json{{"minutes", m.value("minutes", Json())}});
      ctx.out() << text(m, "minutes") << (text(m, "minutes").empty() ? "" : "\n");
      return;
    }
    std::string minutes_text = read_file_or_stdin(mo->file);
    auto current = ctx.api().send("GET", path, {}, std::nullopt, {});
    Json m = ctx.api().patch(path, Json{{"minutes", minutes_text}}, current.etag);
    if (ctx.options.json) return ctx.print_json(m);
    ctx.print_line(ctx.t("議事録を保存しました: ", "Minutes saved: ") + text(m, "title"));
  });

  struct ActionOptions {
    bool mine = false, overdue = false;
    std::string status, ward, meeting;
    Paging paging;
  };
  auto ao = std::make_shared<ActionOptions>();
  auto* actions = app.add_subcommand("actions", "Action items from meetings (宿題)");
  actions->add_flag("--mine", ao->mine, "Only those you or your organization own");
  actions->add_flag("--overdue", ao->overdue, "Only open ones past their due date");
  actions->add_option("--status", ao->status, "open, done or dropped");
  actions->add_option("--ward", ao->ward, "Ward code");
  actions->add_option("--meeting", ao->meeting, "Meeting id");
  add_paging_options(actions, ao->paging);
  actions->callback([&ctx, ao] {
    Json page = ctx.api().get("/api/v1/action-items", paged({{"owner", ao->mine ? "me" : ""},
                                                             {"overdue", ao->overdue ? "true" : ""},
                                                             {"status", ao->status},
                                                             {"ward", ao->ward},
                                                             {"meeting_id", ao->meeting}},
                                                            ao->paging));
    if (ctx.options.json) return ctx.print_json(page);
    print_list(ctx, page, action_columns(ctx));
  });
}

}  // namespace tsunagu::cli
