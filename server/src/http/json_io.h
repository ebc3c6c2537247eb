// Reading JSON requests and writing JSON responses, the same way for every resource:
// - parse_json_body: 415 unless the body is declared JSON, 400 when it does not parse, nests
//   deeper than kMaxJsonDepth or repeats a key in an object (at any depth) — checked while
//   parsing, without recursion, so no body can exhaust the stack of what reads it later;
// - check_query_params: 400 naming the first query parameter that holds a control character;
// - FieldReader (common/field_reader.h): every field error at once, unknown fields rejected;
// - PageRequest: ?page=&per_page= (max 200) and the {"items","total","page","per_page"} envelope.
//
// Thread-safety: FieldReader is a short-lived local; the rest are pure functions.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/field_reader.h"
#include "common/result.h"
#include "common/time.h"
#include "domain/base/paging.h"

namespace tsunagu::http {

using Json = nlohmann::json;

// Arrays and objects nest at most this deep in a request body (the API's own bodies: 4).
inline constexpr int kMaxJsonDepth = 32;

// The body as a JSON value; see above for the failures.
Result<Json> parse_json_body(const httplib::Request& req);
// The JSON text itself, with the same checks (400 when it fails them).
Result<Json> parse_json_text(std::string_view text);

// 400 when a query parameter's name or value holds a control character (U+0000–U+001F, U+007F),
// naming the parameter (or "a query parameter" when its name is not plain text itself).
Status check_query_params(const httplib::Request& req);

inline constexpr char kJsonContentType[] = "application/json; charset=utf-8";

// Writes `body` with `status` as application/json; charset=utf-8.
void write_json(httplib::Response& res, int status, const Json& body);

// FieldReader and Need live in common/field_reader.h (the seed loader uses them too).
using ::tsunagu::FieldReader;
using ::tsunagu::Need;

// The domain's page of a list (domain/base/paging.h), as every list route reads it from the query.
using ::tsunagu::domain::PageRequest;

// ?page= (≥1) and ?per_page= (1…200); a bad value is 400 naming the parameter.
Result<PageRequest> parse_paging(const httplib::Request& req);
Json page_envelope(Json items, int64_t total, const PageRequest& paging);
// page_envelope() serialised as write_json() writes it, around items already serialised as a
// JSON array (`items_json`), without building the document.
std::string page_envelope_json(std::string_view items_json, int64_t total,
                               const PageRequest& paging);
// One page of a list the domain returns whole because it is bounded (one case's events, an
// organization's services, an agenda, the wards), in the same envelope as page_envelope().
Json page_of(Json items, const PageRequest& paging);

// A query parameter, or nullopt when absent or empty.
std::optional<std::string> query(const httplib::Request& req, const char* name);

// A string, or JSON null when absent.
inline Json nullable(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// ?name=true|false; absent is false; anything else is 400 naming the parameter.
Result<bool> bool_param(const httplib::Request& req, const char* name);

// An RFC 3339 instant, or a date (YYYY-MM-DD) meaning that day's midnight in Asia/Tokyo — with
// `end_of_day`, the midnight after it, so to=2026-04-01 includes the whole of 1 April. 400
// naming the parameter otherwise.
Result<std::optional<TimePoint>> time_param(const httplib::Request& req, const char* name,
                                            bool end_of_day);

}  // namespace tsunagu::http
