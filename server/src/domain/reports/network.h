// The network map of a ward (GET /api/v1/network): its organizations as nodes — category,
// council membership (要対協), capacity — and edges weighted by the ward's referrals to each
// organization (sent, accepted) and by the held meetings two organizations attended together.
// Partners the ward never referred to are marked, so the map shows who is never used.
//
// Nodes: the ward's active organizations (in `district` when given), plus any other the ward
// referred to (without `district`) or that attended its held meetings (in `district`).
// Attendance not taken counts as present; present: false does not.
//
// Thread-safety: free functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain::reports {

struct NetworkNode {
  std::string id;    // an organization id, or "ward:<code>" for the ward itself
  std::string kind;  // organization | ward
  std::string name;
  std::optional<std::string> category;
  bool council_member = false;
  std::optional<std::string> capacity_status;
  std::optional<std::string> capacity_updated_at;  // RFC 3339
  bool capacity_stale = false;                     // never given or older than 30 days
  int64_t referrals_sent = 0, referrals_accepted = 0, meetings_attended = 0;
  bool never_referred = false;
};

struct NetworkEdge {
  std::string source, target;
  std::string kind;  // referral (ward → organization) | meeting (organization — organization)
  int64_t sent = 0, accepted = 0;  // referral edges
  int64_t meetings = 0;            // meeting edges: held meetings both attended
};

struct Network {
  std::string ward, ward_name;
  std::optional<std::string> district;
  std::vector<NetworkNode> nodes;  // the ward first, then organizations by name
  std::vector<NetworkEdge> edges;
};

// The map for `actor`: ward roles see their wards' maps (404 for another ward); a partner sees
// only its own figures — the ward, its own node and the ward's referrals to it, for any ward —
// and admin and auditors get 403. Without `ward`, the caller's only ward (a partner: the only
// ward its organization serves); a caller with several must name one (400).
Result<Network> network_map(storage::Database& db, const Clock& clock, const Actor& actor,
                            const std::optional<std::string>& ward,
                            const std::optional<std::string>& district);

// GraphViz DOT of the map: every id and label quoted and escaped.
std::string network_dot(const Network& network);

}  // namespace tsunagu::domain::reports
