#include "http/json_io.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace tsunagu::http {
namespace {

std::vector<std::string> fields(const Status& s) {
  std::vector<std::string> out;
  if (!s.ok()) {
    for (const auto& f : s.error().fields()) out.push_back(f.field);
  }
  return out;
}

TEST(FieldReaderTest, ReadsTypedFieldsAndNormalisesText) {
  Json body = {{"name", "  いとこんち\xE3\x80\x80"},
               {"age_min", 12},
               {"council_member", true},
               {"lat", 43.05},
               {"tags", {"居場所", "夜"}},
               {"category", "youth_space"}};
  FieldReader r(body);
  EXPECT_EQ(r.string("name", Need::kRequired), "いとこんち");
  EXPECT_EQ(r.integer("age_min", Need::kOptional, 0, 30), 12);
  EXPECT_EQ(r.boolean("council_member"), true);
  EXPECT_DOUBLE_EQ(*r.number("lat", Need::kOptional, -90, 90), 43.05);
  EXPECT_EQ(r.strings("tags")->size(), 2u);
  EXPECT_EQ(r.one_of("category", {"youth_space", "npo"}), "youth_space");
  EXPECT_FALSE(r.string("absent").has_value());
  EXPECT_OK(r.finish());
}

TEST(FieldReaderTest, CollectsEveryErrorNotJustTheFirst) {
  Json body = {{"name", ""}, {"age_min", "twelve"}, {"lat", 123.0}, {"category", "bar"}};
  FieldReader r(body);
  r.string("name", Need::kRequired);
  r.integer("age_min");
  r.number("lat", Need::kOptional, -90, 90);
  r.one_of("category", {"youth_space", "npo"});
  r.string("phone", Need::kRequired);
  Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(fields(s), (std::vector<std::string>{"name", "age_min", "lat", "category", "phone"}));
}

TEST(FieldReaderTest, UnknownFieldsAreRejectedSoNobodyCanMassAssign) {
  Json body = {{"display_name", "佐藤"}, {"role", "admin"}, {"organization_id", "x"}};
  FieldReader r(body);
  r.string("display_name");
  Status s = r.finish();
  EXPECT_EQ(fields(s), (std::vector<std::string>{"organization_id", "role"}));
}

TEST(FieldReaderTest, NullCountsAsMissing) {
  Json body = {{"note", nullptr}};
  FieldReader r(body);
  EXPECT_FALSE(r.string("note").has_value());
  EXPECT_OK(r.finish());
}

TEST(FieldReaderTest, NonObjectBodyIsOneClearError) {
  FieldReader r(Json::array({1, 2}));
  r.string("name", Need::kRequired);
  Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields().size(), 1u);
  EXPECT_EQ(s.error().fields()[0].message, "must be a JSON object");
}

TEST(FieldReaderTest, NestedReadersPrefixTheirFields) {
  Json body = {{"hours", {{{"weekday", 9}}}}};
  FieldReader r(body);
  const Json* hours = r.raw("hours");
  ASSERT_NE(hours, nullptr);
  FieldReader slot((*hours)[0], "hours[0].");
  slot.integer("weekday", Need::kRequired, 0, 6);
  slot.string("opens", Need::kRequired);
  r.absorb(slot);
  EXPECT_EQ(fields(r.finish()), (std::vector<std::string>{"hours[0].weekday", "hours[0].opens"}));
}

TEST(FieldReaderTest, LimitsAreInCharactersNotBytes) {
  Json body = {{"label", "あいう"}};  // 3 characters, 9 bytes
  FieldReader r(body);
  EXPECT_EQ(r.string("label", Need::kOptional, 3), "あいう");
  EXPECT_OK(r.finish());
  FieldReader r2(body);
  EXPECT_FALSE(r2.string("label", Need::kOptional, 2).has_value());
  EXPECT_FALSE(r2.finish().ok());
}

TEST(FieldReaderTest, IntegersRejectFractionsAndOverflow) {
  Json body = {{"a", 1.5}, {"b", 18446744073709551615ull}};
  FieldReader r(body);
  EXPECT_FALSE(r.integer("a").has_value());
  EXPECT_FALSE(r.integer("b").has_value());
  EXPECT_EQ(fields(r.finish()), (std::vector<std::string>{"a", "b"}));
}

TEST(PagingTest, DefaultsAndLimits) {
  httplib::Request req;
  auto p = parse_paging(req);
  ASSERT_OK(p);
  EXPECT_EQ(p->page, 1);
  EXPECT_EQ(p->per_page, 50);
  req.params.emplace("per_page", "201");
  EXPECT_EQ(parse_paging(req).error().kind(), ErrorKind::kMalformed);
  req.params.clear();
  req.params.emplace("page", "0");
  EXPECT_FALSE(parse_paging(req).ok());
  req.params.clear();
  req.params.emplace("page", "3");
  req.params.emplace("per_page", "20");
  EXPECT_EQ(parse_paging(req)->offset(), 40);
}

TEST(ParseJsonBodyTest, MediaTypeAndSyntax) {
  httplib::Request req;
  req.body = R"({"a":1})";
  EXPECT_EQ(parse_json_body(req).error().kind(), ErrorKind::kUnsupportedFormat);
  req.headers.emplace("Content-Type", "application/json; charset=utf-8");
  EXPECT_OK(parse_json_body(req));
  req.body = R"({"a":)";
  EXPECT_EQ(parse_json_body(req).error().kind(), ErrorKind::kMalformed);
  req.body = "\"\xFF\"";
  EXPECT_EQ(parse_json_body(req).error().kind(), ErrorKind::kMalformed);
}

TEST(ParseJsonTextTest, NestingIsLimitedWithoutRecursion) {
  std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_OK(parse_json_text(ok));
  std::string deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  auto res = parse_json_text(deep);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().kind(), ErrorKind::kMalformed);
  EXPECT_NE(res.error().message().find("32 levels"), std::string::npos);
  std::string objects;
  for (int i = 0; i < 200'000; ++i) objects += "{\"a\":";
  EXPECT_FALSE(parse_json_text(objects + "1" + std::string(200'000, '}')).ok());
}

TEST(ParseJsonTextTest, DuplicateKeysAreRefusedAtAnyDepth) {
  EXPECT_OK(parse_json_text(R"({"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]})"));
  for (const char* text : {R"({"a": 1, "a": 1})", R"({"x": {"b": 1, "b": 2}})",
                           R"([{"c": [{"d": 1, "e": 2, "d": 3}]}])"}) {
    auto res = parse_json_text(text);
    ASSERT_FALSE(res.ok()) << text;
    EXPECT_EQ(res.error().kind(), ErrorKind::kMalformed) << text;
    EXPECT_NE(res.error().message().find("twice"), std::string::npos) << text;
  }
  // A key that is not plain text is not quoted back.
  auto res = parse_json_text("{\"\\u0007\": 1, \"\\u0007\": 2}");
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().message(), "The body has a key twice in one object.");
}

TEST(ParseJsonTextTest, InvalidUtf8AndTrailingBytesAre400) {
  EXPECT_FALSE(parse_json_text("\"\xff\"").ok());
  EXPECT_FALSE(parse_json_text("{} {}").ok());
  EXPECT_FALSE(parse_json_text("").ok());
}

}  // namespace
}  // namespace tsunagu::http
