// What the HTTP handlers may call: the domain's service objects (one per feature; the domain
// owns the database and every transaction) and the server's shared facilities.
// Owned by the application (app/app.cc); handlers hold references for the server's lifetime.
#pragma once

#include <string>
#include <vector>

#include "common/time.h"

namespace tsunagu::domain {
class Accounts;
class ActionItems;
class CalendarLinks;
class Cases;
class Casework;
class Meetings;
class Notifications;
class Referrals;
class Directory;
class Sessions;
class System;
class Transfers;
namespace audit {
class AuditLog;
}
namespace reports {
class Reports;
}
}  // namespace tsunagu::domain

namespace tsunagu::http {

class Metrics;

struct Services {
  const Clock* clock = nullptr;
  domain::System* system = nullptr;      // health, storage figures, wards
  domain::Accounts* accounts = nullptr;  // users
  domain::Sessions* sessions = nullptr;  // sign-in and bearer tokens
  domain::Cases* cases = nullptr;
  domain::Referrals* referrals = nullptr;
  domain::Notifications* notifications = nullptr;
  domain::Meetings* meetings = nullptr;
  domain::ActionItems* action_items = nullptr;
  domain::CalendarLinks* calendar_links = nullptr;
  domain::Casework* casework = nullptr;    // assessments, contacts
  domain::Transfers* transfers = nullptr;  // cases moving between wards
  domain::Directory* directory = nullptr;  // organizations, their services, the public view
  domain::reports::Reports* reports = nullptr;
  domain::audit::AuditLog* audit_log = nullptr;
  std::string web_root{};  // the built web client's folder; empty: none (http/static_files.h)
  std::vector<std::string> trusted_proxies{};  // whose X-Forwarded-For is believed (exact)
};

}  // namespace tsunagu::http
