// What the terminal allows: whether a stream is a terminal, whether colour is wanted (only on a
// terminal, never with NO_COLOR set), how wide tables may be ($COLUMNS, else the terminal's
// width, else 100), and a spinner on stderr for calls that take a while (only on a terminal).
//
// Thread-safety: the free functions read the environment and may be called from any thread. A
// Spinner owns a thread that writes to stderr; create and destroy it on one thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace tsunagu::cli {

bool stdout_is_terminal();
bool stderr_is_terminal();

// Colour on stdout: a terminal, NO_COLOR unset or empty, and TERM not "dumb".
bool colour_wanted();

// The width tables fit: $COLUMNS when it is a positive number, else the terminal's width when
// stdout is one, else 100.
std::size_t table_width();

// Wraps text in an ANSI SGR code (e.g. "1" bold, "32" green) when `on`.
std::string paint(const std::string& text, const char* sgr, bool on);

// Shows "⠋ label" on stderr, turning, if the call it covers takes longer than a moment (250 ms);
// erases itself when destroyed. Does nothing unless `enabled`.
class Spinner {
 public:
  Spinner(std::string label, bool enabled);
  ~Spinner();
  Spinner(const Spinner&) = delete;
  Spinner& operator=(const Spinner&) = delete;

 private:
  void run();
  std::string label_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace tsunagu::cli
