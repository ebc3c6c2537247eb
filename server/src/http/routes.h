// Registers every route of the API. Each area of the API has its own register_* function in its
// own file; this is the single list of them.
#pragma once

#include "http/router.h"
#include "http/services.h"
#include "http/static_files.h"

namespace tsunagu::http {

class Metrics;

void register_system_routes(Router& router, const Services& services, const Metrics& metrics);
void register_account_routes(Router& router, const Services& services);
void register_audit_routes(Router& router, const Services& services);
void register_directory_routes(Router& router, const Services& services);
void register_hsds_routes(Router& router, const Services& services);
void register_case_routes(Router& router, const Services& services);
void register_casework_routes(Router& router, const Services& services);
void register_referral_routes(Router& router, const Services& services);
void register_meeting_routes(Router& router, const Services& services);
void register_action_item_routes(Router& router, const Services& services);
void register_browser_routes(Router& router, const Services& services);
void register_report_routes(Router& router, const Services& services);

inline void register_all_routes(Router& router, const Services& services, const Metrics& metrics) {
  router.trust_proxies(services.trusted_proxies);
  register_system_routes(router, services, metrics);
  register_account_routes(router, services);
  register_audit_routes(router, services);
  register_directory_routes(router, services);
  register_hsds_routes(router, services);
  register_case_routes(router, services);
  register_casework_routes(router, services);
  register_referral_routes(router, services);
  register_meeting_routes(router, services);
  register_action_item_routes(router, services);
  register_browser_routes(router, services);
  register_report_routes(router, services);
  register_static_files(router, services.web_root);  // last: it answers every other path
}

}  // namespace tsunagu::http
