#include "http/query_params.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "common/text.h"

namespace tsunagu::http {
namespace {

// A parameter name as it may appear in a problem: raw request bytes are never echoed, so a name
// that is not short, printable UTF-8 is replaced.
std::string printable_name(const std::string& name) {
  bool printable = name.size() <= 64 && is_valid_utf8(name) &&
                   std::none_of(name.begin(), name.end(), [](char ch) {
                     return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f;
                   });
  return printable ? name : "(unreadable parameter name)";
}

}  // namespace

Status only_params(const httplib::Request& req, std::initializer_list<std::string_view> known) {
  std::vector<FieldError> errors;
  std::set<std::string, std::less<>> reported;
  for (const auto& [name, value] : req.params) {
    if (reported.contains(name)) continue;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      errors.push_back(FieldError::Unknown(printable_name(name)));
      reported.insert(name);
    } else if (req.params.count(name) > 1) {
      errors.push_back({printable_name(name), "is given more than once"});
      reported.insert(name);
    } else if (value.empty() && name != "q" && name != "search") {
      // An empty filter would read as no filter and pass an unfiltered answer off as a filtered
      // one; only a search text may be empty (nothing typed yet).
      errors.push_back({printable_name(name), "is empty; leave the parameter out instead"});
      reported.insert(name);
    }
  }
  if (errors.empty()) return Status::Ok();
  return Error::Parameters(std::move(errors));
}

Result<PageRequest> list_paging(const httplib::Request& req) {
  TRY(only_params(req, {kPage, kPerPage}));
  return parse_paging(req);
}

}  // namespace tsunagu::http
