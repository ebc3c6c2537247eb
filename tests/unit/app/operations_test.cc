// Operations against a serving application: an online backup while coordinators write, its
// restore (and the refusal to restore over the running server's database), and the retention
// purge seen through the API: erased content, unchanged reports, one audit entry per case.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <thread>

#include "api/case_fixture.h"
#include "app/commands.h"
#include "domain/audit/audit.h"
#include "domain/cases/retention.h"
#include "storage/database.h"

namespace tsunagu::testing {
namespace {

class OperationsTest : public CaseApiTest {
 protected:
  app::Config command_config() {
    app::Config c;
    c.db_path = server_.db_path();
    c.audit_key = kTestAuditKey;
    return c;
  }
  TempDir dir_;
};

// A report without the household labels (which purge erases): its counts, ids and dates.
nlohmann::json without_labels(nlohmann::json j) {
  if (j.is_object()) {
    j.erase("household_label");
    for (auto& [key, value] : j.items()) value = without_labels(value);
  } else if (j.is_array()) {
    for (auto& value : j) value = without_labels(value);
  }
  return j;
}

int64_t count_cases(storage::Database& db, const std::vector<std::string>& ids) {
  auto n = db.read([&](storage::Connection& c) -> Result<int64_t> {
    int64_t found = 0;
    for (const auto& id : ids) {
      found += c.prepare("SELECT 1 FROM cases WHERE id = ?1").bind(1, id).step() ? 1 : 0;
    }
    return found;
  });
  return n.ok() ? *n : -1;
}

TEST_F(OperationsTest, BackupUnderWritesRestoresEveryAcknowledgedWriteAndVerifies) {
  std::vector<std::string> before;
  for (int i = 0; i < 10; ++i) before.push_back(create_case());
  std::atomic<bool> backing_up{false}, stop{false};
  std::mutex mutex;
  std::atomic<int> errors{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&, w] {
      auto client = server_.client();
      auto headers = as("coord.chuo");
      for (int i = 0; !stop; ++i) {
        const bool started_before = !backing_up;
        auto res = post_json(client, "/api/v1/cases",
                             {{"ward", "chuo"},
                              {"case_ref", "B-" + std::to_string(w) + "-" + std::to_string(i)},
                              {"household_label", "B.K."},
                              {"risk_level", "low"}},
                             headers);
        if (!res || res->status != 201) {
          ++errors;
          continue;
        }
        // Acknowledged before the backup began: the answer came back before the flag was set.
        if (started_before && !backing_up) {
          std::lock_guard lock(mutex);
          before.push_back(body_json(res)["id"]);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  app::Config backup = command_config();
  backup.out_file = dir_.file("backup.db");
  std::ostringstream out, err;
  std::vector<std::string> acknowledged;
  {
    std::lock_guard lock(mutex);
    backing_up = true;
    acknowledged = before;
  }
  const int code = app::backup_command(backup, out, err);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_EQ(code, 0) << out.str() << err.str();
  EXPECT_EQ(errors, 0);
  EXPECT_NE(out.str().find("integrity ok"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("audit log intact"), std::string::npos) << out.str();

  // The running server's database cannot be restored over.
  app::Config over_live = command_config();
  over_live.from_file = backup.out_file;
  std::ostringstream out2, err2;
  EXPECT_EQ(app::restore_command(over_live, out2, err2), 1);
  EXPECT_NE(err2.str().find("running"), std::string::npos) << err2.str();

  // Restored elsewhere (over an older file, which is kept aside) it holds every write.
  app::Config restore = command_config();
  restore.db_path = dir_.file("restored.db");
  restore.from_file = backup.out_file;
  std::ofstream(restore.db_path) << "an older database";
  std::ostringstream out3, err3;
  ASSERT_EQ(app::restore_command(restore, out3, err3), 0) << out3.str() << err3.str();
  EXPECT_NE(out3.str().find("before-restore-"), std::string::npos) << out3.str();
  auto db = storage::Database::open({restore.db_path});
  ASSERT_OK(db);
  EXPECT_EQ(count_cases(**db, acknowledged), static_cast<int64_t>(acknowledged.size()));
  EXPECT_GT(acknowledged.size(), 10u);
  auto chain = domain::audit::verify(**db);
  ASSERT_OK(chain);
  EXPECT_TRUE(chain->ok) << chain->reason;
  size_t kept_aside = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_.path())) {
    kept_aside += e.path().filename().string().find("restored.db.before-restore-") == 0;
  }
  EXPECT_EQ(kept_aside, 1u);
}

TEST_F(OperationsTest, RestoreRefusesADamagedBackupAndChangesNothing) {
  create_case();
  app::Config backup = command_config();
  backup.out_file = dir_.file("backup.db");
  std::ostringstream out, err;
  ASSERT_EQ(app::backup_command(backup, out, err), 0) << err.str();
  {
    storage::Connection raw({backup.out_file});
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'x' WHERE seq = 2");
  }
  app::Config restore = command_config();
  restore.db_path = dir_.file("target.db");
  restore.from_file = backup.out_file;
  std::ofstream(restore.db_path) << "keep me";
  std::ostringstream out2, err2;
  EXPECT_EQ(app::restore_command(restore, out2, err2), 1);
  EXPECT_NE(err2.str().find("audit log broken"), std::string::npos) << err2.str();
  std::ifstream in(restore.db_path);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "keep me");
  EXPECT_FALSE(std::filesystem::exists(restore.db_path + ".restoring"));
}

TEST_F(OperationsTest, PurgeErasesOldClosedCasesContentAndKeepsTheCounts) {
  const std::string old_case = create_case("P-OLD");
  const auto referral = create_referral(old_case);
  const std::string open_case = create_case("P-OPEN");
  const std::string recent_case = create_case("P-RECENT");
  ASSERT_EQ(
      post("coord.chuo", "/api/v1/cases/" + old_case + "/close", {{"reason", "転出"}})->status,
      200);
  advance(std::chrono::hours(24 * 400));
  ASSERT_EQ(
      post("coord.chuo", "/api/v1/cases/" + recent_case + "/close", {{"reason", "終結"}})->status,
      200);
  auto overview_before = body_json(get("coord.chuo", "/api/v1/overview"));
  auto referrals_before =
      without_labels(body_json(get("coord.chuo", "/api/v1/reports/referrals?ward=chuo")));
  ASSERT_TRUE(referrals_before.is_object());

  storage::Database& db = server_.app().database();
  auto plan = domain::retention::plan(db, server_.clock(), 365);
  ASSERT_OK(plan);
  ASSERT_EQ(plan->cases.size(), 1u);
  EXPECT_EQ(plan->cases[0].case_id, old_case);
  int64_t total = 0;
  for (const auto& c : plan->columns) total += c.values;
  EXPECT_GT(total, 5);
  // The dry run changed nothing.
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + old_case))["household_label"], "A.K.");

