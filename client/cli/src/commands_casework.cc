// The casework of a case: its contacts (家庭訪問, 同行訪問, 電話, 来所, 助言), its assessments
// (妊娠届出時のアセスメント) with the coordinator's determination, and the assessment forms.
// A listing command records a new entry with its own flags (`case contacts ID --add …`,
// `case assess ID --item …`), like `meeting agenda ID --adopt`. Records are created with an
// Idempotency-Key (ApiClient::create), so a retried call cannot record the same visit twice.
#include <optional>

#include "assessment_forms.h"
#include "commands.h"
#include "errors.h"
#include "time_arg.h"

namespace tsunagu::cli {
namespace {

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

// GET /api/v1/assessment-forms, once per run.
const Json& assessment_forms(Context& ctx) {
  static std::optional<Json> forms;
  if (!forms) forms = ctx.api().get("/api/v1/assessment-forms", {{"per_page", "200"}});
  return *forms;
}

// The version of the form an assessment was scored with (for its items' texts); null when the
// forms cannot be read.
Json form_version_of(Context& ctx, const Json& a) {
  try {
    for (const auto& f : assessment_forms(ctx).value("items", Json::array()))
      if (text(f, "form") == text(a, "form") && text(f, "version") == text(a, "form_version"))
        return f;
  } catch (const ApiError&) {
    // the codes are shown instead of the items' texts
  }
  return Json();
}

// "特定妊婦 v2": a form is named after the risk category it assesses.
std::string form_cell(Context& ctx, const Json& a, const char* version_key) {
  return ctx.label("risk_categories", text(a, "form")) + " v" + text(a, version_key);
}

std::string drivers_cell(Context& ctx, const Json& a) {
  const Json version = form_version_of(ctx, a);
  std::vector<std::string> parts;
  for (const auto& d : a.value("drivers", Json::array()))
    parts.push_back(item_text(version, text(d, "code")) + "(" + text(d, "weight") + ")");
  return joined(parts, ctx.t("、", "; "));
}

std::string determination_cell(Context& ctx, const Json& a) {
  const Json d = a.value("determination", Json());
  if (!d.is_object()) return ctx.t("未決定", "not yet");
  std::string category =
      d.value("specified_pregnancy", false)
          ? ctx.t(ctx.label("risk_categories", "specified_pregnancy"), "specified")
          : ctx.t("非該当", "not specified");
  return category + ctx.t("・", ", ") + ctx.label("risk_levels", text(d, "risk_level"));
}

std::vector<Column> assessment_columns(Context& ctx) {
  return {
      {"ID", "ID", [](const Json& a) { return text(a, "id"); }, true},
      {"実施日", "Date", [](const Json& a) { return text(a, "assessed_on"); }, true},
      {"様式", "Form", [&ctx](const Json& a) { return form_cell(ctx, a, "form_version"); }},
      {"点数", "Score", [](const Json& a) { return text(a, "score"); }, true},
      {"目安", "Suggested",
       [&ctx](const Json& a) { return ctx.label("risk_levels", text(a, "suggested_risk_level")); }},
      {"決定", "Determination", [&ctx](const Json& a) { return determination_cell(ctx, a); }, true},
      // Not shrink_first(): the widest column gives way before the others anyway, and down to
      // its header rather than to 20 columns, so the rest fits 100 columns whole.
      {"主な要因", "Drivers", [&ctx](const Json& a) { return drivers_cell(ctx, a); }}};
}

std::vector<Column> contact_columns(Context& ctx) {
  return {
      {"日付", "Date", [](const Json& c) { return text(c, "on"); }, true},
      {"種別", "Kind",
       [&ctx](const Json& c) { return ctx.label("contact_kinds", text(c, "kind")); }},
      // Who made the contact, and the partner it was made with.
      {"対応者", "By",
       [&ctx](const Json& c) {
         std::vector<std::string> names;
         for (const auto& id : c.value("by_user_ids", Json::array()))
           names.push_back(user_display_name(ctx, text(id)));
         if (std::string org = text(c, "with_organization_id"); !org.empty())
           names.push_back(organization_display_name(ctx, org));
         return joined(names, ctx.t("、", ", "));
       },
       false, true},
      {"概要", "Summary", [](const Json& c) { return text(c, "summary"); }, false, true},
      {"次の対応", "Next step", [](const Json& c) { return text(c, "next_step"); }, false, true}};
}

// "9 点（中 4 点・高 7 点から）" with the thresholds of the version used.
std::string score_line(Context& ctx, const Json& a, const Json& version) {
  const Json thresholds = version.value("thresholds", Json::object());
  return ctx.t(text(a, "score") + " 点（中 " + text(thresholds, "medium") + " 点・高 " +
                   text(thresholds, "high") + " 点から）",
               text(a, "score") + " (medium from " + text(thresholds, "medium") + ", high from " +
                   text(thresholds, "high") + ")");
}

void add_contacts_command(CLI::App* cases, Context& ctx) {
  struct Options {
    std::string id, kind, on, summary, next_step, with_org;
    std::vector<std::string> by;
    bool add = false;
    Paging paging;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = cases->add_subcommand(
      "contacts",
      "A case's contacts (家庭訪問, 同行訪問, 電話, 来所, 助言), newest first; --add records one");
  cmd->add_option("id", o->id, "Case id or case ref")->required();
  auto* add = cmd->add_flag("--add", o->add,
                            "Record a contact (with --kind and --summary) instead of listing them");
  cmd->add_option("--kind", o->kind,
                  "home_visit, accompanied_visit, phone, office_visit, advice or other")
      ->needs(add);
  cmd->add_option("--on", o->on,
                  "The day of the contact: YYYY-MM-DD, today or yesterday (default "
                  "today)")
      ->needs(add);
  cmd->add_option("--summary", o->summary, "What happened (no full names)")->needs(add);
  cmd->add_option("--next-step", o->next_step, "What is to be done next")->needs(add);
  cmd->add_option("--with-org", o->with_org,
                  "Id of the partner organization the contact was made with")
      ->needs(add);
  cmd->add_option("--by", o->by,
                  "Who made it — me, a user id or display name (repeat; default: you; "
                  "an accompanied_visit names two or more)")
      ->needs(add);
  add_paging_options(cmd, o->paging);
  cmd->callback([&ctx, o] {
    if (!o->add) {
      const std::string path = record_path("cases", resolve_case_id(ctx, o->id)) + "/contacts";
      Json page = ctx.api().get(path, paged({}, o->paging));
      if (ctx.options.json) return ctx.print_json(page);
      print_list(ctx, page, contact_columns(ctx));
      return;
    }
    if (o->kind.empty() || o->summary.empty())
      throw UsageError(
          "--add: --kind and --summary are required (e.g. --kind home_visit --summary "
          "\"自宅を訪問。…\")");
    Json body{{"kind", o->kind},
              {"on", parse_date_option("--on", o->on.empty() ? "today" : o->on, ctx.now())},
              {"summary", o->summary}};
    if (!o->next_step.empty()) body["next_step"] = o->next_step;
    if (!o->with_org.empty()) body["with_organization_id"] = o->with_org;
    if (!o->by.empty()) {
      Json ids = Json::array();
      for (const auto& who : o->by) ids.push_back(user_id_for(ctx, who));
      body["by_user_ids"] = ids;
    }
    const std::string path = record_path("cases", resolve_case_id(ctx, o->id)) + "/contacts";
    Json c = ctx.api().create(path, body);
    if (ctx.options.json) return ctx.print_json(c);
    ctx.print_line(ctx.t("対応を記録しました: ", "Contact recorded: ") + text(c, "on") + " " +
                   ctx.label("contact_kinds", text(c, "kind")) + " " + text(c, "id"));
  });
}

void add_assess_command(CLI::App* cases, Context& ctx) {
  struct Options {
    std::string id, form, on, note, determine, specified_pregnancy, risk;
    std::vector<std::string> items;
    Paging paging;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = cases->add_subcommand(
      "assess",
      "A case's assessments (妊娠届出時のアセスメント), newest first; --item assesses anew, "
      "--determine records the coordinator's determination");
  cmd->add_option("id", o->id, "Case id or case ref")->required();
  auto* form = cmd->add_option(
      "--form", o->form,
      "Assess with the newest version of this form (specified_pregnancy; the default when the "
      "server has one form)");
  auto* item = cmd->add_option("--item", o->items,
                               "An item that is present (repeat, or a,b,c); the others count as "
                               "absent. 'tsunagu case forms' lists the codes")
                   ->delimiter(',');
  auto* on = cmd->add_option(
      "--on", o->on, "Day of the assessment: YYYY-MM-DD, today or yesterday (default today)");
  cmd->add_option("--note", o->note, "A note kept with the assessment or the determination");
  auto* determine =
      cmd->add_option("--determine", o->determine,
                      "Record the coordinator's determination on this assessment id (with "
                      "--specified-pregnancy and --risk; coordinators only)");
  determine->excludes(form)->excludes(item)->excludes(on);
  cmd->add_option("--specified-pregnancy", o->specified_pregnancy,
                  "yes or no: the household is a 特定妊婦")
      ->check(CLI::IsMember({"yes", "no"}))
      ->needs(determine);
  cmd->add_option("--risk", o->risk, "The case's risk level: low, medium or high")
      ->check(CLI::IsMember({"low", "medium", "high"}))
      ->needs(determine);
  add_paging_options(cmd, o->paging);
  cmd->callback([&ctx, o] {
    if (!o->determine.empty()) {
      if (o->specified_pregnancy.empty() || o->risk.empty())
        throw UsageError(
            "--determine: --specified-pregnancy yes|no and --risk low|medium|high are required");
      Json body{{"specified_pregnancy", o->specified_pregnancy == "yes"}, {"risk_level", o->risk}};
      if (!o->note.empty()) body["note"] = o->note;
      const std::string path = record_path("cases", resolve_case_id(ctx, o->id)) + "/assessments/" +
                               url_encode(o->determine) + "/determination";
      Json a = ctx.api().post(path, body);
      if (ctx.options.json) return ctx.print_json(a);
      ctx.print_line(ctx.t("決定を記録しました: ", "Determination recorded: ") +
                     ctx.bold(determination_cell(ctx, a)) + " " + text(a, "id"));
      return;
    }
    if (o->form.empty() && o->items.empty()) {
      if (!o->on.empty() || !o->note.empty())
        throw UsageError("--on, --note: give --item (or --form) to assess, or --determine");
      const std::string path = record_path("cases", resolve_case_id(ctx, o->id)) + "/assessments";
      Json page = ctx.api().get(path, paged({}, o->paging));
      if (ctx.options.json) return ctx.print_json(page);
      print_list(ctx, page, assessment_columns(ctx));
      return;
    }

    // A new assessment, scored by the newest version of the form; items it does not have are
    // refused here, with the valid ones, before anything is recorded.
    const Json& forms = assessment_forms(ctx);
    const std::vector<std::string> names = form_names(forms);
    std::string form_name = o->form;
    if (form_name.empty()) {
      if (names.size() != 1)
        throw UsageError("--form: name the form to assess with (" + joined(names, ", ") + ")");
      form_name = names.front();
    }
    const Json* version = newest_form_version(forms, form_name);
    if (version == nullptr)
      throw UsageError("--form: the server has no form \"" + form_name + "\" (it has " +
                       joined(names, ", ") + ")");
    if (auto unknown = unknown_items(*version, o->items); !unknown.empty())
      throw UsageError("--item: " + form_name + " v" + text(*version, "version") +
                       (unknown.size() == 1 ? " has no item " : " has no items ") +
                       joined(unknown, ", ") + " (valid: " + joined(item_codes(*version), ", ") +
                       ")");
    Json answers = Json::object();
    for (const auto& code : o->items) answers[code] = true;
    Json body{
        {"form", form_name},
        {"form_version", (*version)["version"]},
        {"assessed_on", parse_date_option("--on", o->on.empty() ? "today" : o->on, ctx.now())},
        {"answers", answers}};
    if (!o->note.empty()) body["note"] = o->note;
    const std::string path = record_path("cases", resolve_case_id(ctx, o->id)) + "/assessments";
    Json a = ctx.api().create(path, body);
    if (ctx.options.json) return ctx.print_json(a);
    ctx.print_line(ctx.t("アセスメントを記録しました: ", "Assessment recorded: ") + text(a, "id"));
    print_fields(ctx, {{ctx.t("様式", "Form"), form_cell(ctx, a, "form_version")},
                       {ctx.t("点数", "Score"), score_line(ctx, a, *version)},
                       {ctx.t("判定目安", "Suggested risk"),
                        ctx.bold(ctx.label("risk_levels", text(a, "suggested_risk_level")))},
                       {ctx.t("主な要因", "Drivers"), drivers_cell(ctx, a)}});
    ctx.print_line(ctx.dim(ctx.t("決定（統括支援員）: ", "Determination (coordinators): ") +
                           "tsunagu case assess " + o->id + " --determine " + text(a, "id") +
                           " --specified-pregnancy yes|no --risk " +
                           text(a, "suggested_risk_level")));
  });
}

void add_forms_command(CLI::App* cases, Context& ctx) {
  auto form = std::make_shared<std::string>();
  auto* cmd = cases->add_subcommand(
      "forms", "The assessment forms' items and weights (the newest version of each form)");
  cmd->add_option("form", *form, "Only this form (e.g. specified_pregnancy)");
  cmd->callback([&ctx, form] {
    const Json& forms = assessment_forms(ctx);
    if (ctx.options.json) return ctx.print_json(forms);
    const std::vector<std::string> names = form_names(forms);
    if (!form->empty() && newest_form_version(forms, *form) == nullptr)
      throw UsageError("form: the server has no form \"" + *form + "\" (it has " +
                       joined(names, ", ") + ")");
    bool first = true;
    for (const auto& name : names) {
      if (!form->empty() && name != *form) continue;
      const Json& version = *newest_form_version(forms, name);
      const Json thresholds = version.value("thresholds", Json::object());
      if (!first) ctx.print_line("");
      first = false;
      ctx.print_line(ctx.bold(name + " v" + text(version, "version")) + "  " +
                     text(version, "title") + "  " +
                     ctx.t("中 " + text(thresholds, "medium") + " 点・高 " +
                               text(thresholds, "high") + " 点から",
                           "medium from " + text(thresholds, "medium") + ", high from " +
                               text(thresholds, "high")));
      print_list(ctx, version.value("items", Json::array()),
                 {{"コード", "Code", [](const Json& i) { return text(i, "code"); }, true},
                  {"配点", "Weight", [](const Json& i) { return text(i, "weight"); }, true},
                  {"項目", "Item", [](const Json& i) { return text(i, "text"); }, false, true}});
    }
  });
}

}  // namespace

void add_casework_commands(CLI::App* cases, Context& ctx) {
  add_contacts_command(cases, ctx);
  add_assess_command(cases, ctx);
  add_forms_command(cases, ctx);
}

}  // namespace tsunagu::cli
