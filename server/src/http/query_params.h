// Query parameters are checked like request bodies: a parameter the route does not know, or one
// given twice, is 400 naming it, so an unfiltered answer never passes for a filtered one (a
// misspelt `?risk_categroy=` must not return every case). Each GET handler names the parameters
// it reads, first thing.
//
// Thread-safety: pure functions.
#pragma once

#include <initializer_list>
#include <string_view>

#include <httplib.h>

#include "common/result.h"
#include "http/json_io.h"

namespace tsunagu::http {

// The paging parameters, for lists: only_params(req, {"q", kPage, kPerPage}).
inline constexpr std::string_view kPage = "page";
inline constexpr std::string_view kPerPage = "per_page";

// Ok when every parameter of `req` is one of `known`, none repeats and none is empty (but a
// search text, `q` or `search`); otherwise Malformed with a field error per offending parameter.
Status only_params(const httplib::Request& req, std::initializer_list<std::string_view> known);

// For a list that takes no filter: only ?page=&per_page=, parsed (400 on anything else).
Result<PageRequest> list_paging(const httplib::Request& req);

}  // namespace tsunagu::http
