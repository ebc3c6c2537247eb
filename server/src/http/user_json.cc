#include "http/user_json.h"

#include "common/time.h"

namespace tsunagu::http {

nlohmann::json user_json(const domain::User& u) {
  using Json = nlohmann::json;
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", domain::to_string(u.role)},
          {"wards", u.wards},
          {"organization_id", u.organization_id ? Json(*u.organization_id) : Json(nullptr)},
          {"disabled", u.disabled},
          {"version", u.version},
          {"created_at", format_rfc3339(u.created_at)},
          {"updated_at", format_rfc3339(u.updated_at)}};
}

}  // namespace tsunagu::http
