// Cases moving between wards (scenario 8 of domain.md): every path of a transfer — accept, decline,
// withdraw, and accept racing withdraw — what moves with an accepted one (the case, its plan,
// its open referrals, so the partner's inbox does not change), and the former ward's read-only
// view of what happened before the move.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "api/meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

inline constexpr char kKitaClinic[] =
    "a0000000-0000-4000-8000-000000000032";  // ポプラこどもクリニック

class CaseTransferTest : public MeetingApiTest {
 protected:
  // A case of 北区 with a support plan, created by coord.kita; returns its id.
  std::string kita_case(const std::string& ref = "北-2026-0007") {
    auto res =
        post("coord.kita", "/api/v1/cases",
             {{"ward", "kita"},
              {"case_ref", ref},
              {"household_label", "K.M."},
              {"risk_categories", {"parenting_difficulty"}},
              {"risk_level", "medium"},
              {"sections", {"child_welfare"}},
              {"lead_user_id", "b0000000-0000-4000-8000-000000000004"},
              {"support_plan",
               {{"goals", {"通院を続ける"}}, {"family_voice", "引っ越しても同じ支援がほしい"}}}});
    EXPECT_EQ(res->status, 201) << res->body;
    return res->status == 201 ? body_json(res)["id"].get<std::string>() : "";
  }

  // A referral of the kita case to `org`, sent by coord.kita.
  Json kita_referral(const std::string& case_id, const std::string& org = kItokonchi) {
    auto res = post("coord.kita", "/api/v1/referrals",
                    {{"case_id", case_id},
                     {"organization_id", org},
                     {"legal_basis", "council"},
                     {"summary", "小児科の継続受診の相談"},
                     {"send", true}});
    EXPECT_EQ(res->status, 201) << res->body;
    return body_json(res);
  }

  Json request(const std::string& case_id, const std::string& user = "coord.kita") {
    auto res = post(user, "/api/v1/cases/" + case_id + "/transfers",
                    {{"to_ward", "chuo"}, {"reason", "中央区へ転居（4月5日）"}});
    EXPECT_EQ(res->status, 201) << res->body;
    return body_json(res);
  }

  // A contact 北区 records before the move; returns the status.
  int contact_before_move(const std::string& case_id) {
    auto res = post("coord.kita", "/api/v1/cases/" + case_id + "/contacts",
                    {{"kind", "home_visit"},
                     {"on", "2026-03-31"},
                     {"summary", "転居の準備を確認"},
                     {"next_step", "転居先の区へ引き継ぐ"}});
    return res ? res->status : 0;
  }

  // The partner's view of its referrals without the referring ward and its call-back desk,
  // which are the responsible ward's and so follow the case.
  static Json without_ward(Json j) {
    auto strip = [](Json& r) {
      r.erase("ward");
      r.erase("ward_contact");
    };
    if (j.contains("items")) {
      for (Json& item : j["items"]) strip(item);
    } else {
      strip(j);
    }
    return j;
  }

  httplib::Result step(const std::string& user, const Json& transfer, Json body) {
    return post(user, "/api/v1/transfers/" + transfer["id"].get<std::string>() + "/transitions",
                body);
  }
};

