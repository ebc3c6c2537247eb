#include "http/directory_json.h"

#include <charconv>
#include <cmath>

#include "common/text.h"
#include "domain/directory/directory_json.h"
#include "domain/directory/organizations.h"

namespace tsunagu::http {
namespace {

Error bad_param(const char* name, const std::string& message) {
  return Error::Malformed(std::string("The parameter ") + name + " " + message + ".")
      .add_field(name, message);
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    std::string item(trim(std::string_view(s).substr(i, j - i)));
    if (!item.empty()) out.push_back(item);
    i = j + 1;
  }
  return out;
}

std::optional<double> to_double(std::string_view s) {
  s = trim(s);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Parses a comma list with `parse`, or a 400 naming the parameter and the allowed values.
template <typename T, typename Parse>
Result<std::vector<T>> enum_list(const httplib::Request& req, const char* name, Parse parse,
                                 const std::vector<std::string_view>& allowed) {
  std::vector<T> out;
  auto v = query(req, name);
  if (!v) return out;
  for (const auto& item : split_list(*v)) {
    auto parsed = parse(item);
    if (!parsed) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return bad_param(name, "must be a comma-separated list of: " + list);
    }
    out.push_back(*parsed);
  }
  return out;
}

Status parse_near(const httplib::Request& req, domain::OrganizationQuery& q) {
  auto near = query(req, "near");
  auto within = query(req, "within_km");
  if (!near) {
    if (within) return bad_param("within_km", "needs near=<lat>,<lon>");
    return Status::Ok();
  }
  size_t comma = near->find(',');
  auto lat = comma == std::string::npos ? std::nullopt : to_double(near->substr(0, comma));
  auto lon = comma == std::string::npos ? std::nullopt : to_double(near->substr(comma + 1));
  if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
    return bad_param("near", "must be <lat>,<lon> with -90 ≤ lat ≤ 90 and -180 ≤ lon ≤ 180");
  }
  domain::Near n{*lat, *lon, 5};
  if (within) {
    auto km = to_double(*within);
    if (!km || *km <= 0 || *km > 100) {
      return bad_param("within_km", "must be a number above 0 and at most 100");
    }
    n.within_km = *km;
  }
  q.near = n;
  return Status::Ok();
}

}  // namespace

Json service_json(const domain::Service& s) {
  Json j = domain::fields_json(s.fields);
  j["id"] = s.id;
  j["organization_id"] = s.organization_id;
  j["hours_inherited"] = s.hours_inherited;
  j["version"] = s.version;
  j["created_at"] = format_rfc3339(s.created_at);
  j["updated_at"] = format_rfc3339(s.updated_at);
  return j;
}

Result<domain::OrganizationQuery> parse_organization_query(const httplib::Request& req,
                                                           const PageRequest& paging,
                                                           TimePoint now) {
  domain::OrganizationQuery q;
  q.offset = paging.offset();
  q.limit = paging.per_page;
  if (auto text = query(req, "q")) {
    if (!is_valid_utf8(*text) || utf8_length(*text) > 200) {
      return bad_param("q", "must be UTF-8 text of at most 200 characters");
    }
    q.q = *text;
  }
  TRY_ASSIGN(q.categories, enum_list<domain::Category>(req, "category", domain::parse_category,
                                                       domain::category_names()));
  if (auto wards = query(req, "ward")) q.wards = split_list(*wards);
  if (auto district = query(req, "district")) {
    auto nfc = to_nfc(*district);
    if (!nfc.ok()) return bad_param("district", "must be UTF-8 text");
    q.district = std::string(trim(*nfc));
  }
  if (auto at = query(req, "open_at")) {
    auto t = *at == "now" ? Result<TimePoint>(now) : parse_rfc3339(*at);
    if (!t.ok()) return bad_param("open_at", "must be an RFC 3339 time with offset, or now");
    q.open_at = *t;
  }
  if (auto member = query(req, "council_member")) {
    if (*member != "true" && *member != "false")
      return bad_param("council_member", "must be true or false");
    q.council_member = *member == "true";
  }
  if (auto cap = query(req, "capacity")) {
    for (const auto& item : split_list(*cap)) {
      if (item == "unknown") {
        q.capacity_unknown = true;
      } else if (auto s = domain::parse_capacity_status(item)) {
        q.capacity.push_back(*s);
      } else {
        return bad_param("capacity",
                         "must be a comma-separated list of: open, limited, "
                         "waitlist, full, unknown");
      }
    }
  }
  TRY(parse_near(req, q));
  if (auto status = query(req, "status")) {
    q.status = domain::parse_entry_status(*status);
    if (!q.status) return bad_param("status", "must be active or inactive");
  }
  return q;
}

}  // namespace tsunagu::http
