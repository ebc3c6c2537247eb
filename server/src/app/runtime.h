// The Boost.Asio runtime for everything that is not a request: SIGINT/SIGTERM for graceful
// shutdown (a second one ends the process at once), SIGHUP, and the timers behind Scheduler. It
// runs on the thread that calls run().
//
// Thread-safety: every(), on_signal() and stop() may be called from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <functional>
#include <memory>
#include <string>

#include "common/scheduler.h"

namespace tsunagu::app {

class Runtime final : public Scheduler {
 public:
  Runtime();
  ~Runtime() override;

  void every(std::chrono::milliseconds interval, std::string name,
             std::function<void()> task) override;
  // Calls `handler(signal)` once on the runtime thread at the first SIGINT or SIGTERM; the
  // handler must not block (a graceful stop runs elsewhere), so that a second SIGINT or SIGTERM
  // is seen: it ends the process at once with exit code 128 + signal.
  void on_signal(std::function<void(int)> handler);
  // Calls `handler()` on the runtime thread at every SIGHUP.
  void on_hangup(std::function<void()> handler);
  // Runs timers and signal handlers until stop().
  void run();
  void stop();

 private:
  struct Timer;
  void arm(std::shared_ptr<Timer> timer);
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  void await_hangup();
  boost::asio::signal_set signals_;
  boost::asio::signal_set hangups_;
  std::function<void()> hangup_handler_;
};

}  // namespace tsunagu::app