TEST_F(CaseTransferTest, ARequestIsCheckedAndNotifiesTheReceivingCoordinator) {
  std::string id = kita_case();
  auto bad = post("coord.kita", "/api/v1/cases/" + id + "/transfers",
                  {{"to_ward", "kita"}, {"note", "x"}});
  ASSERT_EQ(bad->status, 422);
  EXPECT_EQ(error_fields(bad), (std::set<std::string>{"to_ward", "reason", "note"}));
  EXPECT_EQ(post("coord.chuo", "/api/v1/cases/" + id + "/transfers",
                 {{"to_ward", "chuo"}, {"reason", "転居"}})
                ->status,
            404);  // not the case's ward
  Json t = request(id);
  EXPECT_EQ(t["status"], "pending");
  EXPECT_EQ(t["direction"], "outgoing");
  EXPECT_EQ(post("coord.kita", "/api/v1/cases/" + id + "/transfers",
                 {{"to_ward", "chuo"}, {"reason", "二重"}})
                ->status,
            409);  // one pending transfer at a time

  Json incoming = body_json(get("coord.chuo", "/api/v1/transfers?ward=chuo"));
  ASSERT_EQ(incoming["total"], 1);
  EXPECT_EQ(incoming["items"][0]["direction"], "incoming");
  EXPECT_EQ(incoming["items"][0]["household_label"], "K.M.");
  EXPECT_EQ(body_json(get("coord.kita", "/api/v1/transfers"))["total"], 1);
  EXPECT_EQ(get("coord.kita", "/api/v1/transfers?ward=xx")->status, 400);
  EXPECT_EQ(get("partner.itokonchi", "/api/v1/transfers")->status, 403);
  Json notes = body_json(get("coord.chuo", "/api/v1/notifications"));
  ASSERT_GE(notes["total"], 1);
  EXPECT_EQ(notes["items"][0]["kind"], "transfer.received");
  // Until it is accepted the case is 北区's alone.
  EXPECT_EQ(get("coord.chuo", "/api/v1/cases/" + id)->status, 404);
}

// A retried request with its Idempotency-Key answers the first transfer (not a 409 for a second
// pending one), and Location answers.
TEST_F(CaseTransferTest, ARetriedRequestWithItsKeyAnswersTheFirstTransfer) {
  std::string id = kita_case();
  const Json body = {{"to_ward", "chuo"}, {"reason", "中央区へ転居（4月5日）"}};
  httplib::Headers key{{"Idempotency-Key", "move-k-m"}};
  auto first = post("coord.kita", "/api/v1/cases/" + id + "/transfers", body, key);
  ASSERT_EQ(first->status, 201) << first->body;
  auto again = post("coord.kita", "/api/v1/cases/" + id + "/transfers", body, key);
  ASSERT_EQ(again->status, 201) << again->body;
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(body_json(again)["id"], body_json(first)["id"]);
  EXPECT_EQ(body_json(get("coord.kita", "/api/v1/transfers"))["total"], 1);
  auto read = get("coord.kita", first->get_header_value("Location"));
  ASSERT_EQ(read->status, 200);
  EXPECT_EQ(body_json(read)["id"], body_json(first)["id"]);
}

