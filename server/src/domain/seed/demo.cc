#include "domain/seed/demo.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/ids.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/passwords.h"
#include "domain/audit/audit.h"
#include "domain/directory/directory_index.h"
#include "domain/seed/directory_seed.h"
#include "domain/seed/network_seed.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

struct SeedContext {
  const Clock& clock;
  std::string password;
  DemoReport& report;
  const PasswordHasher& hasher;
};

using SeedLoader =
    std::function<Status(storage::Connection&, const nlohmann::json& items, SeedContext&)>;

std::optional<std::string> optional_string(const nlohmann::json& item, const char* key) {
  auto it = item.find(key);
  if (it == item.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// seed/20_accounts.json: users with the demo password, each creation audited as the system's.
Status load_accounts(storage::Connection& c, const nlohmann::json& items, SeedContext& ctx) {
  if (auto problem = password_problem(ctx.password, "")) {
    return Error::InvalidArgument("the demo password (TSUNAGU_DEMO_PASSWORD) " + *problem);
  }
  std::vector<std::string> lines;
  for (const auto& item : items) {
    NewUser nu;
    nu.id = optional_string(item, "id");
    nu.username = optional_string(item, "username").value_or("");
    nu.display_name = optional_string(item, "display_name").value_or("");
    auto role = parse_role(optional_string(item, "role").value_or(""));
    if (!role) return Error::InvalidArgument("account " + nu.username + " has no valid role");
    nu.role = *role;
    if (item.contains("wards") && item["wards"].is_array()) {
      for (const auto& w : item["wards"])
        nu.wards.push_back(w.is_string() ? w.get<std::string>() : "");
    }
    nu.organization_id = optional_string(item, "organization_id");
    nu.password = ctx.password;
    TRY_ASSIGN(User user, Accounts::insert(c, ctx.clock, nu, ctx.hasher.hash(ctx.password)));
    audit::append(
        c, ctx.clock, nullptr, {},
        {"user.create", "user", user.id, std::nullopt, user.organization_id, "demo seed"});
    std::string scope;
    if (user.organization_id) {
      auto org = c.prepare("SELECT name FROM organizations WHERE id = ?1");
      org.bind(1, *user.organization_id);
      scope = ", " + (org.step() ? org.text(0) : *user.organization_id);
    }
    for (const auto& w : user.wards) {
      auto ward = c.prepare("SELECT name FROM wards WHERE code = ?1");
      ward.bind(1, w);
      scope += ", " + (ward.step() ? ward.text(0) : w);
    }
    lines.push_back("  " + user.username + " (" + to_string(user.role) + scope + ")");
  }
  ctx.report.lines.push_back("Demo accounts, all with the password " + ctx.password + ":");
  ctx.report.lines.insert(ctx.report.lines.end(), lines.begin(), lines.end());
  return Status::Ok();
}

// One entry per kind of seed file. Areas of the domain add their loader here.
const std::map<std::string, SeedLoader>& loaders() {
  static const std::map<std::string, SeedLoader> table = {
      {"accounts", load_accounts},
      {"organizations", [](storage::Connection& c, const nlohmann::json& items,
                           SeedContext& ctx) { return load_directory_seed(c, ctx.clock, items); }},
      {"cases",
       [](storage::Connection& c, const nlohmann::json& items, SeedContext& ctx) -> Status {
         TRY_ASSIGN(int n, load_case_seed(c, ctx.clock, items));
         ctx.report.lines.push_back("Demo cases (pseudonyms only): " + std::to_string(n));
         return Status::Ok();
       }},
      {"meetings",
       [](storage::Connection& c, const nlohmann::json& items, SeedContext& ctx) -> Status {
         TRY_ASSIGN(int n, load_meeting_seed(c, ctx.clock, items));
         ctx.report.lines.push_back("Demo meetings, dated from today: " + std::to_string(n));
         return Status::Ok();
       }},
      {"casework",
       [](storage::Connection& c, const nlohmann::json& items, SeedContext& ctx) -> Status {
         TRY_ASSIGN(int n, load_casework_seed(c, ctx.clock, items));
         ctx.report.lines.push_back("Demo casework (assessments, contacts, a transfer) on " +
                                    std::to_string(n) + " cases");
         return Status::Ok();
       }},
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

// The file's {"kind": ..., "items": [...]}, or InvalidArgument naming the file and what is wrong.
Result<nlohmann::json> parse_seed_file(const SeedFile& file) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(file.text);
  } catch (const nlohmann::json::parse_error& e) {
    return Error::InvalidArgument("seed file " + file.name + " is not valid JSON: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("kind") || !doc["kind"].is_string() ||
      !doc.contains("items") || !doc["items"].is_array()) {
    return Error::InvalidArgument("seed file " + file.name +
                                  " is not {\"kind\": ..., \"items\": [...]}");
  }
  return doc;
}

}  // namespace

Result<std::vector<SeedFile>> read_seed_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error::NotFound("no seed folder at " + dir +
                           " (the demo data set's *.json files; give it with --seed-dir DIR)");
  }
  std::vector<fs::path> paths;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code kind;  // a file that cannot be looked at is named when it is read
    if (it->path().extension() == ".json" && !it->is_directory(kind)) paths.push_back(it->path());
  }
  if (ec) {
    return Error::FailedPrecondition("cannot list the seed folder " + dir + ": " + ec.message());
  }
  if (paths.empty()) return Error::FailedPrecondition("no seed file (*.json) in " + dir);
  std::sort(paths.begin(), paths.end());
  std::vector<SeedFile> files;
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::FailedPrecondition("cannot read seed file " + path.string());
    std::ostringstream text;
    text << in.rdbuf();  // an empty file reads as "" and is then refused as no JSON
    if (in.bad()) return Error::FailedPrecondition("cannot read seed file " + path.string());
    files.push_back({path.string(), text.str()});
    TRY(parse_seed_file(files.back()));  // a malformed file is named before a database is opened
  }
  return files;
}

