// Assessment forms as versioned data (schema/assessment_forms.json, embedded into the binary):
// the 特定妊婦 detailed assessment at pregnancy registration (妊娠届出時の面談), each item with a
// code, its Japanese text, its answer type and its weight, and the thresholds of the suggested
// risk level. Scoring reads the version an assessment names, so a later version (a changed
// weight) never changes an old result.
//
// Thread-safety: the forms are parsed once and then only read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/embedded_file.h"
#include "common/result.h"

namespace tsunagu::domain {

struct FormItem {
  std::string code;
  std::string text;         // Japanese, as the interviewer reads it
  std::string answer_type;  // boolean (true counts the weight)
  int weight = 0;
};

struct AssessmentForm {
  std::string form;  // e.g. specified_pregnancy
  int version = 0;
  std::string title;
  std::vector<FormItem> items;
  int medium_at = 0;  // score ≥ medium_at suggests medium
  int high_at = 0;    // score ≥ high_at suggests high
};

// An item that counted, with the weight it had in the version used.
struct ScoreDriver {
  std::string code;
  int weight = 0;
};

struct Score {
  int score = 0;
  std::string suggested_risk_level;  // low | medium | high
  std::vector<ScoreDriver> drivers;  // heaviest first, then in the form's order
};

// Every form version, in the file's order. The embedded file is checked by a unit test; a broken
// one gives an empty list.
const std::vector<AssessmentForm>& assessment_forms();
// Parses a forms file ({"forms": [...]}); InvalidArgument naming what is wrong.
Result<std::vector<AssessmentForm>> parse_assessment_forms(const std::string& text);

// The form `name` at `version`, or its newest version when `version` is nullopt; nullptr when
// there is none.
const AssessmentForm* find_form(const std::string& name, std::optional<int> version);

// Checks `answers` ({item_code: value}) against the form — every error, as fields
// "answers.<code>" — and scores them. Unanswered items count as not present.
Result<Score> score_answers(const AssessmentForm& form, const nlohmann::json& answers);

const std::vector<EmbeddedFile>& embedded_forms();

}  // namespace tsunagu::domain
