#include "common/text.h"

#include <gtest/gtest.h>

namespace tsunagu {
namespace {

std::string fold(std::string_view s) {
  auto r = fold_for_search(s);
  EXPECT_TRUE(r.ok()) << s;
  return r.ok() ? *r : "";
}

TEST(TextTest, FoldsWidthKanaAndCaseTogether) {
  // いとこんち written five ways meets itself.
  const std::string key = fold("いとこんち");
  EXPECT_EQ(key, "いとこんち");
  EXPECT_EQ(fold("イトコンチ"), key);
  EXPECT_EQ(fold("ｲﾄｺﾝﾁ"), key);  // half-width katakana
  EXPECT_EQ(fold("いとコンち"), key);
  // Full-width Latin and digits fold to ASCII lowercase.
  EXPECT_EQ(fold("ＮＰＯ法人　１２３"), fold("npo法人 123"));
  EXPECT_EQ(fold("Night Nursery"), "night nursery");
}

TEST(TextTest, HalfWidthVoicedKanaCompose) {
  EXPECT_EQ(fold("ﾎﾞﾗﾝﾃｨｱ"), fold("ボランティア"));
  EXPECT_EQ(fold("ﾎﾞﾗﾝﾃｨｱ"), "ぼらんてぃあ");
}

TEST(TextTest, KanjiAndProlongedSoundMarkUnchanged) {
  EXPECT_EQ(fold("夜間保育所"), "夜間保育所");
  EXPECT_EQ(fold("センター"), "せんたー");
}

TEST(TextTest, KanaConversionBothWays) {
  EXPECT_EQ(katakana_to_hiragana("サッポロ"), "さっぽろ");
  EXPECT_EQ(hiragana_to_katakana("さっぽろ"), "サッポロ");
  EXPECT_EQ(katakana_to_hiragana("ヴ"), "ゔ");
  EXPECT_EQ(katakana_to_hiragana("abc漢字"), "abc漢字");
}

TEST(TextTest, NfcComposesDecomposedText) {
  // が as か + combining dakuten (U+3099) is stored as the single code point.
  EXPECT_EQ(*to_nfc("\xE3\x81\x8B\xE3\x82\x99"), "が");
}

TEST(TextTest, InvalidUtf8IsAnErrorNotACrash) {
  EXPECT_FALSE(is_valid_utf8("\xFF\xFE"));
  EXPECT_FALSE(fold_for_search("abc\xC3").ok());
  EXPECT_FALSE(to_nfc("\xE3\x81").ok());
  EXPECT_TRUE(is_valid_utf8("中央区"));
}

TEST(TextTest, LengthCountsCodePoints) {
  EXPECT_EQ(utf8_length("すすきの"), 4u);
  EXPECT_EQ(utf8_length("abc"), 3u);
}

TEST(TextTest, CodePointsDecodeEveryLengthAndReplaceBadBytes) {
  EXPECT_EQ(code_points("aé中𠮷"), (std::vector<char32_t>{U'a', U'é', U'中', U'𠮷'}));
  EXPECT_EQ(code_points(""), std::vector<char32_t>{});
  // A stray continuation byte and a cut sequence each become U+FFFD; decoding goes on.
  EXPECT_EQ(code_points("a\x80"
                        "b\xE4\xB8"),
            (std::vector<char32_t>{U'a', U'\uFFFD', U'b', U'\uFFFD', U'\uFFFD'}));
}

TEST(TextTest, TrimRemovesIdeographicSpace) {
  EXPECT_EQ(trim("\xE3\x80\x80 中央区 \xE3\x80\x80"), "中央区");
  EXPECT_EQ(trim("   "), "");
}

}  // namespace
}  // namespace tsunagu
