#include "domain/reports/network.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/base/wards.h"
#include "domain/reports/gaps.h"
#include "storage/database.h"

namespace tsunagu::domain::reports {
namespace {

constexpr char kNodeColumns[] =
    "SELECT o.id, o.name, o.category, o.council_member, o.capacity_status,"
    " o.capacity_updated_at FROM organizations o";

NetworkNode node_from(storage::Statement& s, TimePoint now) {
  NetworkNode n;
  n.id = s.text(0);
  n.kind = "organization";
  n.name = s.text(1);
  n.category = s.text(2);
  n.council_member = s.int64(3) != 0;
  n.capacity_status = s.optional_text(4);
  n.capacity_stale = true;
  if (auto at = s.optional_text(5)) {
    const TimePoint t = parse_stored_time(*at);
    n.capacity_updated_at = format_rfc3339(t);
    n.capacity_stale = now - t > std::chrono::days(kCapacityStaleDaysForGaps);
  }
  return n;
}

// A DOT string literal.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch != '\r') {
      out += ch;
    }
  }
  return out + "\"";
}

// A partner's map holds only figures about its own organization: the ward, its own node and the
// ward's referrals to it. Other organizations, and the meetings it shared with them, are left
// out.
void keep_own_figures(Network& net, const std::string& organization_id) {
  std::erase_if(net.nodes, [&](const NetworkNode& n) {
    return n.kind == "organization" && n.id != organization_id;
  });
  std::erase_if(net.edges, [&](const NetworkEdge& e) {
    return e.kind != "referral" || e.target != organization_id;
  });
}

}  // namespace

