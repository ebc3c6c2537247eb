#include "app/app.h"

#include <chrono>
#include <sstream>

#include "app/commands.h"
#include "common/log.h"
#include "domain/audit/audit.h"
#include "domain/directory/directory_index.h"

namespace tsunagu::app {

Result<std::unique_ptr<App>> App::open(const Config& config, const Clock& clock) {
  std::unique_ptr<App> app(new App(config, clock));
  // The demo's files are read first: a seed folder that cannot be read changes nothing.
  std::vector<domain::SeedFile> seed;
  if (config.demo) {
    TRY_ASSIGN(seed, domain::read_seed_dir(seed_dir(config)));
  }
  // No audit key, no server (--demo makes one next to its database): a chain keyed with
  // nothing could be rewritten by whoever can write the database file.
  TRY_ASSIGN(std::string audit_key, load_audit_key(config, config.demo ? config.db_path : ""));
  domain::audit::set_chain_key(std::move(audit_key));
  TRY_ASSIGN(app->lock_, storage::DatabaseLock::acquire(config.db_path));
  storage::DatabaseOptions db_options;
  db_options.path = config.db_path;
  db_options.synchronous = config.synchronous;
  TRY_ASSIGN(app->db_, storage::Database::open(db_options));
  TRY(domain::audit::bind_chain_key(*app->db_));
  TRY(app->throttle_.load(*app->db_));
  app->hasher_ = std::make_unique<domain::PasswordHasher>(
      config.cheap_password_hashing_for_tests ? domain::PasswordParams::cheap_for_tests()
                                              : domain::PasswordParams{});
  if (config.demo) {
    TRY_ASSIGN(app->demo_report_,
               domain::load_demo(
                   *app->db_, clock,
                   domain::DemoOptions{config.demo_password, app->hasher_.get(), config.demo_kinds},
                   seed));
  }
  domain::SessionPolicy session_policy;
  session_policy.idle = std::chrono::minutes(config.session_idle_minutes);
  session_policy.absolute = std::chrono::hours(config.session_max_hours);
  app->accounts_ =
      std::make_unique<domain::Accounts>(*app->db_, clock, *app->hasher_, &app->throttle_);
  app->sessions_ = std::make_unique<domain::Sessions>(*app->db_, clock, *app->hasher_,
                                                      app->throttle_, session_policy);
  app->cases_ = std::make_unique<domain::Cases>(*app->db_, clock);
  app->referrals_ = std::make_unique<domain::Referrals>(*app->db_, clock);
  app->notifications_ = std::make_unique<domain::Notifications>(*app->db_, clock);
  app->meetings_ = std::make_unique<domain::Meetings>(*app->db_, clock);
  app->action_items_ = std::make_unique<domain::ActionItems>(*app->db_, clock);
  app->calendar_links_ = std::make_unique<domain::CalendarLinks>(*app->db_, clock);
  app->casework_ = std::make_unique<domain::Casework>(*app->db_, clock);
  app->transfers_ = std::make_unique<domain::Transfers>(*app->db_, clock);
  app->system_ = std::make_unique<domain::System>(*app->db_);
  app->directory_ = std::make_unique<domain::Directory>(*app->db_, clock);
  app->reports_ = std::make_unique<domain::reports::Reports>(*app->db_, clock);
  app->audit_log_ = std::make_unique<domain::audit::AuditLog>(*app->db_, clock);
  // The directory's search index, built now rather than by the first search.
  TRY(app->directory_->build_index());
  if (auto index = domain::DirectoryIndex::of(*app->db_).snapshot(); index.ok()) {
    LOG(kInfo)
        << "directory index: " << (*index)->entries.size() << " organizations, ~"
        << ((*index)->memory_bytes() >> 10) << " KiB, built in "
        << std::chrono::duration_cast<std::chrono::milliseconds>((*index)->build_time).count()
        << " ms";
  }
  http::Services services;
  services.clock = &app->clock_;
  services.system = app->system_.get();
  services.accounts = app->accounts_.get();
  services.sessions = app->sessions_.get();
  services.cases = app->cases_.get();
  services.referrals = app->referrals_.get();
  services.notifications = app->notifications_.get();
  services.meetings = app->meetings_.get();
  services.action_items = app->action_items_.get();
  services.calendar_links = app->calendar_links_.get();
  services.casework = app->casework_.get();
  services.transfers = app->transfers_.get();
  services.directory = app->directory_.get();
  services.reports = app->reports_.get();
  services.audit_log = app->audit_log_.get();
  services.web_root = config.web_root.value_or(kDefaultWebRoot);
  services.trusted_proxies = config.trusted_proxies;
  http::ServerOptions http_options;
  http_options.threads = config.threads;
  http_options.access_log = config.access_log;
  http_options.tls_cert = config.tls_cert;
  http_options.tls_key = config.tls_key;
  app->http_ = std::make_unique<http::HttpServer>(http_options, services);
  // Expired tokens are refused on use already; this only keeps the table small.
  app->runtime_.every(std::chrono::minutes(5), "session-cleanup",
                      [sessions = app->sessions_.get()] { sessions->purge_expired(); });
  // Directory changes another process made (import-hsds on this database) reach the index.
  app->runtime_.every(std::chrono::seconds(1), "directory-index",
                      [directory = app->directory_.get()] { directory->catch_up_index(); });
  // Keeps the WAL short between the automatic checkpoints; cheap when there is nothing to copy.
  app->runtime_.every(std::chrono::minutes(5), "wal-checkpoint",
                      [db = app->db_.get()] { db->checkpoint(); });
  if (!config.backup_dir.empty()) {
    app->runtime_.every(
        std::chrono::minutes(config.backup_every_minutes), "backup",
        [path = config.db_path, dir = config.backup_dir, keep = config.backup_keep] {
          std::ostringstream report;
          auto made = scheduled_backup(path, dir, keep, report);
          if (made.ok()) {
            LOG(kInfo) << "scheduled backup written to " << *made;
          } else {
            LOG(kError) << "scheduled backup failed: " << made.error().message();
          }
        });
  }
  // Sent referrals past due_by expire; accepted ones without an outcome are flagged as overdue.
  app->runtime_.every(std::chrono::minutes(1), "referral-expiry", [r = app->referrals_.get()] {
    auto expired = r->expire_overdue();
    if (!expired.ok()) {
      LOG(kError) << "referral expiry failed: " << expired.error().to_string();
    } else if (*expired > 0) {
      LOG(kInfo) << "expired " << *expired << " referrals past their due date";
    }
  });
  return app;
}

App::~App() {
  stop();
  if (stopper_.joinable()) stopper_.join();
}

Result<int> App::start() {
  TRY_ASSIGN(port_, http_->bind(config_.host, config_.port));
  http_thread_ = std::thread([this] {
    if (!http_->listen()) LOG(kError) << "the HTTP server stopped with a socket error";
  });
  if (config_.handle_signals) {
    runtime_.on_signal([this](int sig) {
      LOG(kInfo) << "signal " << sig << ": answering the requests received, then stopping (a "
                 << "second signal stops at once)";
      stopper_ = std::thread([this] { stop(); });
    });
    runtime_.on_hangup([] {
      Status reopened = log::reopen();
      if (reopened.ok()) {
        LOG(kInfo) << "SIGHUP: log file reopened";
      } else {
        LOG(kError) << "SIGHUP: " << reopened.error().message() << "; logging to the old file";
      }
    });
  }
  return port_;
}

void App::run() { runtime_.run(); }

void App::stop() {
  std::call_once(stop_once_, [this] {
    // Stops accepting (new connections are refused); listen() returns once every worker has
    // answered what its connection had sent. Writes are answered after their commit, so the
    // writer's queue is empty then.
    if (http_) http_->stop();
    if (http_thread_.joinable()) http_thread_.join();
    runtime_.stop();
    if (sessions_) sessions_->flush_last_uses();
    if (db_) {
      db_->checkpoint();
      LOG(kInfo) << "database checkpointed and closed (" << db_->pending_writes()
                 << " writes pending)";
    }
    log::flush();
  });
}

}  // namespace tsunagu::app
