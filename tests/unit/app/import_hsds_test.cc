// import-hsds driven through the command functions, as an operator runs it: the demo directory
// exported, imported into an empty database and exported again gives the same files; a malformed
// import changes nothing and names each bad record by line; a dry run writes nothing; a second
// import finds everything unchanged; each import is one audit entry; an import never makes a
// network-only organization or a withheld address public.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/config.h"
#include "domain/seed/demo.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::unique_ptr<storage::Database> open_db(const std::string& path) {
  storage::DatabaseOptions options;
  options.path = path;
  options.readers = 1;
  options.refresh_statistics = false;
  auto db = storage::Database::open(options);
  EXPECT_TRUE(db.ok()) << db.error().to_string();
  return db.ok() ? std::move(*db) : nullptr;
}

// Every row of every table (but the search index, derived from them), sorted: the whole content.
std::string dump(const std::string& path) {
  auto db = open_db(path);
  if (!db) return "";
  auto text = db->read([](storage::Connection& c) -> Result<std::string> {
    std::string out;
    std::vector<std::string> tables;
    auto t = c.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%fts%' ORDER BY name");
    while (t.step()) tables.push_back(t.text(0));
    for (const auto& table : tables) {
      auto cols = c.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
      cols.bind(1, table);
      std::string row = "''";
      while (cols.step()) row += " || '|' || quote(\"" + cols.text(0) + "\")";
      auto rows = c.prepare("SELECT " + row + " FROM \"" + table + "\" ORDER BY 1");
      out += "## " + table + "\n";
      while (rows.step()) out += rows.text(0) + "\n";
    }
    return out;
  });
  EXPECT_TRUE(text.ok());
  return text.ok() ? *text : "";
}

int64_t count(const std::string& path, const std::string& sql) {
  auto db = open_db(path);
  auto n = db->read([&](storage::Connection& c) -> Result<int64_t> {
    auto s = c.prepare(sql);
    s.step();
    return s.int64(0);
  });
  return n.ok() ? *n : -1;
}

// The 1-based line of the first line of `text` equal to `line`, searching back from the line
// holding `needle` (the line a record's object starts on, in a file written with dump(2)).
int line_before(const std::string& text, const std::string& needle, const std::string& line) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find(needle) == std::string::npos) continue;
    for (size_t k = i + 1; k-- > 0;) {
      if (lines[k] == line) return static_cast<int>(k) + 1;
    }
  }
  return -1;
}

class ImportHsdsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    demo_db_ = dir_.file("demo.db");
    auto db = open_db(demo_db_);
    ASSERT_TRUE(db);
    FakeClock clock(testing::test_epoch());
    domain::DemoOptions demo;
    demo.password = testing::kDemoPassword;
    demo.kinds = {"organizations"};
    ASSERT_OK(domain::load_demo_from(*db, clock, demo, testing::kSeedDir));
    db.reset();
    ASSERT_EQ(export_to(demo_db_, "export-1"), 0);
    organizations_ = json::parse(read_text(dir_.path() / "export-1" / "organizations.json"));
    ASSERT_GT(organizations_.size(), 10u);
  }

  int export_to(const std::string& db, const std::string& name) {
    Config config;
    config.db_path = db;
    config.out_file = dir_.file(name);
    std::ostringstream out, err;
    int code = export_hsds_command(config, out, err);
    EXPECT_EQ(code, 0) << err.str();
    return code;
  }

  int import(const std::string& db, const std::string& folder, bool dry_run = false) {
    Config config;
    config.command = "import-hsds";
    config.db_path = db;
    config.import_dir = dir_.file(folder);
    config.dry_run = dry_run;
    config.audit_key = testing::kTestAuditKey;
    out_.str("");
    err_.str("");
    return import_hsds_command(config, out_, err_);
  }

  // A folder holding only organizations.json with `items`, written as export-hsds writes it.
  void write_folder(const std::string& folder, const json& items) {
    fs::create_directories(dir_.path() / folder);
    write_text(dir_.path() / folder / "organizations.json", items.dump(2) + "\n");
  }

  testing::TempDir dir_;
  std::string demo_db_;
  json organizations_;
  std::ostringstream out_, err_;
};

