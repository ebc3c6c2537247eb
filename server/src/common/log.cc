#include "common/log.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

#include "common/time.h"

namespace tsunagu::log {
namespace {
std::atomic<Level> g_level{Level::kInfo};

const char* name(Level l) {
  switch (l) {
    case Level::kDebug:
      return "DEBUG";
    case Level::kInfo:
      return "INFO";
    case Level::kWarn:
      return "WARN";
    case Level::kError:
      return "ERROR";
    case Level::kOff:
      return "OFF";
  }
  return "?";
}

// Lines are gathered in memory and written to stderr by a background thread every 100 ms (or
// when 64 KiB are waiting), so a busy server does not pay a write(2) and a lock hand-off per
// access-log line. Warnings and errors are written at once; flush() and process exit write
// whatever is pending.
class Sink {
 public:
  ~Sink() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    flush();
    if (fd_ >= 0) ::close(fd_);
  }

  void add(std::string line, bool urgent) {
    bool wake = false;
    {
      std::lock_guard lock(mutex_);
      pending_ += line;
      wake = urgent || pending_.size() >= kHighWater;
      if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
    }
    if (wake) flush();
  }

  // Writes to `path` (appending, created 0640) from now on; "" goes back to stderr. The old file
  // is closed only after the new one opened, so a failed reopen keeps logging where it was.
  Status use_file(const std::string& path) {
    int fd = -1;
    if (!path.empty()) {
      fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
      if (fd < 0) {
        return Error::FailedPrecondition("cannot open the log file " + path + ": " +
                                         std::strerror(errno));
      }
    }
    flush();  // what is pending belongs to the old file
    std::lock_guard write_lock(write_mutex_);
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
    path_ = path;
    return Status::Ok();
  }

  std::string path() {
    std::lock_guard write_lock(write_mutex_);
    return path_;
  }

  void flush() {
    std::string out;
    std::lock_guard write_lock(write_mutex_);  // keeps batches in order
    {
      std::lock_guard lock(mutex_);
      out.swap(pending_);
    }
    size_t done = 0;
    const int fd = fd_ >= 0 ? fd_ : STDERR_FILENO;
    while (done < out.size()) {
      ssize_t n = ::write(fd, out.data() + done, out.size() - done);
      if (n <= 0) break;  // nowhere to write: drop rather than block the server
      done += static_cast<size_t>(n);
    }
  }

 private:
  static constexpr size_t kHighWater = 64 * 1024;
  void loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      cv_.wait_for(lock, std::chrono::milliseconds(100));
      lock.unlock();
      flush();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::mutex write_mutex_;
  std::condition_variable cv_;
  std::string pending_;
  int fd_ = -1;       // the log file (guarded by write_mutex_); -1: stderr
  std::string path_;  // its name, for reopen()
  bool stopping_ = false;
  std::thread thread_;
};

// format_utc(now), with the part up to the second cached per thread: a busy server writes many
// lines a second, and snprintf for each was a measurable share of a request.
std::string timestamp() {
  thread_local int64_t cached_second = -1;
  thread_local std::string prefix;  // "2026-04-01T00:00:00."
  const TimePoint now = SystemClock().now();
  const int64_t ms = now.time_since_epoch().count();
  const int64_t second = ms / 1000;
  if (second != cached_second) {
    prefix = format_utc(now).substr(0, 20);
    cached_second = second;
  }
  const int millis = static_cast<int>(ms % 1000);
  std::string out = prefix;
  out.push_back(static_cast<char>('0' + millis / 100));
  out.push_back(static_cast<char>('0' + millis / 10 % 10));
  out.push_back(static_cast<char>('0' + millis % 10));
  out.push_back('Z');
  return out;
}

Sink& sink() {
  static Sink s;
  return s;
}
}  // namespace

Result<Level> parse_level(std::string_view n) {
  if (n == "debug") return Level::kDebug;
  if (n == "info") return Level::kInfo;
  if (n == "warn") return Level::kWarn;
  if (n == "error") return Level::kError;
  if (n == "off") return Level::kOff;
  return Error::InvalidArgument("log level must be one of debug, info, warn, error, off");
}

void set_level(Level l) { g_level = l; }
Level level() { return g_level; }
bool enabled(Level l) { return l >= g_level.load(std::memory_order_relaxed) && l != Level::kOff; }

void write(Level l, std::string_view message) {
  std::string line = timestamp();
  line += ' ';
  line += name(l);
  line += ' ';
  line.append(message);
  line.push_back('\n');
  sink().add(std::move(line), l >= Level::kWarn);
}

void flush() { sink().flush(); }

Status log_to_file(const std::string& path) { return sink().use_file(path); }

Status reopen() {
  const std::string path = sink().path();
  if (path.empty()) return Status::Ok();
  return sink().use_file(path);
}

}  // namespace tsunagu::log
