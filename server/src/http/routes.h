// Registers every route of the API. Each area of the API has its own register_* function in its
// own file; this is the single list of them.
#pragma once

#include "http/router.h"
#include "http/services.h"

namespace tsunagu::http {

class Metrics;

void register_system_routes(Router& router, const Services& services, const Metrics& metrics);
void register_case_routes(Router& router, const Services& services);
void register_referral_routes(Router& router, const Services& services);

inline void register_all_routes(Router& router, const Services& services, const Metrics& metrics) {
  register_system_routes(router, services, metrics);
  register_case_routes(router, services);
  register_referral_routes(router, services);
}

}  // namespace tsunagu::http
