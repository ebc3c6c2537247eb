// The real application in-process (tests/support): start-up, migrations, demo loading and the
// public system routes.
#include <gtest/gtest.h>

#include "domain/accounts/passwords.h"
#include "domain/seed/demo.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu {
namespace {

using testing::body_json;
using testing::TestServer;

TEST(SystemApiTest, FreshServerIsHealthyOnAFreePort) {
  TestServer server;
  EXPECT_GT(server.port(), 0);
  auto c = server.client();
  auto res = c.Get("/healthz");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(body_json(res)["schema_version"], server.app().database().schema_version());
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
}

// The group-commit counters: every write is counted once, in one group or another. (The
// server's timers may write too, so the counts are bounds.)
TEST(SystemApiTest, MetricsCountTheWriterGroupsAndWrites) {
  TestServer server;
  auto metric = [&](const std::string& name) -> int64_t {
    auto res = server.client().Get("/metrics");
    EXPECT_EQ(res->status, 200);
    auto at = res->body.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stoll(res->body.substr(at + name.size() + 2));
  };
  const int64_t writes = metric("tsunagu_db_writes_total");
  const int64_t groups = metric("tsunagu_db_write_groups_total");
  ASSERT_GE(writes, 0);
  ASSERT_GE(groups, 0);
  EXPECT_LE(groups, writes);
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(server.app().database().write(
        [](storage::Connection& c) -> Status { return c.exec("SELECT 1"), Status::Ok(); }));
  }
  const int64_t writes_after = metric("tsunagu_db_writes_total");
  const int64_t groups_after = metric("tsunagu_db_write_groups_total");
  EXPECT_GE(writes_after, writes + 3);
  EXPECT_GE(groups_after, groups + 1);
  EXPECT_LE(groups_after - groups, writes_after - writes);
  EXPECT_GE(metric("tsunagu_db_writes_pending"), 0);  // present
}

TEST(SystemApiTest, HeadOfHealthzHasNoBody) {
  TestServer server;
  auto c = server.client();
  auto res = c.Head("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->body.empty());
}

TEST(SystemApiTest, ParametersOnPublicRoutesDoNotBreakThem) {
  TestServer server;
  auto c = server.client();
  // An unknown parameter, even one whose bytes are not UTF-8, is a 400 naming it, not a crash.
  EXPECT_EQ(c.Get("/api/v1/wards?page=1&per_page=5&x=%FF")->status, 400);
  // Every list pages, the ten wards too.
  auto second = body_json(c.Get("/api/v1/wards?page=2&per_page=4"));
  EXPECT_EQ(second["total"], 10);
  EXPECT_EQ(second["page"], 2);
  ASSERT_EQ(second["items"].size(), 4u);
  EXPECT_EQ(second["items"][0]["code"], "atsubetsu");  // the city's order: 5th ward
  EXPECT_EQ(body_json(c.Get("/api/v1/wards?page=3&per_page=4"))["items"].size(), 2u);
  EXPECT_EQ(body_json(c.Get("/api/v1/wards?page=9"))["items"].size(), 0u);
  // A control character in a parameter is a client error everywhere (it never reaches a log).
  EXPECT_EQ(c.Get("/healthz?%00=1")->status, 400);
  EXPECT_EQ(c.Get("/healthz")->status, 200);
}

TEST(SystemApiTest, ManyConcurrentClients) {
  TestServer server;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto c = server.client();
      for (int i = 0; i < 50; ++i) {
        auto res = c.Get("/api/v1/wards");
        if (res && res->status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 400);
}

TEST(DemoTest, LoadsOnceAndRecordsIt) {
  testing::TempDir dir;
  auto db = storage::Database::open({dir.file("d.db")});
  ASSERT_OK(db);
  FakeClock clock(testing::test_epoch());
  auto first = domain::load_demo_from(**db, clock, {"demo-password-1234"}, testing::kSeedDir);
  ASSERT_OK(first);
  EXPECT_TRUE(first->loaded);
  auto second = domain::load_demo_from(**db, clock, {"demo-password-1234"}, testing::kSeedDir);
  ASSERT_OK(second);
  EXPECT_FALSE(second->loaded);
  ASSERT_FALSE(second->lines.empty());
  EXPECT_NE(second->lines[0].find("not loaded twice"), std::string::npos);
}

// A real installation (accounts, partners or cases, and no demo marker) never gets the demo's
// accounts: --demo on it fails and leaves it as it was.
TEST(DemoTest, RefusesADatabaseThatHoldsData) {
  testing::TempDir dir;
  auto db = storage::Database::open({dir.file("d.db")});
  ASSERT_OK(db);
  FakeClock clock(testing::test_epoch());
  domain::PasswordHasher hasher(domain::PasswordParams::cheap_for_tests());
  domain::DemoOptions organizations_only{"demo-password-1234", &hasher, {"organizations"}};
  ASSERT_OK(domain::load_demo_from(**db, clock, organizations_only, testing::kSeedDir));
  // The directory stays; the marker goes, as in a database that was never a demo's.
  ASSERT_OK((*db)->write([](storage::Connection& c) -> Status {
    c.exec("DELETE FROM server_meta WHERE key = 'demo_loaded_at'");
    return Status::Ok();
  }));
  auto refused =
      domain::load_demo_from(**db, clock, {"demo-password-1234", &hasher}, testing::kSeedDir);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind(), ErrorKind::kFailedPrecondition);
  EXPECT_NE(refused.error().message().find("new, empty database"), std::string::npos);
  auto users = (*db)->read([](storage::Connection& c) -> Result<int64_t> {
    auto s = c.prepare("SELECT count(*) FROM users");
    s.step();
    return s.int64(0);
  });
  ASSERT_OK(users);
  EXPECT_EQ(*users, 0);
}

TEST(DemoTest, TellsWhoCanSignInAndWhere) {
  testing::TempDir dir;
  auto db = storage::Database::open({dir.file("d.db")});
  ASSERT_OK(db);
  FakeClock clock(testing::test_epoch());
  domain::PasswordHasher hasher(domain::PasswordParams::cheap_for_tests());
  auto report =
      domain::load_demo_from(**db, clock, {"sapporo demo 2026", &hasher}, testing::kSeedDir);
  ASSERT_OK(report);
  std::string all;
  for (const auto& line : report->lines) all += line + "\n";
  EXPECT_NE(all.find("sapporo demo 2026"), std::string::npos) << all;
  EXPECT_NE(all.find("coord.chuo (coordinator, 中央区)"), std::string::npos) << all;
  EXPECT_NE(all.find("partner.itokonchi (partner, いとこんち)"), std::string::npos) << all;
}

TEST(DemoTest, ABrokenSeedFileChangesNothing) {
  testing::TempDir dir;
  auto db = storage::Database::open({dir.file("d.db")});
  ASSERT_OK(db);
  FakeClock clock(testing::test_epoch());
  std::vector<domain::SeedFile> broken = {{"10_x.json", R"({"kind":"no-such-kind","items":[]})"}};
  auto r = domain::load_demo(**db, clock, {}, broken);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("10_x.json"), std::string::npos);
  // Not marked as loaded, so a fixed seed can still be loaded.
  auto fixed = domain::load_demo(**db, clock, {}, {});
  ASSERT_OK(fixed);
  EXPECT_TRUE(fixed->loaded);
}

}  // namespace
}  // namespace tsunagu
