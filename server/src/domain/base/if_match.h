// The optimistic concurrency rule of every versioned record (organizations, services, cases,
// referrals, meetings, action items, transfers): a change sent with If-Match names the version it
// was based on, and any other current version refuses it with Aborted (412 Precondition Failed)
// saying what changed and its version now. A change without If-Match is not checked.
//
// Thread-safety: a pure function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace tsunagu::domain {

// Ok when `if_match` is absent or equals `current`; otherwise Aborted naming `what` ("case",
// "referral", …) and the current version.
inline Status check_if_match(std::optional<int64_t> if_match, int64_t current,
                             std::string_view what) {
  if (!if_match || *if_match == current) return Status::Ok();
  return Error::Aborted("The " + std::string(what) + " has changed since you read it (version " +
                        std::to_string(current) + "). Reload and try again.");
}

}  // namespace tsunagu::domain