TEST_F(ImportHsdsTest, RoundTripIntoAnEmptyDatabaseExportsIdenticalFiles) {
  const std::string empty = dir_.file("empty.db");
  ASSERT_EQ(import(empty, "export-1"), 0) << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("organizations: " + std::to_string(organizations_.size()) +
                            " created, 0 updated, 0 unchanged"),
            std::string::npos)
      << out_.str();
  const std::string progress = "checked " + std::to_string(organizations_.size()) + " of " +
                               std::to_string(organizations_.size()) + " organizations";
  EXPECT_NE(err_.str().find(progress), std::string::npos) << "progress on stderr: " << err_.str();
  ASSERT_EQ(export_to(empty, "export-2"), 0);

  std::vector<std::string> first, second;
  for (const auto& e : fs::directory_iterator(dir_.path() / "export-1")) {
    first.push_back(e.path().filename().string());
  }
  for (const auto& e : fs::directory_iterator(dir_.path() / "export-2")) {
    second.push_back(e.path().filename().string());
  }
  std::sort(first.begin(), first.end());
  std::sort(second.begin(), second.end());
  ASSERT_EQ(first, second);
  ASSERT_EQ(first.size(), 5u);
  for (const auto& name : first) {
    const std::string a = read_text(dir_.path() / "export-1" / name);
    const std::string b = read_text(dir_.path() / "export-2" / name);
    EXPECT_GT(a.size(), 100u) << name;
    EXPECT_TRUE(a == b) << name << " differs after export → import → export";
  }
}

TEST_F(ImportHsdsTest, SecondImportFindsEverythingUnchangedAndEachImportIsOneAuditEntry) {
  const std::string db = dir_.file("target.db");
  ASSERT_EQ(import(db, "export-1"), 0) << out_.str() << err_.str();
  const std::string audit = "SELECT count(*) FROM audit_log";
  const std::string imports = "SELECT count(*) FROM audit_log WHERE action = 'directory.import'";
  EXPECT_EQ(count(db, audit), 1) << "one entry for the whole import, none per record";
  EXPECT_EQ(count(db, imports), 1);
  const std::string services = "SELECT count(*) FROM services";
  const int64_t service_count = count(db, services);
  EXPECT_GT(service_count, static_cast<int64_t>(organizations_.size()));

  const std::string directory_before = dump(db);
  ASSERT_EQ(import(db, "export-1"), 0) << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("organizations: 0 created, 0 updated, " +
                            std::to_string(organizations_.size()) + " unchanged"),
            std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("services: 0 created, 0 updated, " + std::to_string(service_count) +
                            " unchanged"),
            std::string::npos)
      << out_.str();
  EXPECT_EQ(count(db, imports), 2) << "the second import is audited too, as one entry";
  EXPECT_EQ(count(db, audit), 2);
  // Nothing but that audit entry changed.
  auto without_audit = [](std::string d) {
    auto from = d.find("## audit_log\n");
    auto to = d.find("## ", from + 3);
    return d.erase(from, to - from);
  };
  EXPECT_EQ(without_audit(dump(db)), without_audit(directory_before));
}

TEST_F(ImportHsdsTest, DryRunReportsWhatWouldChangeAndWritesNothing) {
  json edited = organizations_;
  edited[0]["description"] = "説明を変えました";
  edited[1]["services"][0]["name"] = "新しい名前";
  write_folder("edited", edited);
  const std::string before = dump(demo_db_);
  ASSERT_EQ(import(demo_db_, "edited", /*dry_run=*/true), 0) << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("organizations (would be): 0 created, 1 updated"), std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("services (would be): 0 created, 1 updated"), std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("dry run: nothing was written"), std::string::npos);
  EXPECT_EQ(dump(demo_db_), before);

  // Into an empty database: everything would be created, and still nothing is written.
  const std::string empty = dir_.file("empty.db");
  open_db(empty).reset();
  const std::string empty_before = dump(empty);
  ASSERT_EQ(import(empty, "export-1", /*dry_run=*/true), 0) << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("organizations (would be): " + std::to_string(organizations_.size()) +
                            " created"),
            std::string::npos)
      << out_.str();
  EXPECT_EQ(dump(empty), empty_before);
  EXPECT_EQ(count(empty, "SELECT count(*) FROM organizations"), 0);

  // The real import then does what the dry run said.
  ASSERT_EQ(import(demo_db_, "edited"), 0) << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("organizations: 0 created, 1 updated"), std::string::npos);
  EXPECT_EQ(
      count(demo_db_, "SELECT count(*) FROM organizations WHERE description = '説明を変えました'"),
      1);
}