TEST_F(CaseTransferTest, AcceptMovesTheCasePlanAndOpenReferralsAndThePartnerSeesNoBreak) {
  std::string id = kita_case();
  Json open_referral = kita_referral(id);
  Json ended = kita_referral(id, kNightNursery);
  ASSERT_EQ(
      post("coord.kita", "/api/v1/referrals/" + ended["id"].get<std::string>() + "/transitions",
           {{"to", "withdrawn"}, {"reason_code", "duplicate"}})
          ->status,
      200);
  const auto inbox_before = body_json(get("partner.itokonchi", "/api/v1/referrals"));
  const auto referral_before = body_json(
      get("partner.itokonchi", "/api/v1/referrals/" + open_referral["id"].get<std::string>()));
  ASSERT_EQ(contact_before_move(id), 201);
  Json t = request(id);

  EXPECT_EQ(step("staff.chuo", t, {{"to", "accepted"}})->status, 403);  // the coordinator's
  EXPECT_EQ(step("coord.kita", t, {{"to", "accepted"}})->status, 403);  // not the sender's
  auto accepted = step("coord.chuo", t, {{"to", "accepted"}});
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  Json done = body_json(accepted);
  EXPECT_EQ(done["status"], "accepted");
  EXPECT_EQ(done["moved"]["referrals"], 1);
  EXPECT_EQ(done["moved"]["lead_cleared"], true);

  Json c = body_json(get("coord.chuo", "/api/v1/cases/" + id));
  EXPECT_EQ(c["ward"], "chuo");
  EXPECT_EQ(c["case_ref"], "北-2026-0007");
  EXPECT_EQ(c["support_plan"]["family_voice"], "引っ越しても同じ支援がほしい");
  EXPECT_TRUE(c["lead_user_id"].is_null());
  EXPECT_TRUE(c["transferred_to"].is_null());
  Json events = body_json(get("coord.chuo", "/api/v1/cases/" + id + "/events"))["items"];
  EXPECT_EQ(events.back()["kind"], "transferred");
  EXPECT_EQ(events.back()["from"], "kita");
  EXPECT_EQ(events.back()["to"], "chuo");

  // The partner's inbox is as it was: same referrals, statuses, versions and texts; only the
  // referring ward and its desk to call back are now 中央区's.
  EXPECT_EQ(without_ward(body_json(get("partner.itokonchi", "/api/v1/referrals"))),
            without_ward(inbox_before));
  Json referral_after = body_json(
      get("partner.itokonchi", "/api/v1/referrals/" + open_referral["id"].get<std::string>()));
  EXPECT_EQ(without_ward(referral_after), without_ward(referral_before));
  EXPECT_EQ(referral_before["ward_contact"]["ward"], "kita");
  EXPECT_EQ(referral_after["ward_contact"]["ward"], "chuo");
  EXPECT_EQ(referral_after["ward"], "chuo");
  // The open referral continues in 中央区; the withdrawn one stays with 北区's history.
  const std::string open_path = "/api/v1/referrals/" + open_referral["id"].get<std::string>();
  EXPECT_EQ(get("coord.chuo", open_path)->status, 200);
  EXPECT_EQ(get("coord.kita", open_path)->status, 404);
  EXPECT_EQ(get("coord.kita", "/api/v1/referrals/" + ended["id"].get<std::string>())->status, 200);
  auto accept_by_partner =
      post("partner.itokonchi", open_path + "/transitions", {{"to", "accepted"}});
  EXPECT_EQ(accept_by_partner->status, 200) << accept_by_partner->body;
  Json decided = body_json(get("coord.chuo", "/api/v1/notifications"));
  EXPECT_EQ(decided["items"][0]["kind"], "referral.decided");
}