Result<Network> network_map(storage::Database& db, const Clock& clock, const Actor& actor,
                            const std::optional<std::string>& ward,
                            const std::optional<std::string>& district) {
  // A partner's map is a report of its own figures (report.read); a ward's whole map, with every
  // organization's, is network.read.
  const bool partner = access::lists_organization_rows(actor);
  TRY(authorize_role(&actor, partner ? Action::kReportRead : Action::kNetworkRead));
  const TimePoint now = clock.now();
  return db.read([&](storage::Connection& c) -> Result<Network> {
    // Without `ward`, the caller's only ward (a partner: the only ward its organization serves).
    std::string code;
    if (ward) {
      code = *ward;
    } else {
      std::vector<std::string> wards = actor.wards;
      if (partner) {
        wards.clear();
        auto s = c.prepare("SELECT ward FROM organization_wards WHERE organization_id = ?1");
        s.bind(1, actor.organization_id.value_or(""));
        while (s.step()) wards.push_back(s.text(0));
      }
      if (wards.size() != 1) {
        return Error::Malformed("The parameter ward is required.").add_field("ward", "is required");
      }
      code = wards.front();
    }
    TRY(check_ward_param(c, code));
    // A partner reads its own figures for any ward; a ward role only its own wards' maps.
    if (!partner) {
      TRY(authorize(&actor, Action::kNetworkRead, {code, std::nullopt}));
    }
    Network net;
    net.ward = code;
    net.district = district;
    {
      auto s = c.prepare("SELECT name FROM wards WHERE code = ?1");
      s.bind(1, code);
      net.ward_name = s.step() ? s.text(0) : code;
    }
    std::map<std::string, NetworkNode> nodes;
    auto orgs = c.prepare(std::string(kNodeColumns) +
                          " WHERE o.status = 'active' AND o.id IN (SELECT organization_id"
                          " FROM organization_wards WHERE ward = ?1)"
                          " AND (?2 IS NULL OR o.district = ?2)");
    orgs.bind(1, code).bind(2, district);
    while (orgs.step()) {
      NetworkNode n = node_from(orgs, now);
      nodes.emplace(n.id, std::move(n));
    }
    auto ensure = [&](const std::string& id) -> NetworkNode* {
      if (auto it = nodes.find(id); it != nodes.end()) return &it->second;
      auto s = c.prepare(std::string(kNodeColumns) + " WHERE o.id = ?1");
      s.bind(1, id);
      if (!s.step()) return nullptr;
      return &nodes.emplace(id, node_from(s, now)).first->second;
    };
    if (partner) ensure(actor.organization_id.value_or(""));
    // Held meetings of the ward (in the district), and who was there.
    const std::string attended =
        "WITH att AS (SELECT DISTINCT a.meeting_id, a.organization_id"
        " FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id"
        " WHERE m.ward = ?1 AND m.status = 'held' AND (?2 IS NULL OR m.district = ?2)"
        " AND a.organization_id IS NOT NULL AND coalesce(a.present, 1) = 1) ";
    auto per_org = c.prepare(attended + "SELECT organization_id, count(*) FROM att GROUP BY 1");
    per_org.bind(1, code).bind(2, district);
    while (per_org.step()) {
      if (NetworkNode* n = ensure(per_org.text(0))) n->meetings_attended = per_org.int64(1);
    }
    auto pairs =
        c.prepare(attended +
                  "SELECT x.organization_id, y.organization_id, count(*) FROM att x"
                  " JOIN att y ON x.meeting_id = y.meeting_id"
                  " AND x.organization_id < y.organization_id GROUP BY 1, 2 ORDER BY 1, 2");
    pairs.bind(1, code).bind(2, district);
    while (pairs.step()) {
      net.edges.push_back({pairs.text(0), pairs.text(1), "meeting", 0, 0, pairs.int64(2)});
    }
    // The ward's referrals: sent ever, and accepted (answered yes at some point: a decline is
    // the only answer that is not an acceptance).
    const std::string hub = "ward:" + code;
    // Counted from referrals_ward_sent alone (organization_seq and response_ms are derived
    // columns of the referral: schema/0014_referral_figures.sql), then named by organization.
    auto refs = c.prepare(
        "SELECT o.id, x.sent, x.accepted FROM (SELECT organization_seq, count(*) AS sent,"
        " sum(response_ms IS NOT NULL AND status <> 'declined') AS accepted"
        " FROM referrals WHERE ward = ?1 AND sent_ms IS NOT NULL GROUP BY organization_seq) x"
        " JOIN organizations o ON o.seq = x.organization_seq ORDER BY o.id");
    refs.bind(1, code);
    while (refs.step()) {
      NetworkNode* n = nullptr;
      if (!district) {
        n = ensure(refs.text(0));
      } else if (auto it = nodes.find(refs.text(0)); it != nodes.end()) {
        n = &it->second;
      }
      if (!n) continue;
      n->referrals_sent = refs.int64(1);
      n->referrals_accepted = refs.int64(2);
      net.edges.push_back({hub, n->id, "referral", n->referrals_sent, n->referrals_accepted, 0});
    }
    NetworkNode ward_node;
    ward_node.id = hub;
    ward_node.kind = "ward";
    ward_node.name = net.ward_name;
    net.nodes.push_back(std::move(ward_node));
    std::vector<NetworkNode> orgs_sorted;
    for (auto& [id, n] : nodes) {
      n.never_referred = n.referrals_sent == 0;
      orgs_sorted.push_back(std::move(n));
    }
    std::sort(orgs_sorted.begin(), orgs_sorted.end(),
              [](const NetworkNode& a, const NetworkNode& b) {
                return std::tie(a.name, a.id) < std::tie(b.name, b.id);
              });
    for (auto& n : orgs_sorted) net.nodes.push_back(std::move(n));
    // Edges between nodes only (a meeting edge to an organization outside the map is dropped).
    std::erase_if(net.edges, [&](const NetworkEdge& e) {
      return e.kind == "meeting" && (!nodes.count(e.source) || !nodes.count(e.target));
    });
    if (partner) keep_own_figures(net, actor.organization_id.value_or(""));
    return net;
  });
}

std::string network_dot(const Network& net) {
  std::string out = "graph " + quoted("tsunagu_" + net.ward) + " {\n";
  out += "  graph [label=" + quoted(net.ward_name + (net.district ? " " + *net.district : "")) +
         "];\n  node [shape=box];\n";
  for (const auto& n : net.nodes) {
    if (n.kind == "ward") {
      out += "  " + quoted(n.id) + " [label=" + quoted(n.name) + ", shape=ellipse];\n";
      continue;
    }
    std::string label = n.name + "\n" + n.category.value_or("");
    if (n.council_member) label += " 要対協";
    out += "  " + quoted(n.id) + " [label=" + quoted(label) +
           (n.never_referred ? ", style=dashed" : "") + "];\n";
  }
  for (const auto& e : net.edges) {
    if (e.kind == "referral") {
      out += "  " + quoted(e.source) + " -- " + quoted(e.target) + " [label=" +
             quoted("紹介 " + std::to_string(e.sent) + " / 受理 " + std::to_string(e.accepted)) +
             ", weight=" + std::to_string(e.sent) + "];\n";
    } else {
      out += "  " + quoted(e.source) + " -- " + quoted(e.target) +
             " [label=" + quoted("会議 " + std::to_string(e.meetings)) + ", style=dotted];\n";
    }
  }
  return out + "}\n";
}

}  // namespace tsunagu::domain::reports
