// The audit log for the auditor: each entry's chain link (hash, prev_hash), finding a household's
// entries by the ward's own number without opening its record, strict filters, CSV export.
#include <gtest/gtest.h>

#include "case_fixture.h"
#include "support/csv_reader.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class AuditExportTest : public CaseApiTest {
 protected:
  void SetUp() override {
    case_id_ = create_case("C-77", "high");
    ASSERT_EQ(get("coord.chuo", "/api/v1/cases/" + case_id_)->status, 200);
    create_case("C-78", "low");
  }
  std::string case_id_;
};

TEST_F(AuditExportTest, EntriesShowTheirChainLink) {
  auto res = get("auditor", "/api/v1/audit?per_page=20");
  ASSERT_EQ(res->status, 200);
  Json items = body_json(res)["items"];
  ASSERT_GE(items.size(), 3u);
  for (size_t i = 0; i + 1 < items.size(); ++i) {
    ASSERT_EQ(items[i]["seq"].get<int64_t>(), items[i + 1]["seq"].get<int64_t>() + 1);
    EXPECT_EQ(items[i]["prev_hash"], items[i + 1]["hash"]) << "newest first: each links back";
    EXPECT_EQ(items[i]["hash"].get<std::string>().size(), 64u);
  }
}

TEST_F(AuditExportTest, FindsAHouseholdByCaseRefAndWard) {
  auto res = get("auditor", "/api/v1/audit?case_ref=C-77&ward=chuo");
  ASSERT_EQ(res->status, 200) << res->body;
  Json page = body_json(res);
  ASSERT_EQ(page["total"], 2);  // created, read
  for (const auto& e : page["items"]) EXPECT_EQ(e["case_id"], case_id_);
  EXPECT_EQ(res->body.find("A.K."), std::string::npos) << "no household label";
  // The same number in another ward, or no such number: nothing, never the whole log.
  EXPECT_EQ(body_json(get("auditor", "/api/v1/audit?case_ref=C-77&ward=kita"))["total"], 0);
  EXPECT_EQ(body_json(get("auditor", "/api/v1/audit?case_ref=C-99&ward=chuo"))["total"], 0);
  EXPECT_EQ(
      body_json(get("auditor", "/api/v1/audit?case_ref=C-77&ward=chuo&case_id=" +
                                   std::string("00000000-0000-4000-8000-0000000000ff")))["total"],
      0);
  // A ward alone: the entries about its cases (two creations, one read).
  EXPECT_EQ(body_json(get("auditor", "/api/v1/audit?ward=chuo"))["total"], 3);
  EXPECT_EQ(body_json(get("auditor", "/api/v1/audit?ward=kita"))["total"], 0);
}

TEST_F(AuditExportTest, BadFiltersAre400NeverAnUnfilteredLog) {
  for (const std::string& q : std::vector<std::string>{
           "?case=C-77", "?case_ref=C-77", "?ward=nowhere", "?format=xml", "?caseid=" + case_id_}) {
    auto res = get("auditor", "/api/v1/audit" + q);
    ASSERT_EQ(res->status, 400) << q << " " << res->body;
    EXPECT_EQ(body_json(res)["errors"][0]["field"], q.substr(1, q.find('=') - 1)) << q;
  }
}

TEST_F(AuditExportTest, CsvExport) {
  auto res = get("auditor", "/api/v1/audit?case_ref=C-77&ward=chuo&format=csv");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(res->get_header_value("Content-Disposition"),
            "attachment; filename=\"audit_2026-04-01.csv\"; filename*=UTF-8''audit_2026-04-01.csv");
  EXPECT_EQ(res->get_header_value("X-Total-Count"), "2");
  ParsedCsv csv = parse_csv(res->body);
  EXPECT_TRUE(csv.bom);
  EXPECT_TRUE(csv.crlf);
  EXPECT_TRUE(csv.well_formed);
  auto rows = csv_records(csv);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["action"], "case.read");
  EXPECT_EQ(rows[1]["action"], "case.create");
  EXPECT_EQ(rows[0]["case_id"], case_id_);
  EXPECT_EQ(rows[0]["hash"].size(), 64u);
  EXPECT_EQ(rows[0]["at"], "2026-04-01T09:00:00+09:00");
  EXPECT_EQ(get("coord.chuo", "/api/v1/audit?format=csv")->status, 403);
}

}  // namespace
}  // namespace tsunagu::testing