TEST_F(CaseTransferTest, TheFormerWardReadsWhatHappenedBeforeTheMoveAndChangesNothing) {
  std::string id = kita_case();
  ASSERT_EQ(contact_before_move(id), 201);
  Json t = request(id);
  // A clock that moves at every reading: the move's event still falls within 北区's view.
  server_.clock().set_step(std::chrono::milliseconds(1));
  ASSERT_EQ(step("coord.chuo", t, {{"to", "accepted"}})->status, 200);
  server_.clock().set_step(std::chrono::milliseconds(0));
  advance(std::chrono::hours(1));
  // 中央区 carries on: a contact and a change of risk.
  auto visit = post("coord.chuo", "/api/v1/cases/" + id + "/contacts",
                    {{"kind", "home_visit"}, {"on", "2026-04-01"}, {"summary", "転居先を訪問"}});
  ASSERT_EQ(visit->status, 201) << visit->body;
  auto patched = client_.Patch(("/api/v1/cases/" + id).c_str(), as("coord.chuo"),
                               Json({{"risk_level", "high"}}).dump(), "application/json");
  ASSERT_EQ(patched->status, 200);

  Json as_left = body_json(get("coord.kita", "/api/v1/cases/" + id));
  EXPECT_EQ(as_left["ward"], "kita");
  EXPECT_EQ(as_left["risk_level"], "medium");  // not what 中央区 did after
  EXPECT_EQ(as_left["transferred_to"], "chuo");
  EXPECT_FALSE(as_left["transferred_at"].is_null());
  Json kita_contacts = body_json(get("coord.kita", "/api/v1/cases/" + id + "/contacts"));
  ASSERT_EQ(kita_contacts["total"], 1);
  EXPECT_EQ(kita_contacts["items"][0]["ward"], "kita");
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + id + "/contacts"))["total"], 2);
  const Json kita_events = body_json(get("coord.kita", "/api/v1/cases/" + id + "/events"));
  for (const Json& e : kita_events["items"]) {
    EXPECT_NE(e["kind"], "edited") << "北区 sees no change made after the move";
  }
  ASSERT_FALSE(kita_events["items"].empty());
  EXPECT_EQ(kita_events["items"].back()["kind"], "transferred") << "北区 sees the move itself";
  const Json kita_timeline = body_json(get("coord.kita", "/api/v1/cases/" + id + "/timeline"));
  for (const Json& e : kita_timeline["items"]) {
    EXPECT_LE(e["at"].get<std::string>(), as_left["transferred_at"].get<std::string>());
  }

  // Read-only: every change is refused.
  auto write = post("coord.kita", "/api/v1/cases/" + id + "/contacts",
                    {{"kind", "phone"}, {"on", "2026-04-01"}, {"summary", "x"}});
  ASSERT_EQ(write->status, 409);
  EXPECT_EQ(body_json(write)["code"], "case.transferred");
  auto edit = client_.Patch(("/api/v1/cases/" + id).c_str(), as("coord.kita"),
                            Json({{"risk_level", "low"}}).dump(), "application/json");
  EXPECT_EQ(edit->status, 404);
  EXPECT_EQ(post("coord.kita", "/api/v1/cases/" + id + "/close", {{"reason", "x"}})->status, 404);
  // A partner still gets nothing: its role's 403, as for every case.
  EXPECT_EQ(get("partner.itokonchi", "/api/v1/cases/" + id + "/contacts")->status, 403);
}

TEST_F(CaseTransferTest, DeclineNeedsAReasonAndLeavesTheCaseWhereItWas) {
  std::string id = kita_case();
  Json t = request(id);
  auto no_reason = step("coord.chuo", t, {{"to", "declined"}});
  ASSERT_EQ(no_reason->status, 422);
  EXPECT_EQ(error_fields(no_reason), (std::set<std::string>{"reason"}));
  auto declined =
      step("coord.chuo", t, {{"to", "declined"}, {"reason", "転居先が中央区ではなかった"}});
  ASSERT_EQ(declined->status, 200) << declined->body;
  EXPECT_EQ(body_json(declined)["status"], "declined");
  EXPECT_EQ(body_json(get("coord.kita", "/api/v1/cases/" + id))["ward"], "kita");
  EXPECT_EQ(get("coord.chuo", "/api/v1/cases/" + id)->status, 404);
  auto again = step("coord.chuo", t, {{"to", "accepted"}});
  ASSERT_EQ(again->status, 409);
  EXPECT_EQ(body_json(again)["code"], "transfer.illegal_transition");
  request(id);  // a new request may follow
  Json notes = body_json(get("coord.kita", "/api/v1/notifications"));
  EXPECT_EQ(notes["items"][0]["kind"], "transfer.decided");
}

TEST_F(CaseTransferTest, TheSenderWithdrawsAndThenNobodyAccepts) {
  std::string id = kita_case();
  Json t = request(id);
  EXPECT_EQ(step("coord.chuo", t, {{"to", "withdrawn"}})->status, 403);
  auto stale =
      post("coord.kita", "/api/v1/transfers/" + t["id"].get<std::string>() + "/transitions",
           {{"to", "withdrawn"}}, {{"If-Match", "\"7\""}});
  EXPECT_EQ(stale->status, 412);
  auto withdrawn = step("coord.kita", t, {{"to", "withdrawn"}});
  ASSERT_EQ(withdrawn->status, 200) << withdrawn->body;
  EXPECT_EQ(body_json(withdrawn)["status"], "withdrawn");
  EXPECT_EQ(step("coord.chuo", t, {{"to", "accepted"}})->status, 409);
  EXPECT_EQ(step("coord.chuo", t, {{"to", "pending"}})->status, 422);
  EXPECT_EQ(body_json(get("coord.kita", "/api/v1/cases/" + id))["ward"], "kita");
}