TEST_F(ImportHsdsTest, MalformedImportChangesNothingAndNamesEachBadRecordWithItsLine) {
  json broken = organizations_;
  broken[0]["description"] = "a valid change that must not be written either";
  broken[1].erase("name");
  broken[2]["services"][0]["attributes"][0]["taxonomy_term_id"] =
      "c0000000-0000-4000-8000-000000000099";
  broken[3]["services"][0]["service_areas"][0]["name"] = "宮の森区";
  broken[4]["services"][0]["schedules"] =
      json::array({{{"byday", "XX"}, {"opens_at", "09:00"}, {"closes_at", "17:00"}}});
  write_folder("broken", broken);
  const std::string text = read_text(dir_.path() / "broken" / "organizations.json");
  const std::string before = dump(demo_db_);

  ASSERT_EQ(import(demo_db_, "broken"), 1) << out_.str() << err_.str();
  EXPECT_EQ(dump(demo_db_), before) << "all or nothing: not even the valid change is written";
  EXPECT_NE(err_.str().find("nothing was written"), std::string::npos) << err_.str();

  auto org_line = [&](int k) {
    return line_before(text, "\"id\": \"" + broken[k]["id"].get<std::string>() + "\"", "  {");
  };
  auto service_line = [&](int k) {
    return line_before(
        text, "\"id\": \"" + broken[k]["services"][0]["id"].get<std::string>() + "\"", "      {");
  };
  const std::string report = out_.str();
  auto expect_line = [&](const std::string& line) {
    EXPECT_NE(report.find(line + "\n"), std::string::npos) << "missing: " << line << "\n" << report;
  };
  auto id = [&](int k) { return broken[k]["id"].get<std::string>(); };
  auto service_id = [&](int k) { return broken[k]["services"][0]["id"].get<std::string>(); };
  expect_line("organizations.json:" + std::to_string(org_line(1)) + ": " + id(1) +
              ": name: must not be empty");
  expect_line("organizations.json:" + std::to_string(service_line(2)) + ": " + service_id(2) +
              ": attributes[0].taxonomy_term_id: 'c0000000-0000-4000-8000-000000000099' is not a "
              "term of the Tsunagu categories taxonomy (c0000000-0000-4000-8000-000000000000)");
  EXPECT_NE(report.find("organizations.json:" + std::to_string(org_line(3)) + ": " + id(3) +
                        ": services[].service_areas: '宮の森区' must be a ward code"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("organizations.json:" + std::to_string(service_line(4)) + ": " +
                        service_id(4) + ": schedules[0].byday: must be SU, MO"),
            std::string::npos)
      << report;
  EXPECT_EQ(std::count(report.begin(), report.end(), '\n'), 4) << report;
  EXPECT_GT(org_line(1), 1);

  // Into an empty database: nothing either.
  const std::string empty = dir_.file("empty.db");
  ASSERT_EQ(import(empty, "broken"), 1);
  EXPECT_EQ(count(empty, "SELECT count(*) FROM organizations"), 0);
  EXPECT_EQ(count(empty, "SELECT count(*) FROM audit_log"), 0);
}

TEST_F(ImportHsdsTest, InvalidJsonIsReportedAtItsLineAndChangesNothing) {
  std::string text = read_text(dir_.path() / "export-1" / "organizations.json");
  // Break the 40th line with a character JSON has no use for outside a string.
  std::istringstream in(text);
  std::string out;
  int n = 0;
  size_t column = 0;  // where the '@' lands, in characters (the line may hold Japanese)
  for (std::string l; std::getline(in, l);) {
    if (++n == 40) {
      column = 2 + static_cast<size_t>(std::count_if(l.begin(), l.end(),
                                                     [](char c) { return (c & 0xC0) != 0x80; }));
      l += " @";
    }
    out += l + "\n";
  }
  fs::create_directories(dir_.path() / "bad-json");
  write_text(dir_.path() / "bad-json" / "organizations.json", out);
  const std::string before = dump(demo_db_);
  ASSERT_EQ(import(demo_db_, "bad-json"), 1) << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("organizations.json:40: invalid JSON at column " +
                            std::to_string(column) + "\n"),
            std::string::npos)
      << out_.str();
  // The parser's own wording (its library's name and error codes) is not the operator's.
  EXPECT_EQ(out_.str().find("json.exception"), std::string::npos) << out_.str();
  EXPECT_EQ(dump(demo_db_), before);
}

