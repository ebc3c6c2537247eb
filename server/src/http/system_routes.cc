// GET /healthz, GET /metrics and GET /api/v1/wards: no authentication, no case data.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/base/system.h"
#include "domain/base/wards.h"
#include "http/json_io.h"
#include "http/metrics.h"
#include "http/query_params.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

// One metric in the Prometheus text format: HELP, TYPE and a sample per label set ("" for none).
void append_metric(std::string& out, const std::string& name, const char* type, const char* help,
                   const std::vector<std::pair<std::string, int64_t>>& samples) {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  for (const auto& [labels, value] : samples) {
    out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(value) + "\n";
  }
}

}  // namespace

void register_system_routes(Router& router, const Services& services, const Metrics& metrics) {
  router.get("/healthz", "healthz",
             [&services](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               domain::Health health = services.system->health();
               write_json(res, 200,
                          {{"status", "ok"},
                           {"version", health.version},
                           {"schema_version", health.schema_version}});
               return Status::Ok();
             });
  router.get(
      "/metrics", "metrics",
      [&services, &metrics](const httplib::Request& req, httplib::Response& res) -> Status {
        TRY(only_params(req, {}));
        std::string body = metrics.render();
        domain::Health health = services.system->health();
        domain::StorageStats stats = services.system->storage_stats();
        append_metric(body, "tsunagu_db_schema_version", "gauge", "The database's schema version.",
                      {{"", health.schema_version}});
        append_metric(body, "tsunagu_db_size_bytes", "gauge",
                      "Size of the database file and its WAL.",
                      {{"file=\"main\"", stats.db_bytes}, {"file=\"wal\"", stats.wal_bytes}});
        append_metric(
            body, "tsunagu_db_writes_total", "counter",
            "Writes the writer has answered, committed or not (one per request that writes).",
            {{"", stats.writes.writes}});
        append_metric(body, "tsunagu_db_write_groups_total", "counter",
                      "Groups those writes were taken in, one transaction each (group commit: "
                      "writes_total / write_groups_total is the mean group).",
                      {{"", stats.writes.groups}});
        append_metric(body, "tsunagu_db_writes_pending", "gauge",
                      "Requests waiting for the writer or its commit.",
                      {{"", stats.writes.pending}});
        res.status = 200;
        res.set_content(body, "text/plain; version=0.0.4; charset=utf-8");
        return Status::Ok();
      });
  // Reference data, public: the codes every other resource uses for wards.
  router.get("/api/v1/wards", "wards",
             [&services](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto paging, list_paging(req));
               TRY_ASSIGN(auto wards, services.system->wards());
               Json items = Json::array();
               for (const auto& w : wards) {
                 items.push_back({{"code", w.code}, {"name", w.name}, {"name_kana", w.name_kana}});
               }
               write_json(res, 200, page_of(std::move(items), paging));
               return Status::Ok();
             });
}

}  // namespace tsunagu::http
