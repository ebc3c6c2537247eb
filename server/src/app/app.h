// The composition root: opens and migrates the database, loads the demo data on request (read
// from seed_dir(config) by domain/seed/demo.h), builds the domain services and the HTTP server,
// and runs them until a signal or stop().
// Shutdown order: stop accepting → answer every request already received → stop timers →
// checkpoint and close the database. While it runs it holds the database's lock file
// (storage/backup.h), so a second server or a restore on the same file is refused.
//
// Thread-safety: open/start/run from the main thread; stop() from any thread: the first call
// does the work, later ones wait for it to finish. The signal handler runs it on a thread of its
// own, so the runtime still sees a second signal (which exits at once) and SIGHUP.
#pragma once

#include <memory>
#include <mutex>
#include <thread>

#include "app/config.h"
#include "app/runtime.h"
#include "common/result.h"
#include "common/time.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/calendar_links.h"
#include "domain/accounts/login_throttle.h"
#include "domain/accounts/passwords.h"
#include "domain/accounts/sessions.h"
#include "domain/audit/audit_log.h"
#include "domain/base/system.h"
#include "domain/cases/cases.h"
#include "domain/cases/casework.h"
#include "domain/cases/transfers.h"
#include "domain/directory/directory_facade.h"
#include "domain/meetings/action_items.h"
#include "domain/meetings/meetings.h"
#include "domain/referrals/notifications.h"
#include "domain/referrals/referrals.h"
#include "domain/reports/reports.h"
#include "domain/seed/demo.h"
#include "http/server.h"
#include "storage/backup.h"
#include "storage/database.h"

namespace tsunagu::app {

class App {
 public:
  // Opens the database (migrating it) and, with config.demo, loads the demo data.
  static Result<std::unique_ptr<App>> open(const Config& config, const Clock& clock);
  ~App();

  // Binds the port and starts serving HTTP on background threads; returns the port.
  Result<int> start();
  // Runs timers (and, with config.handle_signals, waits for SIGINT/SIGTERM) until stop().
  void run();
  // Graceful stop; idempotent, and returns only once the stop is complete.
  void stop();

  int port() const { return port_; }
  const domain::DemoReport& demo_report() const { return demo_report_; }
  storage::Database& database() { return *db_; }
  Scheduler& scheduler() { return runtime_; }
  domain::Sessions& sessions() { return *sessions_; }
  const domain::PasswordHasher& password_hasher() const { return *hasher_; }
  domain::Referrals& referrals() { return *referrals_; }

 private:
  App(const Config& config, const Clock& clock) : config_(config), clock_(clock) {}

  Config config_;
  const Clock& clock_;
  storage::DatabaseLock lock_;
  std::unique_ptr<storage::Database> db_;
  domain::DemoReport demo_report_;
  std::unique_ptr<domain::PasswordHasher> hasher_;
  domain::LoginThrottle throttle_;
  std::unique_ptr<domain::Accounts> accounts_;
  std::unique_ptr<domain::Sessions> sessions_;
  std::unique_ptr<domain::Cases> cases_;
  std::unique_ptr<domain::Referrals> referrals_;
  std::unique_ptr<domain::Notifications> notifications_;
  std::unique_ptr<domain::Meetings> meetings_;
  std::unique_ptr<domain::ActionItems> action_items_;
  std::unique_ptr<domain::CalendarLinks> calendar_links_;
  std::unique_ptr<domain::Casework> casework_;
  std::unique_ptr<domain::Transfers> transfers_;
  std::unique_ptr<domain::System> system_;
  std::unique_ptr<domain::Directory> directory_;
  std::unique_ptr<domain::reports::Reports> reports_;
  std::unique_ptr<domain::audit::AuditLog> audit_log_;
  Runtime runtime_;
  std::unique_ptr<http::HttpServer> http_;
  std::thread http_thread_;
  std::thread stopper_;  // the graceful stop a signal started
  std::once_flag stop_once_;
  int port_ = 0;
};

}  // namespace tsunagu::app
