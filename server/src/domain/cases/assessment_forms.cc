#include "domain/cases/assessment_forms.h"

#include <algorithm>

#include "common/log.h"

namespace tsunagu::domain {
namespace {

using Json = nlohmann::json;

Result<AssessmentForm> parse_form(const Json& j, size_t index) {
  const std::string where = "forms[" + std::to_string(index) + "]";
  auto bad = [&](const std::string& what) {
    return Error::InvalidArgument("assessment forms: " + where + " " + what);
  };
  if (!j.is_object()) return bad("is not an object");
  AssessmentForm f;
  if (!j.contains("form") || !j["form"].is_string()) return bad("has no form name");
  if (!j.contains("version") || !j["version"].is_number_integer()) return bad("has no version");
  f.form = j["form"].get<std::string>();
  f.version = j["version"].get<int>();
  f.title = j.value("title", "");
  const Json& thresholds = j.value("thresholds", Json::object());
  if (!thresholds.contains("medium") || !thresholds["medium"].is_number_integer() ||
      !thresholds.contains("high") || !thresholds["high"].is_number_integer()) {
    return bad("needs integer thresholds medium and high");
  }
  f.medium_at = thresholds["medium"].get<int>();
  f.high_at = thresholds["high"].get<int>();
  if (f.medium_at > f.high_at) return bad("has a medium threshold above the high one");
  if (!j.contains("items") || !j["items"].is_array() || j["items"].empty()) {
    return bad("has no items");
  }
  for (const Json& item : j["items"]) {
    if (!item.is_object() || !item.contains("code") || !item["code"].is_string() ||
        !item.contains("text") || !item["text"].is_string() || !item.contains("weight") ||
        !item["weight"].is_number_integer()) {
      return bad("has an item without code, text or integer weight");
    }
    FormItem it{item["code"].get<std::string>(), item["text"].get<std::string>(),
                item.value("answer_type", "boolean"), item["weight"].get<int>()};
    if (it.answer_type != "boolean") return bad("item " + it.code + " has an unknown answer type");
    if (std::any_of(f.items.begin(), f.items.end(),
                    [&](const FormItem& other) { return other.code == it.code; })) {
      return bad("lists item " + it.code + " twice");
    }
    f.items.push_back(std::move(it));
  }
  return f;
}

}  // namespace

Result<std::vector<AssessmentForm>> parse_assessment_forms(const std::string& text) {
  Json doc = Json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("forms") || !doc["forms"].is_array()) {
    return Error::InvalidArgument("assessment forms: not {\"forms\": [...]}");
  }
  std::vector<AssessmentForm> out;
  for (size_t i = 0; i < doc["forms"].size(); ++i) {
    TRY_ASSIGN(AssessmentForm f, parse_form(doc["forms"][i], i));
    for (const AssessmentForm& other : out) {
      if (other.form == f.form && other.version == f.version) {
        return Error::InvalidArgument("assessment forms: " + f.form + " version " +
                                      std::to_string(f.version) + " is listed twice");
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

const std::vector<AssessmentForm>& assessment_forms() {
  static const std::vector<AssessmentForm> forms = [] {
    std::vector<AssessmentForm> all;
    for (const EmbeddedFile& file : embedded_forms()) {
      auto parsed = parse_assessment_forms(std::string(file.data));
      if (!parsed.ok()) {
        LOG(kError) << file.name << ": " << parsed.error().to_string();
        continue;
      }
      all.insert(all.end(), parsed->begin(), parsed->end());
    }
    return all;
  }();
  return forms;
}

const AssessmentForm* find_form(const std::string& name, std::optional<int> version) {
  const AssessmentForm* found = nullptr;
  for (const AssessmentForm& f : assessment_forms()) {
    if (f.form != name) continue;
    if (version && f.version == *version) return &f;
    if (!version && (found == nullptr || f.version > found->version)) found = &f;
  }
  return found;
}

Result<Score> score_answers(const AssessmentForm& form, const nlohmann::json& answers) {
  std::vector<FieldError> errors;
  if (!answers.is_object()) {
    return Error::Field(FieldError::Type("answers", "object", "must be an object"));
  }
  Score out;
  for (auto it = answers.begin(); it != answers.end(); ++it) {
    const std::string field = "answers." + it.key();
    auto item = std::find_if(form.items.begin(), form.items.end(),
                             [&](const FormItem& i) { return i.code == it.key(); });
    if (item == form.items.end()) {
      errors.push_back({field, "is not an item of this form version"});
      continue;
    }
    if (!it.value().is_boolean()) {
      errors.push_back(FieldError::Type(field, "boolean", "must be true or false"));
      continue;
    }
    if (it.value().get<bool>()) {
      out.score += item->weight;
      if (item->weight != 0) out.drivers.push_back({item->code, item->weight});
    }
  }
  if (!errors.empty()) return Error::InvalidArgument("The assessment has invalid answers.", errors);
  // Heaviest first; equal weights in the form's order (the answers may come in any order).
  auto position = [&](const std::string& code) {
    return std::find_if(form.items.begin(), form.items.end(),
                        [&](const FormItem& i) { return i.code == code; }) -
           form.items.begin();
  };
  std::stable_sort(out.drivers.begin(), out.drivers.end(),
                   [&](const ScoreDriver& a, const ScoreDriver& b) {
                     if (a.weight != b.weight) return a.weight > b.weight;
                     return position(a.code) < position(b.code);
                   });
  out.suggested_risk_level = out.score >= form.high_at     ? "high"
                             : out.score >= form.medium_at ? "medium"
                                                           : "low";
  return out;
}

}  // namespace tsunagu::domain
