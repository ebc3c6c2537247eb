#include "http/hsds_params.h"

#include <string>
#include <utility>

#include "http/hsds_json.h"

namespace tsunagu::http::hsds {
namespace {

constexpr int kNdjsonBatch = 200;

}  // namespace

Error bad_param(const char* name, const std::string& message) {
  return Error::Malformed(std::string("The parameter ") + name + " " + message + ".")
      .add_field(name, message);
}

Result<ListParams> list_params(const httplib::Request& req) {
  ListParams out;
  auto format = query(req, "format");
  if (format && *format != "json" && *format != "ndjson") {
    return bad_param("format", "must be json or ndjson");
  }
  out.ndjson = format == "ndjson";
  if (out.ndjson) {
    for (const char* name : {"page", "per_page"}) {
      if (req.has_param(name)) return bad_param(name, "cannot be combined with format=ndjson");
    }
  }
  TRY_ASSIGN(out.paging, parse_paging(req));
  TRY_ASSIGN(out.full, bool_param(req, "full"));
  return out;
}

Result<std::optional<domain::Category>> term_filter(const httplib::Request& req) {
  if (auto taxonomy = query(req, "taxonomy_id"); taxonomy && *taxonomy != kTaxonomyId) {
    return bad_param("taxonomy_id", "must be " + std::string(kTaxonomyId));
  }
  auto term = query(req, "taxonomy_term_id");
  if (!term) return std::optional<domain::Category>();
  auto category = category_of_term(*term);
  if (!category) return bad_param("taxonomy_term_id", "is not a term of /hsds/taxonomy_terms");
  return category;
}

Result<domain::PublicServiceQuery> service_query(const httplib::Request& req) {
  domain::PublicServiceQuery q;
  q.q = query(req, "search").value_or("");
  q.organization_id = query(req, "organization_id").value_or("");
  TRY_ASSIGN(q.category, term_filter(req));
  if (auto after = query(req, "modified_after")) {
    auto t = parse_rfc3339(*after);
    if (!t.ok()) return bad_param("modified_after", "must be an RFC 3339 time with offset");
    q.modified_after = *t;
  }
  return q;
}

Status refuse_unsupported(const httplib::Request& req, const char* name, const char* why) {
  if (!req.has_param(name)) return Status::Ok();
  return bad_param(name, std::string("is not supported: ") + why);
}

Status write_list(httplib::Response& res, const ListParams& params, const Fetch& fetch) {
  if (!params.ndjson) {
    TRY_ASSIGN(Slice slice, fetch(params.paging.offset(), params.paging.per_page));
    write_json(res, 200, page(std::move(slice.items), slice.total, params.paging));
    return Status::Ok();
  }
  std::string body;
  for (int64_t offset = 0;; offset += kNdjsonBatch) {
    TRY_ASSIGN(Slice slice, fetch(offset, kNdjsonBatch));
    for (const Json& item : slice.items) {
      body += item.dump(-1, ' ', false, Json::error_handler_t::replace);
      body += '\n';
    }
    if (slice.items.empty() || offset + kNdjsonBatch >= slice.total) break;
  }
  res.status = 200;
  res.set_content(body, "application/x-ndjson; charset=utf-8");
  return Status::Ok();
}

Fetch fetch_from(Json all) {
  return [all = std::move(all)](int64_t offset, int limit) -> Result<Slice> {
    Slice slice;
    slice.total = static_cast<int64_t>(all.size());
    for (int64_t i = offset; i < slice.total && i < offset + limit; ++i) {
      slice.items.push_back(all[static_cast<size_t>(i)]);
    }
    return slice;
  };
}

}  // namespace tsunagu::http::hsds
