#include "http/connection_guard.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>

namespace tsunagu::http {

namespace {
using Clock = std::chrono::steady_clock;

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}
int64_t ns(std::chrono::milliseconds ms) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(ms).count();
}

enum Phase : int { kHead, kBody, kHandling, kIdle, kCut };
}  // namespace

struct ConnectionGuard::Connection {
  int fd = -1;
  const ConnectionLimits* limits = nullptr;
  std::atomic<int> phase{kHead};
  std::atomic<int64_t> since{0};     // when the phase began
  std::atomic<int64_t> deadline{0};  // 0: none

  void enter(Phase p, int64_t at, int64_t until) {
    // A cut connection stays cut: its socket is shut down already.
    int current = phase.load();
    if (current == kCut) return;
    since.store(at);
    deadline.store(until);
    phase.compare_exchange_strong(current, p);
  }
};

namespace {
thread_local ConnectionGuard::Connection* current_connection = nullptr;
}

ConnectionGuard::ConnectionGuard(ConnectionLimits limits)
    : limits_(limits), watchdog_([this] { watch(); }) {}

ConnectionGuard::~ConnectionGuard() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watchdog_.join();
}

ConnectionGuard::Lease::Lease(ConnectionGuard& guard, int fd)
    : guard_(guard), connection_(std::make_shared<Connection>()) {
  connection_->fd = fd;
  connection_->limits = &guard.limits_;
  const int64_t now = now_ns();
  connection_->enter(kHead, now, now + ns(guard.limits_.head_timeout));
  {
    std::lock_guard lock(guard_.mutex_);
    guard_.connections_.push_back(connection_);
  }
  current_connection = connection_.get();
}

ConnectionGuard::Lease::~Lease() {
  current_connection = nullptr;
  std::lock_guard lock(guard_.mutex_);
  auto& all = guard_.connections_;
  all.erase(std::remove(all.begin(), all.end(), connection_), all.end());
}

void ConnectionGuard::Lease::idle() {
  const int64_t now = now_ns();
  connection_->enter(kIdle, now, now + ns(guard_.limits_.keep_alive));
}

bool ConnectionGuard::Lease::begin_head() {
  const int64_t now = now_ns();
  connection_->enter(kHead, now, now + ns(guard_.limits_.head_timeout));
  return connection_->phase.load() != kCut;
}

bool ConnectionGuard::Lease::expired() const {
  return connection_->phase.load() == kCut || now_ns() > connection_->deadline.load();
}

int ConnectionGuard::Lease::poll_readable(int ms) const {
  pollfd p{connection_->fd, POLLIN, 0};
  int r = ::poll(&p, 1, ms);
  if (r > 0 && (p.revents & (POLLERR | POLLNVAL)) != 0) return -1;
  return r < 0 ? (errno == EINTR ? 0 : -1) : r;
}

void ConnectionGuard::head_complete() {
  if (Connection* c = current_connection) {
    const int64_t now = now_ns();
    c->enter(kBody, now, now + ns(c->limits->body_timeout));
  }
}

void ConnectionGuard::handling() {
  if (Connection* c = current_connection) c->enter(kHandling, now_ns(), 0);
}

void ConnectionGuard::watch() {
  // Checks several times per shortest limit, and at least every 100 ms.
  auto tick = std::min({limits_.head_timeout, limits_.busy_grace, limits_.keep_alive}) / 4;
  tick = std::clamp(tick, std::chrono::milliseconds(5), std::chrono::milliseconds(100));
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, tick, [this] { return stopping_; })) sweep();
}

// Runs under mutex_, so every connection in the list still owns its descriptor.
void ConnectionGuard::sweep() {
  const int64_t now = now_ns();
  auto cut = [](Connection& c) {
    c.phase.store(kCut);
    ::shutdown(c.fd, SHUT_RDWR);
  };
  std::vector<Connection*> evictable;
  for (const auto& c : connections_) {
    const int phase = c->phase.load();
    const int64_t deadline = c->deadline.load();
    if (phase == kCut || phase == kHandling) continue;
    if (deadline != 0 && now > deadline) {
      cut(*c);
      ++cut_deadline_;
    } else if ((phase == kIdle || phase == kHead) &&
               now - c->since.load() > ns(limits_.busy_grace)) {
      // An idle keep-alive connection is spared for the grace too: a client that has just had
      // its answer sends the next request on it at once, and cutting it then loses that request.
      evictable.push_back(c.get());
    }
  }
  size_t waiting = backlog_.load();
  if (waiting == 0 || evictable.empty()) return;
  std::sort(evictable.begin(), evictable.end(), [](const Connection* a, const Connection* b) {
    return a->since.load() < b->since.load();
  });
  for (Connection* c : evictable) {
    if (waiting == 0) break;
    cut(*c);
    ++cut_backlog_;
    --waiting;
  }
}

}  // namespace tsunagu::http
