// Work that is not a request — expiry of overdue referrals, token clean-up, WAL checkpoints —
// is scheduled here. The application implements it with a Boost.Asio timer service
// (app/runtime.h); domain code sees only this interface, and tests can drive it by hand.
//
// Thread-safety: every() may be called from any thread; tasks run one at a time on the
// scheduler's own thread and must not block for long.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace tsunagu {

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Runs `task` every `interval`, the first time one interval from now. An exception from a task
  // is logged with `name` and the schedule continues.
  virtual void every(std::chrono::milliseconds interval, std::string name,
                     std::function<void()> task) = 0;
};

}  // namespace tsunagu
