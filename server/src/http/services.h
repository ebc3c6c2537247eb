// What the HTTP handlers may call: the domain's services and the server's shared facilities.
// Owned by the application (app/app.cc); handlers hold references for the server's lifetime.
#pragma once

#include "common/time.h"

namespace tsunagu::storage {
class Database;
}
namespace tsunagu::domain {
class Cases;
class Referrals;
class Notifications;
}  // namespace tsunagu::domain

namespace tsunagu::http {

class Metrics;

struct Services {
  storage::Database* db = nullptr;
  const Clock* clock = nullptr;
  domain::Cases* cases = nullptr;
  domain::Referrals* referrals = nullptr;
  domain::Notifications* notifications = nullptr;
};

}  // namespace tsunagu::http
