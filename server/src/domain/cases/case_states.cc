#include "domain/cases/case_states.h"

#include "domain/base/lifecycle.h"

namespace tsunagu::domain {
namespace {

using S = CaseStatus;

// The whole lifecycle. A pair that is not listed is no step (409).
constexpr CaseStep kSteps[] = {
    // from      to          event        audit action    records_close
    {S::kOpen, S::kClosed, "closed", "case.close", true},
    {S::kClosed, S::kOpen, "reopened", "case.reopen", false},
};

}  // namespace

std::optional<CaseStep> case_step(CaseStatus from, CaseStatus to) {
  return find_step(kSteps, from, to);
}

Result<bool> case_is_open(std::string_view stored) {
  TRY_ASSIGN(const CaseStatus status, decode_word<CaseStatus>(stored));
  return case_is_open(status);
}

}  // namespace tsunagu::domain
