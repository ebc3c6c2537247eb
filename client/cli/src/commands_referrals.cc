#include "commands.h"
#include "errors.h"
#include "time_arg.h"

namespace tsunagu::cli {
namespace {

// The partner's name: the referral's organization_name when the server sends one, else the
// directory entry's.
std::string organization_name(Context& ctx, const Json& r) {
  if (std::string name = text(r, "organization_name"); !name.empty()) return name;
  return organization_display_name(ctx, text(r, "organization_id"));
}

std::string status_cell(Context& ctx, const Json& r) {
  std::string status = ctx.label("referral_statuses", text(r, "status"));
  if (r.value("overdue", false)) status += ctx.t("（期限超過）", " (overdue)");
  return status;
}

std::vector<Column> referral_columns(Context& ctx) {
  return {{"ID", "ID", [](const Json& r) { return text(r, "id"); }, true},
          {"状態", "Status", [&ctx](const Json& r) { return status_cell(ctx, r); }},
          {"紹介先", "Partner", [&ctx](const Json& r) { return organization_name(ctx, r); }},
          {"緊急度", "Urgency",
           [&ctx](const Json& r) { return ctx.label("urgencies", text(r, "urgency")); }},
          {"回答期限", "Due", [](const Json& r) { return text(r, "due_by"); }, true},
          {"送付", "Sent", [](const Json& r) { return short_time(text(r, "sent_at")); }, true},
          {"概要", "Summary", [](const Json& r) { return text(r, "summary"); }, false, true}};
}

void print_referral(Context& ctx, const Json& r) {
  const Json consent = r.value("consent", Json());
  std::string consent_text;
  if (consent.is_object())
    consent_text = text(consent, "obtained_on") + " " + text(consent, "obtained_by") + "（" +
                   text(consent, "scope") + "）";
  print_fields(
      ctx, {{"ID", text(r, "id")},
            {ctx.t("状態", "Status"), status_cell(ctx, r)},
            {ctx.t("紹介先", "Partner"), organization_name(ctx, r)},
            {ctx.t("サービス", "Service"), text(r, "service_name")},
            {ctx.t("区の窓口", "Ward contact"), text(r, "ward_contact")},
            {ctx.t("世帯", "Household"), text(r, "household_label")},
            {ctx.t("ケースID", "Case id"), text(r, "case_id")},
            {ctx.t("緊急度", "Urgency"), ctx.label("urgencies", text(r, "urgency"))},
            {ctx.t("法的根拠", "Legal basis"), ctx.label("legal_bases", text(r, "legal_basis"))},
            {ctx.t("同意", "Consent"), consent_text},
            {ctx.t("回答期限", "Due by"), text(r, "due_by")},
            {ctx.t("概要", "Summary"), text(r, "summary")},
            {ctx.t("引継ぎ事項", "Intake note"), text(r, "intake_note")},
            {ctx.t("内部メモ", "Internal note"), text(r, "internal_note")},
            {ctx.t("理由", "Reason"), ctx.label("decline_reasons", text(r, "reason_code"))},
            {ctx.t("回答メモ", "Response note"), text(r, "response_note")},
            {ctx.t("結果", "Outcome"), ctx.label("outcomes", text(r, "outcome"))},
            {ctx.t("送付", "Sent"), short_time(text(r, "sent_at"))},
            {ctx.t("回答", "Answered"), short_time(text(r, "responded_at"))},
            {ctx.t("終了", "Closed"), short_time(text(r, "closed_at"))}});
}

struct TransitionOptions {
  std::string id, reason, note, outcome;
};

// Registers one transition command ("accept" → to "accepted"): reads the referral for its
// version, then posts the step with If-Match, so a step taken by someone else meanwhile is a
// 412 rather than a silent overwrite.
CLI::App* add_transition(CLI::App* parent, Context& ctx, const std::string& name,
                         const std::string& to, const std::string& help, const std::string& done_ja,
                         const std::string& done_en) {
  auto o = std::make_shared<TransitionOptions>();
  auto* cmd = parent->add_subcommand(name, help);
  cmd->add_option("id", o->id, "Referral id")->required();
  cmd->add_option("--note", o->note, "A note (kept with the step)");
  if (to == "declined" || to == "withdrawn")
    cmd->add_option("--reason", o->reason,
                    "Reason code: no_capacity, not_eligible, service_not_provided, out_of_area, "
                    "could_not_contact, family_declined, referred_elsewhere, duplicate, other "
                    "(other needs --note)")
        ->required();
  if (to == "completed")
    cmd->add_option("--outcome", o->outcome,
                    "enrolled, got_help, not_enrolled, waitlisted or unknown")
        ->required();
  cmd->callback([&ctx, o, to, done_ja, done_en] {
    const std::string path = record_path("referrals", o->id);
    auto current = ctx.api().send("GET", path, {}, std::nullopt, {});
    Json body{{"to", to}};
    if (!o->reason.empty()) body["reason_code"] = o->reason;
    if (!o->note.empty()) body["note"] = o->note;
    if (!o->outcome.empty()) body["outcome"] = o->outcome;
    Json r = ctx.api().post(path + "/transitions", body, current.etag);
    if (ctx.options.json) return ctx.print_json(r);
    ctx.print_line(ctx.t(done_ja, done_en) + ": " + text(r, "id") + " → " +
                   ctx.bold(ctx.label("referral_statuses", text(r, "status"))));
  });
  return cmd;
}

}  // namespace

void add_referral_commands(CLI::App& app, Context& ctx) {
  auto* referral = app.add_subcommand("referral", "Referrals of families to partners");
  referral->require_subcommand(1);

  struct CreateOptions {
    std::string case_ref, org, service, basis, summary, intake_note, internal_note, urgency;
    std::string due_by, consent_on, consent_by, consent_scope;
    bool send = false;
  };
  auto o = std::make_shared<CreateOptions>();
  auto* create = referral->add_subcommand("create", "Draft a referral (or send it with --send)");
  create->add_option("--case", o->case_ref, "Case id or the ward's case reference")->required();
  create->add_option("--org", o->org, "Partner organization id")->required();
  create->add_option("--service", o->service, "Service id of the partner");
  create->add_option("--basis", o->basis, "Legal basis: consent, council or statute")
      ->check(CLI::IsMember({"consent", "council", "statute"}));
  create
      ->add_option("--summary", o->summary,
                   "What the partner may read before accepting (no full names)")
      ->required();
  create->add_option("--intake-note", o->intake_note, "Shown to the partner once it accepts");
  create->add_option("--internal-note", o->internal_note, "Never shown to the partner");
  create->add_option("--urgency", o->urgency, "routine (default) or urgent")
      ->check(CLI::IsMember({"routine", "urgent"}));
  create->add_option(
      "--due-by", o->due_by,
      "Answer by this date: YYYY-MM-DD, today or tomorrow (default: tomorrow if urgent, else "
      "in 7 days)");
  create->add_option("--consent-on", o->consent_on,
                     "Date consent was obtained: YYYY-MM-DD, today or yesterday (default today)");
  create->add_option("--consent-by", o->consent_by,
                     "Who obtained consent (default: your display name)");
  create->add_option("--consent-scope", o->consent_scope,
                     "What the family agreed to share (needed with --basis consent)");
  create->add_flag("--send", o->send, "Send at once instead of keeping a draft");
  create->callback([&ctx, o] {
    Json body{{"case_id", resolve_case_id(ctx, o->case_ref)},
              {"organization_id", o->org},
              {"summary", o->summary}};
    if (!o->service.empty()) body["service_id"] = o->service;
    if (!o->basis.empty()) body["legal_basis"] = o->basis;
    if (!o->intake_note.empty()) body["intake_note"] = o->intake_note;
    if (!o->internal_note.empty()) body["internal_note"] = o->internal_note;
    if (!o->urgency.empty()) body["urgency"] = o->urgency;
    if (!o->due_by.empty()) body["due_by"] = parse_date_option("--due-by", o->due_by, ctx.now());
    if (o->basis == "consent") {
      if (o->consent_scope.empty())
        throw UsageError(
            "--consent-scope: required with --basis consent (what the family "
            "agreed to share, e.g. 夜間保育の利用調整のため状況を共有)");
      std::string by = o->consent_by;
      if (by.empty()) {
        Json me = ctx.api().get("/api/v1/me");
        by = text(me.contains("user") ? me["user"] : me, "display_name");
      }
      body["consent"] = {
          {"obtained_on", o->consent_on.empty()
                              ? parse_date_option("--consent-on", "today", ctx.now())
                              : parse_date_option("--consent-on", o->consent_on, ctx.now())},
          {"obtained_by", by},
          {"scope", o->consent_scope}};
    }
    if (o->send) body["send"] = true;
    Json r = ctx.api().post("/api/v1/referrals", body);
    if (ctx.options.json) return ctx.print_json(r);
    ctx.print_line((o->send ? ctx.t("紹介を送付しました: ", "Referral sent: ")
                            : ctx.t("紹介の下書きを作成しました: ", "Referral drafted: ")) +
                   text(r, "id"));
  });

  add_transition(referral, ctx, "send", "sent", "Send a draft referral to the partner",
                 "送付しました", "Sent");
  add_transition(referral, ctx, "accept", "accepted", "Accept a referral (partners)",
                 "受け入れました", "Accepted");
  add_transition(referral, ctx, "decline", "declined",
                 "Decline a referral with a reason (partners)", "お断りしました", "Declined");
  add_transition(referral, ctx, "withdraw", "withdrawn", "Withdraw a referral with a reason",
                 "取り下げました", "Withdrawn");
  add_transition(referral, ctx, "complete", "completed",
                 "Close an accepted referral with its outcome (partners)", "完了しました",
                 "Completed");

  struct ListOptions {
    std::string status, case_ref, org, ward;
    bool overdue = false, all = false;
    Paging paging;
  };
  auto add_list = [&ctx](CLI::App* cmd, std::shared_ptr<ListOptions> l, bool inbox) {
    cmd->add_option("--status", l->status,
                    "draft, sent, accepted, declined, withdrawn, expired or completed");
    cmd->add_flag("--overdue", l->overdue, "Only sent or accepted referrals past their due date");
    if (inbox) {
      cmd->add_flag("--all", l->all, "Every referral, not only the new ones (sent)");
    } else {
      cmd->add_option("--case", l->case_ref, "Case id or case reference");
      cmd->add_option("--org", l->org, "Partner organization id");
      cmd->add_option("--ward", l->ward, "Ward code");
    }
    add_paging_options(cmd, l->paging);
    cmd->callback([&ctx, l, inbox] {
      std::string status = l->status;
      if (inbox && status.empty() && !l->all && !l->overdue) status = "sent";
      Json page = ctx.api().get(
          "/api/v1/referrals",
          paged({{"status", status},
                 {"case_id", l->case_ref.empty() ? "" : resolve_case_id(ctx, l->case_ref)},
                 {"organization_id", l->org},
                 {"ward", l->ward},
                 {"overdue", l->overdue ? "true" : ""}},
                l->paging));
      if (ctx.options.json) return ctx.print_json(page);
      print_list(ctx, page, referral_columns(ctx));
    });
  };
  add_list(referral->add_subcommand("list", "List the referrals you may see"),
           std::make_shared<ListOptions>(), false);
  add_list(
      referral->add_subcommand(
          "inbox", "A partner's new referrals (sent, awaiting an answer); --all for every one"),
      std::make_shared<ListOptions>(), true);

  auto show_id = std::make_shared<std::string>();
  auto* show = referral->add_subcommand("show", "Show one referral");
  show->add_option("id", *show_id, "Referral id")->required();
  show->callback([&ctx, show_id] {
    Json r = ctx.api().get(record_path("referrals", *show_id));
    if (ctx.options.json) return ctx.print_json(r);
    print_referral(ctx, r);
  });

  auto history_id = std::make_shared<std::string>();
  auto* history = referral->add_subcommand("history", "Every step of a referral: who, when, why");
  history->add_option("id", *history_id, "Referral id")->required();
  history->callback([&ctx, history_id] {
    Json page = ctx.api().get(record_path("referrals", *history_id) + "/events");
    if (ctx.options.json) return ctx.print_json(page);
    auto status = [&ctx](const Json& e, const char* key) {
      return ctx.label("referral_statuses", text(e, key));
    };
    print_list(ctx, page,
               {{"日時", "When", [](const Json& e) { return short_time(text(e, "at")); }, true},
                {"役割", "By",
                 [&ctx](const Json& e) {
                   std::string role = text(e, "actor_role");
                   return role == "system" ? ctx.t("システム", "system") : ctx.label("roles", role);
                 }},
                {"前", "From", [status](const Json& e) { return status(e, "from"); }},
                {"後", "To", [status](const Json& e) { return status(e, "to"); }},
                {"理由", "Reason",
                 [&ctx](const Json& e) {
                   std::string r = ctx.label("decline_reasons", text(e, "reason_code"));
                   std::string outcome = ctx.label("outcomes", text(e, "outcome"));
                   return r.empty() ? outcome : r;
                 }},
                {"メモ", "Note", [](const Json& e) { return text(e, "note"); }, false, true}});
  });
}

}  // namespace tsunagu::cli
