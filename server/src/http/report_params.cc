#include "http/report_params.h"

#include <charconv>

#include "common/csv.h"
#include "http/json_io.h"

namespace tsunagu::http {

Result<int> bounded_int_param(const httplib::Request& req, const char* name, int fallback, int min,
                              int max) {
  auto v = query(req, name);
  if (!v) return fallback;
  int n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size() || n < min || n > max) {
    const std::string range = std::to_string(min) + " to " + std::to_string(max);
    return Error::Malformed(std::string("The parameter ") + name + " must be a whole number from " +
                            range + ".")
        .add_field(name, "must be a whole number from " + range);
  }
  return n;
}

Result<std::string> output_format(const httplib::Request& req,
                                  std::initializer_list<const char*> formats) {
  std::string list;
  for (const char* f : formats) list += (list.empty() ? "" : ", ") + std::string(f);
  if (auto v = query(req, "format")) {
    for (const char* f : formats) {
      if (*v == f) return *v;
    }
    return Error::Malformed("The parameter format must be one of " + list + ".")
        .add_field("format", "must be one of " + list);
  }
  if (req.get_header_value("Accept").find("text/csv") != std::string::npos) {
    for (const char* f : formats) {
      if (std::string(f) == "csv") return std::string("csv");
    }
  }
  return std::string(*formats.begin());
}

void write_csv(httplib::Response& res, std::string body, const std::string& filename) {
  res.status = 200;
  res.set_header("Content-Disposition", content_disposition(filename));
  res.set_content(std::move(body), kCsvContentType);
}

}  // namespace tsunagu::http
