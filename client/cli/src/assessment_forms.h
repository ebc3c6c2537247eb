// The assessment forms of GET /api/v1/assessment-forms as the client uses them: the newest version
// of a form (what a new assessment is scored with), its item codes, and the --item values it does
// not have, so a typo is refused before anything is sent, with the list of valid codes.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "api_client.h"

namespace tsunagu::cli {

// The newest version of `form` among `forms` (the items of GET /api/v1/assessment-forms, or the
// page itself); nullptr when the server has no such form.
const Json* newest_form_version(const Json& forms, const std::string& form);

// The distinct form names, in the server's order.
std::vector<std::string> form_names(const Json& forms);

// The item codes of one form version, in the form's order.
std::vector<std::string> item_codes(const Json& form_version);

// The codes of `items` that `form_version` does not have, each once, in the order given.
std::vector<std::string> unknown_items(const Json& form_version,
                                       const std::vector<std::string>& items);

// The item's text in the form version ("出産時に20歳未満である（若年妊娠）"), or the code itself.
std::string item_text(const Json& form_version, const std::string& code);

}  // namespace tsunagu::cli