  auto erased = domain::retention::erase(db, server_.clock(), 365);
  ASSERT_OK(erased);
  EXPECT_EQ(*erased, 1);
  auto after = body_json(get("coord.chuo", "/api/v1/cases/" + old_case));
  EXPECT_EQ(after["household_label"], domain::retention::kErasedLabel);
  EXPECT_EQ(after["case_ref"], "P-OLD");
  EXPECT_EQ(after["status"], "closed");
  auto ref = body_json(get("coord.chuo", "/api/v1/referrals/" + referral["id"].get<std::string>()));
  EXPECT_EQ(ref["summary"], "");
  EXPECT_EQ(ref["status"], "sent");
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + open_case))["household_label"], "A.K.");
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + recent_case))["household_label"],
            "A.K.");
  // The reports count as before; only the erased case's label reads differently.
  auto overview_after = body_json(get("coord.chuo", "/api/v1/overview"));
  EXPECT_EQ(without_labels(overview_after), without_labels(overview_before));
  EXPECT_NE(overview_after.dump().find(domain::retention::kErasedLabel), std::string::npos);
  EXPECT_EQ(without_labels(body_json(get("coord.chuo", "/api/v1/reports/referrals?ward=chuo"))),
            referrals_before);

  // Nothing is left to erase; the audit log gained one entry and still verifies.
  auto again = domain::retention::plan(db, server_.clock(), 365);
  ASSERT_OK(again);
  EXPECT_TRUE(again->cases.empty());
  auto entries = db.read([&](storage::Connection& c) -> Result<int64_t> {
    auto s =
        c.prepare("SELECT count(*) FROM audit_log WHERE action = 'case.erase' AND case_id = ?1");
    s.bind(1, old_case);
    s.step();
    return s.int64(0);
  });
  ASSERT_OK(entries);
  EXPECT_EQ(*entries, 1);
  auto chain = domain::audit::verify(db);
  ASSERT_OK(chain);
  EXPECT_TRUE(chain->ok);
  auto left = db.read([&](storage::Connection& c) -> Result<std::string> {
    auto s =
        c.prepare("SELECT support_plan || coalesce(close_reason, '') FROM cases WHERE id = ?1");
    s.bind(1, old_case);
    s.step();
    return s.text(0);
  });
  ASSERT_OK(left);
  EXPECT_EQ(*left, "{}");
}

