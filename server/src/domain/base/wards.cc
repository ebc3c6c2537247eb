#include "domain/base/wards.h"

#include "storage/database.h"

namespace tsunagu::domain {

Result<std::vector<Ward>> list_wards(storage::Database& db) {
  return db.read([](storage::Connection& c) -> Result<std::vector<Ward>> {
    std::vector<Ward> out;
    auto s = c.prepare("SELECT code, name, name_kana FROM wards ORDER BY position");
    while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
    return out;
  });
}

std::string english_name(const Ward& ward) {
  std::string out = ward.code;
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out + " Ward";
}

bool is_ward(storage::Connection& c, const std::string& code) {
  return c.prepare("SELECT 1 FROM wards WHERE code = ?1").bind(1, code).step();
}

Status check_ward_param(storage::Connection& c, const std::optional<std::string>& ward) {
  if (!ward || is_ward(c, *ward)) return Status::Ok();
  return Error::Parameters({{"ward", "is not a ward code (see /api/v1/wards)"}});
}

Status check_ward_param(storage::Database& db, const std::optional<std::string>& ward) {
  if (!ward) return Status::Ok();
  return db.read([&](storage::Connection& c) { return check_ward_param(c, ward); });
}

}  // namespace tsunagu::domain
