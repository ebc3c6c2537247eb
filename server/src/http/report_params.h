// Query parameters of the reports and exports, checked like bodies: a parameter the route does
// not know is 400 naming it (an unfiltered answer must never pass for a filtered one), a bad
// number is 400 naming it, and the output format comes from ?format= or the Accept header.
//
// Thread-safety: pure functions of the request.
#pragma once

#include <initializer_list>
#include <string>

#include <httplib.h>

#include "common/result.h"
#include "http/query_params.h"  // only_params(), which every report handler calls first

namespace tsunagu::http {

// ?name= as a whole number in [min, max]; `fallback` when absent; 400 naming it otherwise.
Result<int> bounded_int_param(const httplib::Request& req, const char* name, int fallback, int min,
                              int max);

// The output format: ?format= one of `formats` (the first is the default), or "csv" when the
// request accepts text/csv and "csv" is one of them. 400 naming `format` for anything else.
Result<std::string> output_format(const httplib::Request& req,
                                  std::initializer_list<const char*> formats);

// Writes `body` as a CSV download (UTF-8 with BOM) named `filename`.
void write_csv(httplib::Response& res, std::string body, const std::string& filename);

}  // namespace tsunagu::http
