#include "domain/demo.h"

#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "common/ids.h"
#include "domain/directory_seed.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

struct SeedContext {
  const Clock& clock;
  std::string password;
  DemoReport& report;
};

using SeedLoader =
    std::function<Status(storage::Connection&, const nlohmann::json& items, SeedContext&)>;

// One entry per kind of seed file. Areas of the domain add their loader here.
const std::map<std::string, SeedLoader>& loaders() {
  static const std::map<std::string, SeedLoader> table = {
      {"organizations", [](storage::Connection& c, const nlohmann::json& items,
                           SeedContext& ctx) { return load_directory_seed(c, ctx.clock, items); }},
  };
  return table;
}

// 18 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
std::string random_password() {
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string bytes = random_bytes(18), out;
  for (unsigned char b : bytes) out.push_back(kAlphabet[b % (sizeof kAlphabet - 1)]);
  return out;
}

}  // namespace

Result<DemoReport> load_demo(storage::Database& db, const Clock& clock, const DemoOptions& options,
                             const std::vector<EmbeddedFile>& files) {
  DemoReport report;
  SeedContext ctx{clock, options.password.empty() ? random_password() : options.password, report};
  auto status = db.write([&](storage::Connection& c) -> Status {
    auto marker = c.prepare("SELECT value FROM server_meta WHERE key = 'demo_loaded_at'");
    if (marker.step()) {
      report.lines.push_back("The demo data set was loaded before (" + marker.text(0) +
                             "); it is not loaded twice.");
      return Status::Ok();
    }
    for (const EmbeddedFile& file : files) {
      auto doc = nlohmann::json::parse(file.data, nullptr, false);
      if (doc.is_discarded() || !doc.is_object() || !doc.contains("kind") ||
          !doc["kind"].is_string() || !doc.contains("items") || !doc["items"].is_array()) {
        return Error::Internal("seed file " + std::string(file.name) +
                               " is not {\"kind\": ..., \"items\": [...]}");
      }
      auto it = loaders().find(doc["kind"].get<std::string>());
      if (it == loaders().end()) {
        return Error::Internal("seed file " + std::string(file.name) + " has unknown kind " +
                               doc["kind"].dump());
      }
      if (Status s = it->second(c, doc["items"], ctx); !s.ok()) {
        return Error::Internal("seed file " + std::string(file.name) + ": " +
                               s.error().to_string());
      }
    }
    c.prepare("INSERT INTO server_meta (key, value) VALUES ('demo_loaded_at', ?1)")
        .bind(1, format_utc(clock.now()))
        .run();
    report.loaded = true;
    return Status::Ok();
  });
  if (!status.ok()) return status.error();
  return report;
}

}  // namespace tsunagu::domain
