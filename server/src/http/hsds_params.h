// The query parameters of HSDS 3.0's OpenAPI (shared/hsds-3.0/schema/openapi.json) as the /hsds/
// routes read them, and the one way every /hsds/ list answers: HSDS's Page envelope, or with
// format=ndjson every item as one JSON object per line. A bad value is 400 naming the parameter;
// a parameter the route does not take is 400 as everywhere (query_params.h), and so are the
// spec's parameters Tsunagu cannot honour (postcode, proximity), rather than an answer that
// looks filtered and is not.
//
// Thread-safety: pure functions (write_list calls `fetch` on the caller's thread).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <httplib.h>

#include "common/result.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_public.h"
#include "http/json_io.h"

namespace tsunagu::http::hsds {

// How a list answers.
struct ListParams {
  bool ndjson = false;  // format=ndjson: every item, no paging (page and per_page are 400)
  PageRequest paging{};
  bool full = false;  // full=true: fully nested items
};

// 400 naming the parameter `name`: "The parameter <name> <message>."
Error bad_param(const char* name, const std::string& message);

// page, per_page and format (json, the default, or ndjson).
Result<ListParams> list_params(const httplib::Request& req);

// taxonomy_id (must be Tsunagu's taxonomy) and taxonomy_term_id (a term of it): the category
// they select, or nullopt when neither narrows the list.
Result<std::optional<domain::Category>> term_filter(const httplib::Request& req);

// search, organization_id, taxonomy_id, taxonomy_term_id and modified_after (RFC 3339, on or
// after) for services and services at locations.
Result<domain::PublicServiceQuery> service_query(const httplib::Request& req);

// 400 naming `name` when the request gives it: a parameter of the spec this directory cannot
// honour, `why` says what is missing.
Status refuse_unsupported(const httplib::Request& req, const char* name, const char* why);

// One slice of a list: the items from `offset` (at most `limit`) and the total.
struct Slice {
  Json items = Json::array();
  int64_t total = 0;
};
using Fetch = std::function<Result<Slice>(int64_t offset, int limit)>;

// Writes the list as a Page of `params.paging`, or with ndjson every item (fetched 200 at a
// time) as application/x-ndjson.
Status write_list(httplib::Response& res, const ListParams& params, const Fetch& fetch);

// A fixed list (the taxonomies, the terms) as a Fetch.
Fetch fetch_from(Json all);

}  // namespace tsunagu::http::hsds
