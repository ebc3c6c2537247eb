// Keeps slow or idle connections from holding the HTTP workers. cpp-httplib gives each open
// connection a worker thread for as long as it lasts, and its only clock is a timeout per read,
// so a client that trickles a header line every few seconds, or simply keeps a connection open
// between requests, holds a worker indefinitely; a few dozen of them stop the server.
//
// A worker registers the connection it serves (enter()) and reports each request's progress:
// the head complete (head_complete()), the handler running (handling()), waiting for the next
// request (await_next_request()). A watchdog thread cuts (shutdown(2), which wakes the blocked
// worker) a connection that
//   - has not sent a complete request head within `head_timeout` of its first byte (or of being
//     accepted), or not its body within `body_timeout` of its head;
//   - while accepted connections queue for a worker (backlog() > 0): is idle between requests, or
//     has been sending its head for longer than `busy_grace` — oldest first, one per queued
//     connection. Well-behaved clients send a head in one packet and reopen a closed keep-alive
//     connection, so only slow ones lose anything.
// A handler's own running time is not limited here.
//
// Thread-safety: every member may be called from any thread; the phase calls apply to the
// connection the calling worker registered with enter().
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace tsunagu::http {

struct ConnectionLimits {
  std::chrono::milliseconds head_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds keep_alive{5'000};
  std::chrono::milliseconds busy_grace{1'000};
};

class ConnectionGuard {
 public:
  struct Connection;

  explicit ConnectionGuard(ConnectionLimits limits);
  ~ConnectionGuard();
  ConnectionGuard(const ConnectionGuard&) = delete;
  ConnectionGuard& operator=(const ConnectionGuard&) = delete;

  // A worker's registration of socket `fd`, undone when it goes away (before the socket is
  // closed, so the watchdog never touches a descriptor number that was reused).
  class Lease {
   public:
    Lease(ConnectionGuard& guard, int fd);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    // Waits for the next request's first byte, at most `keep_alive`; false when the connection
    // should close instead (timeout, cut, peer closed, or `stopping()`). A request that has
    // already arrived when the server stops is still served: its client sent it before the
    // stop and may not be able to tell whether a retry is safe. `received`: bytes of the next
    // request are already held above the socket (decrypted inside the TLS session), so it
    // begins now.
    template <typename Stopping>
    bool await_next_request(Stopping stopping, bool received = false) {
      if (received) return begin_head();
      idle();
      for (;;) {
        const bool stop = stopping();
        int r = poll_readable(stop ? 0 : 50);
        if (r < 0) return false;
        if (r > 0) return begin_head();
        if (stop || expired()) return false;
      }
    }

   private:
    void idle();
    bool begin_head();
    bool expired() const;
    int poll_readable(int ms) const;
    ConnectionGuard& guard_;
    std::shared_ptr<Connection> connection_;
  };

  // The calling worker's connection: its head has arrived (now the body, if any, is read).
  static void head_complete();
  // The calling worker's connection: the handler runs (no deadline).
  static void handling();

  // Connections accepted and waiting for a worker; the task queue keeps it current.
  std::atomic<size_t>& backlog() { return backlog_; }

  // How many connections the watchdog has cut, for a deadline and to make room.
  uint64_t cut_for_deadline() const { return cut_deadline_.load(); }
  uint64_t cut_for_backlog() const { return cut_backlog_.load(); }

 private:
  void watch();
  void sweep();

  const ConnectionLimits limits_;
  std::atomic<size_t> backlog_{0};
  std::atomic<uint64_t> cut_deadline_{0};
  std::atomic<uint64_t> cut_backlog_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<std::shared_ptr<Connection>> connections_;
  std::thread watchdog_;
};

}  // namespace tsunagu::http
