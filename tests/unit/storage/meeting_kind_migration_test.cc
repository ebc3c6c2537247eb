// The casework migration widens the meetings table's CHECK on `kind` in place (it edits the
// table's definition instead of copying a table other tables refer to). This runs it over a
// database that already holds meetings, as an upgrade does.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "storage/database.h"
#include "storage/migrator.h"
#include "support/test_support.h"

namespace tsunagu::storage {
namespace {

void insert_meeting(Connection& c, const std::string& id, const std::string& kind) {
  c.prepare(
       "INSERT INTO meetings (id, kind, title, ward, starts_at, ends_at, created_by, created_at,"
       " updated_at) VALUES (?1, ?2, 't', 'chuo', '2026-04-01T00:00:00.000Z',"
       " '2026-04-01T01:00:00.000Z', 'u', '2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z')")
      .bind(1, id)
      .bind(2, kind)
      .run();
}

TEST(MeetingKindMigrationTest, AnUpgradeKeepsTheMeetingsAndAcceptsTheNewKind) {
  testing::TempDir dir;
  const auto& all = embedded_migrations();
  auto casework = std::find_if(all.begin(), all.end(), [](const EmbeddedFile& f) {
    return std::string_view(f.name).ends_with("_casework.sql");
  });
  ASSERT_NE(casework, all.end());
  std::vector<EmbeddedFile> before(all.begin(), casework);

  Connection c({dir.file("up.db")});
  ASSERT_OK(migrate(c, before));
  c.exec("PRAGMA foreign_keys = OFF");  // the meeting's creator and ward are not the point here
  insert_meeting(c, "m1", "practitioners");
  c.prepare("INSERT INTO meeting_agenda_items (meeting_id, position, title) VALUES ('m1', 0, 'a')")
      .run();
  EXPECT_THROW(insert_meeting(c, "m2", "child_guidance_conference"), StorageError);
  c.exec("PRAGMA foreign_keys = ON");

  auto v = migrate(c, all);
  ASSERT_OK(v);
  EXPECT_EQ(*v, static_cast<int>(all.size()));
  c.exec("PRAGMA foreign_keys = OFF");
  insert_meeting(c, "m2", "child_guidance_conference");
  EXPECT_THROW(insert_meeting(c, "m3", "party"), StorageError);  // still a closed set
  c.exec("PRAGMA foreign_keys = ON");
  auto check = c.prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.text(0), "ok");
  auto kept = c.prepare("SELECT kind FROM meetings WHERE id = 'm1'");
  ASSERT_TRUE(kept.step());
  EXPECT_EQ(kept.text(0), "practitioners");

  // A connection opened afterwards reads the new definition too.
  Connection other({dir.file("up.db")});
  other.exec("PRAGMA foreign_keys = OFF");
  insert_meeting(other, "m4", "child_guidance_conference");
  EXPECT_THROW(insert_meeting(other, "m5", "party"), StorageError);
}

}  // namespace
}  // namespace tsunagu::storage