TEST_F(ImportHsdsTest, AFileCutShortSaysSoAtItsLastLine) {
  std::string text = read_text(dir_.path() / "export-1" / "organizations.json");
  text.resize(text.rfind('\n', text.size() / 2) + 1);  // whole lines: no character cut in two
  fs::create_directories(dir_.path() / "cut-short");
  write_text(dir_.path() / "cut-short" / "organizations.json", text);
  const std::string before = dump(demo_db_);
  ASSERT_EQ(import(demo_db_, "cut-short"), 1) << out_.str() << err_.str();
  const auto lines = std::count(text.begin(), text.end(), '\n') + 1;
  EXPECT_NE(out_.str().find("organizations.json:" + std::to_string(lines) +
                            ": invalid JSON: the file ends too early"),
            std::string::npos)
      << out_.str();
  EXPECT_EQ(dump(demo_db_), before);
}

TEST_F(ImportHsdsTest, NeverMakesANetworkOnlyOrganizationOrAWithheldAddressPublic) {
  size_t k = 0;
  while (k < organizations_.size() && organizations_[k]["locations"].empty()) ++k;
  ASSERT_LT(k, organizations_.size()) << "an organization with a public place";
  const std::string id = organizations_[k]["id"];
  {
    auto db = open_db(demo_db_);
    ASSERT_OK(db->write([&](storage::Connection& c) -> Status {
      c.prepare(
           "UPDATE organizations SET visibility = 'network', address_visibility = 'hidden' "
           "WHERE id = ?1")
          .bind(1, id)
          .run();
      return Status::Ok();
    }));
  }
  // A public organization whose address the export withheld keeps its address.
  auto db = open_db(demo_db_);
  auto withheld = db->read([](storage::Connection& c)
                               -> Result<std::pair<std::string, std::string>> {
    auto s = c.prepare(
        "SELECT id, address FROM organizations WHERE visibility = 'public' AND status = 'active' "
        "AND address_visibility <> 'public' AND address <> '' ORDER BY id LIMIT 1");
    if (!s.step()) return Error::NotFound("none");
    return std::pair{s.text(0), s.text(1)};
  });
  ASSERT_OK(withheld);
  db.reset();

  ASSERT_EQ(import(demo_db_, "export-1"), 0) << out_.str() << err_.str();
  EXPECT_EQ(count(demo_db_, "SELECT count(*) FROM organizations WHERE id = '" + id +
                                "' AND visibility = 'network' AND address_visibility = 'hidden'"),
            1);
  EXPECT_EQ(count(demo_db_, "SELECT count(*) FROM organizations WHERE id = '" + withheld->first +
                                "' AND address = '" + withheld->second + "'"),
            1);
}

TEST_F(ImportHsdsTest, MissingFilesCannotBeReadAndTheFolderIsPositional) {
  EXPECT_EQ(import(dir_.file("x.db"), "no-such-folder"), kExitCannotCheck);
  EXPECT_NE(err_.str().find("cannot read the HSDS file"), std::string::npos) << err_.str();
  EXPECT_FALSE(fs::exists(dir_.file("x.db")));

  auto inv = parse_invocation({"import-hsds", "--db", "t.db", "/tmp/dir", "--dry-run"},
                              [](const char*) { return std::nullopt; });
  ASSERT_OK(inv);
  EXPECT_EQ(inv->config.command, "import-hsds");
  EXPECT_EQ(inv->config.import_dir, "/tmp/dir");
  EXPECT_TRUE(inv->config.dry_run);
  EXPECT_FALSE(
      parse_invocation({"import-hsds", "a", "b"}, [](const char*) { return std::nullopt; }).ok())
      << "one folder only";
  EXPECT_FALSE(
      parse_invocation({"export-hsds", "a"}, [](const char*) { return std::nullopt; }).ok());
}

}  // namespace
}  // namespace tsunagu::app
