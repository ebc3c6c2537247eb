// Every upgrade path: a database made by each earlier schema version (the migrations in schema/,
// applied up to that version), with a row in every table, is upgraded to the current version and
// keeps every row with every value it had. The versions come from the embedded migrations, so a
// new migration is covered without touching this test.
//
// Rows are made from each table's declaration: a value of the column's type, the first value of
// a `column IN (…)` check, the column's default where it has one, later times in later columns;
// foreign keys are off while filling (the rows stand alone). A table whose checks defeat that
// fails the test by name, unless it took one row (a one-row table).
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "storage/connection.h"
#include "storage/migrator.h"
#include "support/test_support.h"

namespace tsunagu::storage {
namespace {

struct Column {
  std::string name;
  std::string type;
  bool not_null = false;
  bool has_default = false;
  bool primary_key = false;
};

// The ordinary tables (not virtual ones, their shadow tables or SQLite's own), by name.
std::vector<std::string> tables(Connection& c) {
  std::vector<std::string> virtual_tables, out;
  auto v = c.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE "
      "VIRTUAL%'");
  while (v.step()) virtual_tables.push_back(v.text(0));
  auto t = c.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
      "'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name");
  while (t.step()) {
    std::string name = t.text(0);
    bool shadow = false;
    for (const auto& vt : virtual_tables) shadow = shadow || name.rfind(vt + "_", 0) == 0;
    if (!shadow) out.push_back(name);
  }
  return out;
}

std::vector<Column> columns(Connection& c, const std::string& table) {
  std::vector<Column> out;
  auto info = c.prepare(
      "SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk FROM "
      "pragma_table_info(?1)");
  info.bind(1, table);
  while (info.step()) {
    out.push_back(
        {info.text(0), info.text(1), info.int64(2) != 0, info.int64(3) != 0, info.int64(4) != 0});
  }
  return out;
}

std::string table_sql(Connection& c, const std::string& table) {
  auto s = c.prepare("SELECT sql FROM sqlite_master WHERE name = ?1");
  s.bind(1, table);
  return s.step() ? s.text(0) : "";
}

// A value (as an SQL literal) that the column's declaration accepts.
std::string sample_value(const std::string& table_sql, const Column& col, int position, int n) {
  std::smatch m;
  const std::regex in_list("\\b" + col.name + "\\s+IN\\s*\\(\\s*('[^']*')");
  if (std::regex_search(table_sql, m, in_list)) return m[1];
  if (col.type == "INTEGER") return std::to_string(100 + n);
  if (col.type == "REAL") return "1.5";
  if (col.type == "BLOB") return "x'00ff'";
  const std::string& name = col.name;
  auto ends = [&](const char* suffix) {
    std::string s(suffix);
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  // Later columns hold later times (ends_at after starts_at).
  if (ends("_at")) {
    return "'2026-04-0" + std::to_string(1 + n % 9) + "T" + (position < 10 ? "0" : "") +
           std::to_string(position % 24) + ":00:00.000Z'";
  }
  if (ends("_on") || ends("_by") || ends("date")) return "'2026-05-01'";
  return "'upgrade-" + name + "-" + std::to_string(n) + "'";
}

// Inserts one row into `table`: every column first, then only the required ones, then the
// required ones with one optional column each (table checks such as "exactly one of a, b").
bool fill(Connection& c, const std::string& table, int n) {
  const std::string sql = table_sql(c, table);
  const std::vector<Column> cols = columns(c, table);
  auto attempt = [&](auto include) {
    std::string names, values;
    for (size_t i = 0; i < cols.size(); ++i) {
      const Column& col = cols[i];
      if (!include(col)) continue;
      if (!names.empty()) names += ", ", values += ", ";
      names += "\"" + col.name + "\"";
      values += sample_value(sql, col, static_cast<int>(i), n);
    }
    try {
      c.exec("INSERT INTO \"" + table + "\" (" + names + ") VALUES (" + values + ")");
      return true;
    } catch (const StorageError&) {
      return false;
    }
  };
  auto required = [](const Column& col) {
    return (col.not_null && !col.has_default) || (col.primary_key && col.type != "INTEGER");
  };
  // JSON columns keep their defaults ('[]', '{}'): later migrations may read them as JSON.
  auto all = [&](const Column& col) { return required(col) || !col.has_default; };
  if (attempt(all) || attempt(required)) return true;
  for (const Column& optional : cols) {
    if (required(optional) || optional.has_default) continue;
    if (attempt([&](const Column& col) { return required(col) || &col == &optional; })) {
      return true;
    }
  }
  return false;
}

// Every row of `table` as text, over the given columns: quote() keeps types apart.
std::multiset<std::string> rows(Connection& c, const std::string& table,
                                const std::vector<Column>& cols) {
  std::string expr;
  for (const Column& col : cols) {
    if (!expr.empty()) expr += " || '|' || ";
    expr += "quote(\"" + col.name + "\")";
  }
  std::multiset<std::string> out;
  auto s = c.prepare("SELECT " + expr + " FROM \"" + table + "\"");
  while (s.step()) out.insert(s.text(0));
  return out;
}

std::vector<EmbeddedFile> first(size_t n) {
  const auto& all = embedded_migrations();
  return {all.begin(), all.begin() + static_cast<ptrdiff_t>(n)};
}

TEST(MigrationUpgradeTest, EveryEarlierVersionWithDataUpgradesToTheCurrentOneLosingNothing) {
  const size_t newest = embedded_migrations().size();
  ASSERT_GE(newest, 2u);
  for (size_t version = 1; version < newest; ++version) {
    SCOPED_TRACE("database made at schema version " + std::to_string(version));
    testing::TempDir dir;
    const std::string path = dir.file("old.db");
    std::map<std::string, std::pair<std::vector<Column>, std::multiset<std::string>>> before;
    {
      Connection old({path});
      auto made = migrate(old, first(version));
      ASSERT_OK(made);
      ASSERT_EQ(*made, static_cast<int>(version));
      old.exec("PRAGMA foreign_keys = OFF");
      int n = 0;
      for (const std::string& table : tables(old)) {
        const bool filled = fill(old, table, n + 1) && fill(old, table, n + 2);
        n += 2;
        // A table that takes one row only (by its check) has that one.
        EXPECT_TRUE(filled || old.prepare("SELECT 1 FROM \"" + table + "\"").step())
            << "cannot make rows for table " << table << " at version " << version;
        auto cols = columns(old, table);
        before[table] = {cols, rows(old, table, cols)};
      }
    }
    Connection upgraded({path});
    auto current = migrate(upgraded, embedded_migrations());
    ASSERT_OK(current);
    EXPECT_EQ(*current, static_cast<int>(newest));
    EXPECT_EQ(upgraded.pragma_int("user_version"), static_cast<int64_t>(newest));
    for (const auto& [table, old] : before) {
      const auto& [cols, old_rows] = old;
      ASSERT_TRUE(
          upgraded.prepare("SELECT 1 FROM sqlite_master WHERE name = ?1").bind(1, table).step())
          << "table " << table << " is gone";
      auto now = rows(upgraded, table, cols);
      for (const std::string& row : old_rows) {
        EXPECT_TRUE(now.count(row) >= old_rows.count(row))
            << "table " << table << " lost or changed the row " << row;
      }
    }
  }
}

}  // namespace
}  // namespace tsunagu::storage
