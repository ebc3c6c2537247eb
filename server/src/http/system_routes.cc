// GET /healthz, GET /metrics and GET /api/v1/wards: no authentication, no case data.
#include "domain/system.h"
#include "domain/wards.h"
#include "http/json_io.h"
#include "http/metrics.h"
#include "http/routes.h"

namespace tsunagu::http {

void register_system_routes(Router& router, const Services& services, const Metrics& metrics) {
  router.get("/healthz", "healthz",
             [&services](const httplib::Request&, httplib::Response& res) -> Status {
               domain::Health health = domain::health(*services.db);
               write_json(res, 200,
                          {{"status", "ok"},
                           {"version", health.version},
                           {"schema_version", health.schema_version}});
               return Status::Ok();
             });
  router.get("/metrics", "metrics",
             [&services, &metrics](const httplib::Request&, httplib::Response& res) -> Status {
               std::string body = metrics.render();
               domain::Health health = domain::health(*services.db);
               domain::StorageStats stats = domain::storage_stats(*services.db);
               body +=
                   "# HELP tsunagu_db_schema_version The database's schema version.\n"
                   "# TYPE tsunagu_db_schema_version gauge\n"
                   "tsunagu_db_schema_version " +
                   std::to_string(health.schema_version) +
                   "\n"
                   "# HELP tsunagu_db_size_bytes Size of the database file and its WAL.\n"
                   "# TYPE tsunagu_db_size_bytes gauge\n"
                   "tsunagu_db_size_bytes{file=\"main\"} " +
                   std::to_string(stats.db_bytes) +
                   "\n"
                   "tsunagu_db_size_bytes{file=\"wal\"} " +
                   std::to_string(stats.wal_bytes) +
                   "\n"
                   "# HELP tsunagu_db_writes_total Changes run by the writer (one per request"
                   " that writes).\n"
                   "# TYPE tsunagu_db_writes_total counter\n"
                   "tsunagu_db_writes_total " +
                   std::to_string(stats.writes.writes) +
                   "\n"
                   "# HELP tsunagu_db_write_groups_total Transactions those changes were committed"
                   " in (group commit: writes_total / write_groups_total is the mean group).\n"
                   "# TYPE tsunagu_db_write_groups_total counter\n"
                   "tsunagu_db_write_groups_total " +
                   std::to_string(stats.writes.groups) +
                   "\n"
                   "# HELP tsunagu_db_writes_pending Requests waiting for the writer or its commit.\n"
                   "# TYPE tsunagu_db_writes_pending gauge\n"
                   "tsunagu_db_writes_pending " +
                   std::to_string(stats.writes.pending) + "\n";
               res.status = 200;
               res.set_content(body, "text/plain; version=0.0.4; charset=utf-8");
               return Status::Ok();
             });
  // Reference data, public: the codes every other resource uses for wards.
  router.get("/api/v1/wards", "wards",
             [&services](const httplib::Request&, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto wards, domain::list_wards(*services.db));
               Json items = Json::array();
               for (const auto& w : wards) {
                 items.push_back({{"code", w.code}, {"name", w.name}, {"name_kana", w.name_kana}});
               }
               write_json(res, 200, list_envelope(std::move(items)));
               return Status::Ok();
             });
}

}  // namespace tsunagu::http
