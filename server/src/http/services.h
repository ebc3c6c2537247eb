// What the HTTP handlers may call: the domain's services and the server's shared facilities.
// Owned by the application (app/app.cc); handlers hold references for the server's lifetime.
#pragma once

#include <string>
#include <vector>

#include "common/time.h"

namespace tsunagu::storage {
class Database;
}
namespace tsunagu::domain {
class Accounts;
class ActionItems;
class CalendarLinks;
class Cases;
class Casework;
class Meetings;
class Notifications;
class Referrals;
class Sessions;
class Transfers;
}  // namespace tsunagu::domain

namespace tsunagu::http {

class Metrics;

struct Services {
  storage::Database* db = nullptr;
  const Clock* clock = nullptr;
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
  std::string web_root{};  // the built web client's folder; empty: none (http/static_files.h)
  std::vector<std::string> trusted_proxies{};  // whose X-Forwarded-For is believed (exact)
};

}  // namespace tsunagu::http
