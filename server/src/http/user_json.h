// The JSON of a user account as its owner and the admin see it (sign-in answers, /me, /users).
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/accounts/accounts.h"

namespace tsunagu::http {

nlohmann::json user_json(const domain::User& u);

}  // namespace tsunagu::http