TEST_F(OperationsTest, PurgeCommandReportsFirstAndErasesOnlyWithApply) {
  const std::string old_case = create_case("P-CMD");
  ASSERT_EQ(
      post("coord.chuo", "/api/v1/cases/" + old_case + "/close", {{"reason", "転出"}})->status,
      200);
  // The server's clock stands at 2026-04-01; the command's is the real one, later.
  app::Config purge = command_config();
  purge.retention_days = 30;
  std::ostringstream out, err;
  ASSERT_EQ(app::purge_command(purge, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("1 closed cases"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("cases.household_label: 1 values"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("dry run"), std::string::npos) << out.str();
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + old_case))["household_label"], "A.K.");
  purge.apply = true;
  std::ostringstream out2, err2;
  ASSERT_EQ(app::purge_command(purge, out2, err2), 0) << err2.str();
  EXPECT_NE(out2.str().find("erased the content of 1 cases"), std::string::npos) << out2.str();
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + old_case))["household_label"],
            domain::retention::kErasedLabel);
  app::Config no_period = command_config();
  std::ostringstream out3, err3;
  EXPECT_EQ(app::purge_command(no_period, out3, err3), 2);
}

TEST_F(OperationsTest, ScheduledBackupsKeepTheNewestOnes) {
  create_case();
  const std::string dir = dir_.file("backups");
  std::vector<std::string> made;
  for (int i = 0; i < 3; ++i) {
    std::ostringstream report;
    auto one = app::scheduled_backup(server_.db_path(), dir, 2, report);
    ASSERT_OK(one);
    made.push_back(*one);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_FALSE(std::filesystem::exists(made[0]));
  EXPECT_TRUE(std::filesystem::exists(made[1]));
  EXPECT_TRUE(std::filesystem::exists(made[2]));
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 2u);
}

TEST(CreateAdminCommandTest, MakesTheFirstAdminOnceAndTheChainVerifies) {
  TempDir dir;
  app::Config config;
  config.db_path = dir.file("new.db");
  config.audit_key = kTestAuditKey;
  config.username = "chief";
  std::istringstream in("a-long-enough-password-2026\n");
  std::ostringstream out, err;
  ASSERT_EQ(app::create_admin_command(config, in, out, err), 0) << err.str();
  std::istringstream again("another-password-2026\n");
  config.username = "second";
  std::ostringstream out2, err2;
  EXPECT_EQ(app::create_admin_command(config, again, out2, err2), 1);
  EXPECT_NE(err2.str().find("exists already"), std::string::npos) << err2.str();
  auto db = storage::Database::open({config.db_path});
  ASSERT_OK(db);
  auto admins = (*db)->read([](storage::Connection& c) -> Result<std::string> {
    auto s = c.prepare("SELECT group_concat(username) FROM users WHERE role = 'admin'");
    s.step();
    return s.text(0);
  });
  ASSERT_OK(admins);
  EXPECT_EQ(*admins, "chief");
  auto chain = domain::audit::verify(**db);
  ASSERT_OK(chain);
  EXPECT_TRUE(chain->ok);
  EXPECT_GE(chain->entries, 1);
}

}  // namespace
}  // namespace tsunagu::testing