Result<DemoReport> load_demo_from(storage::Database& db, const Clock& clock,
                                  const DemoOptions& options, const std::string& dir) {
  TRY_ASSIGN(std::vector<SeedFile> files, read_seed_dir(dir));
  return load_demo(db, clock, options, files);
}

Result<DemoReport> load_demo(storage::Database& db, const Clock& clock, const DemoOptions& options,
                             const std::vector<SeedFile>& files) {
  DemoReport report;
  std::unique_ptr<PasswordHasher> own_hasher;
  if (options.hasher == nullptr) own_hasher = std::make_unique<PasswordHasher>();
  SeedContext ctx{clock, options.password.empty() ? random_password() : options.password, report,
                  options.hasher != nullptr ? *options.hasher : *own_hasher};
  // The seed fills the directory: searches answered before it are forgotten.
  auto status = write_directory(db, [&](storage::Connection& c) -> Status {
    auto marker = c.prepare("SELECT value FROM server_meta WHERE key = 'demo_loaded_at'");
    if (marker.step()) {
      report.lines.push_back("The demo data set was loaded before (" + marker.text(0) +
                             "); it is not loaded twice.");
      return Status::Ok();
    }
    // A database with accounts, partners or cases that never had the demo is a real
    // installation: the demo's accounts, with a password printed on the console, must never
    // join it.
    auto held = c.prepare(
        "SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM organizations)"
        " OR EXISTS (SELECT 1 FROM cases)");
    held.step();
    if (held.int64(0) != 0) {
      return Error::FailedPrecondition(
          "The database holds accounts, organizations or cases and never had the demo data set: "
          "--demo and 'tsunagu-server seed' load it only into a new, empty database.");
    }
    for (const SeedFile& file : files) {
      TRY_ASSIGN(nlohmann::json doc, parse_seed_file(file));
      const std::string kind = doc["kind"].get<std::string>();
      if (!options.kinds.empty() && !options.kinds.contains(kind)) continue;
      auto it = loaders().find(kind);
      if (it == loaders().end()) {
        return Error::InvalidArgument("seed file " + file.name + " has unknown kind " +
                                      doc["kind"].dump());
      }
      if (Status s = it->second(c, doc["items"], ctx); !s.ok()) {
        return Error::InvalidArgument("seed file " + file.name + ": " + s.error().to_string());
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