TEST_F(CaseTransferTest, AcceptRacingWithdrawFromTwentyThreadsHasOneOutcome) {
  std::string id = kita_case();
  Json t = request(id);
  const std::string path = "/api/v1/transfers/" + t["id"].get<std::string>() + "/transitions";
  std::atomic<int> ok{0}, conflict{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i) {
    const bool accept = i % 2 == 0;
    auto headers = as(accept ? "coord.chuo" : "coord.kita");
    threads.emplace_back([&, accept, headers] {
      httplib::Client client = server_.client();
      auto res = post_json(client, path, {{"to", accept ? "accepted" : "withdrawn"}}, headers);
      if (res && res->status == 200) {
        ++ok;
      } else if (res && (res->status == 409 || res->status == 412)) {
        ++conflict;
      } else {
        ++other;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), 19);
  EXPECT_EQ(other.load(), 0);
  Json final_state =
      body_json(get("coord.kita", "/api/v1/transfers/" + t["id"].get<std::string>()));
  if (final_state["status"] == "accepted") {
    EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + id))["ward"], "chuo");
  } else {
    EXPECT_EQ(final_state["status"], "withdrawn");
    EXPECT_EQ(body_json(get("coord.kita", "/api/v1/cases/" + id))["ward"], "kita");
  }
  // One transition, one event at most: the case moved once or not at all.
  int transferred = 0;
  auto events = get(final_state["status"] == "accepted" ? "coord.chuo" : "coord.kita",
                    "/api/v1/cases/" + id + "/events");
  const Json history = body_json(events);
  for (const Json& e : history["items"]) transferred += e["kind"] == "transferred";
  EXPECT_EQ(transferred, final_state["status"] == "accepted" ? 1 : 0);
}

// Scenario 8: a family in 北区 moves to 中央区. 北区 transfers the case; 中央区's coordinator
// accepts it; the open referral to a clinic continues without a gap, and 北区 can still read
// what it did before the move.
TEST_F(CaseTransferTest, Scenario8AMove) {
  std::string id = kita_case();
  Json clinic = kita_referral(id, kKitaClinic);
  ASSERT_EQ(contact_before_move(id), 201);
  Json t = request(id);
  Json incoming = body_json(get("coord.chuo", "/api/v1/transfers?status=pending"));
  ASSERT_EQ(incoming["total"], 1);
  ASSERT_EQ(step("coord.chuo", incoming["items"][0], {{"to", "accepted"}})->status, 200);

  // The clinic's referral is 中央区's now, still waiting for the clinic's answer.
  Json list = body_json(get("coord.chuo", "/api/v1/referrals?case_id=" + id));
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["id"], clinic["id"]);
  EXPECT_EQ(list["items"][0]["status"], "sent");
  EXPECT_EQ(list["items"][0]["version"], clinic["version"]);
  // 中央区 names its own lead and goes on.
  auto lead = client_.Patch(("/api/v1/cases/" + id).c_str(), as("coord.chuo"),
                            Json({{"lead_user_id", kStaffChuoId}}).dump(), "application/json");
  EXPECT_EQ(lead->status, 200) << lead->body;
  // 北区 still reads what it did.
  EXPECT_EQ(body_json(get("coord.kita", "/api/v1/cases/" + id + "/contacts"))["total"], 1);
  Json outgoing = body_json(get("coord.kita", "/api/v1/transfers"));
  EXPECT_EQ(outgoing["items"][0]["status"], "accepted");
  EXPECT_EQ(outgoing["items"][0]["direction"], "outgoing");
}

}  // namespace
}  // namespace tsunagu::testing
