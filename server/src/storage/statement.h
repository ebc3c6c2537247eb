// Prepared SQLite statements with bound parameters: the only way Tsunagu talks SQL. A Statement
// borrows a compiled statement from its Connection's cache and resets it when it goes out of
// scope, so the same SQL text is compiled once per connection (as Chromium's sql::Statement).
// Errors from SQLite are bugs or environment failures and throw StorageError; the one expected
// failure, a uniqueness conflict, is reported by run_unique() as AlreadyExists.
//
// Thread-safety: a Statement belongs to one Connection and is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tsunagu::storage {

class StorageError : public std::runtime_error {
 public:
  StorageError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }  // the SQLite extended result code

 private:
  int code_;
};

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Parameters are 1-based, as in SQLite. Each returns *this for chaining.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances to the next row: true when a row is available, false when done.
  bool step();
  // Runs a statement that returns no rows to completion.
  void run();
  // Like run(), but a UNIQUE or PRIMARY KEY violation is AlreadyExists instead of a throw.
  Status run_unique(std::string_view conflict_message);

  // Column readers for the current row (0-based, as in SQLite).
  bool is_null(int column) const;
  int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  // The text without a copy: valid until the next step(), reset or column read of another type.
  std::string_view text_view(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<int64_t> optional_int64(int column) const;

 private:
  [[noreturn]] void fail(int rc) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace tsunagu::storage
