// A small leveled logger: one line per event on stderr (or a file, reopened for logrotate),
// prefixed with the UTC time and level. Lines never carry case content (要配慮個人情報): log ids
// and kinds, not text users typed. Info and debug lines are batched (written within 100 ms);
// warnings and errors at once.
//
// Thread-safety: every function may be called from any thread; lines are never interleaved.
#pragma once

#include <sstream>
#include <string>
#include <string_view>

#include "common/result.h"

namespace tsunagu::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

Result<Level> parse_level(std::string_view name);  // "debug", "info", "warn", "error", "off"
void set_level(Level level);
Level level();
bool enabled(Level level);
void write(Level level, std::string_view message);
// Writes every pending line now (at shutdown, before exiting).
void flush();
// Appends to the file at `path` (created 0640) instead of stderr; "" goes back to stderr.
Status log_to_file(const std::string& path);
// Opens the log file's path again (after logrotate moved it: on SIGHUP); nothing for stderr.
// On failure the old file stays in use.
Status reopen();

// Collects one line and writes it when destroyed: LOG(kInfo) << "opened " << path;
class Line {
 public:
  explicit Line(Level level) : level_(level) {}
  ~Line() { write(level_, stream_.str()); }
  Line(const Line&) = delete;
  Line& operator=(const Line&) = delete;
  template <typename T>
  Line& operator<<(const T& v) {
    stream_ << v;
    return *this;
  }

 private:
  Level level_;
  std::ostringstream stream_;
};

// Turns the streamed Line into void so LOG can sit in a conditional expression (as glog does),
// which keeps `if (x) LOG(kInfo) << …;` free of dangling-else surprises.
struct Voidify {
  void operator&(const Line&) {}
};

}  // namespace tsunagu::log

#define LOG(severity)                                       \
  !::tsunagu::log::enabled(::tsunagu::log::Level::severity) \
      ? (void)0                                             \
      : ::tsunagu::log::Voidify() & ::tsunagu::log::Line(::tsunagu::log::Level::severity)
