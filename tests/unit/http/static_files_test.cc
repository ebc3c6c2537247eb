// Which file a URL path names: never one outside the web client's folder.
#include "http/static_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "support/test_support.h"

namespace tsunagu::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root_dir() / "assets");
    write(root_dir() / "index.html", "<!doctype html>");
    write(root_dir() / "assets" / "app-Bx3k9LmQ.js", "js");
    write(root_dir() / ".env", "SECRET=1");
    write(outside_.path() / "secret.txt", "secret");
    root_ = fs::canonical(root_dir());
  }
  fs::path root_dir() const { return dir_.path() / "dist"; }
  static void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  testing::TempDir dir_;
  testing::TempDir outside_;
  fs::path root_;
};

TEST_F(StaticFilesTest, FilesInsideTheRoot) {
  EXPECT_EQ(file_under(root_, "/index.html"), root_ / "index.html");
  EXPECT_EQ(file_under(root_, "/assets/app-Bx3k9LmQ.js"), root_ / "assets" / "app-Bx3k9LmQ.js");
  EXPECT_EQ(file_under(root_, "//assets//app-Bx3k9LmQ.js"), root_ / "assets" / "app-Bx3k9LmQ.js");
  EXPECT_EQ(file_under(root_, "/"), root_);  // a folder: the caller serves index.html
  EXPECT_FALSE(file_under(root_, "/missing.js"));
}

TEST_F(StaticFilesTest, NothingOutsideTheRoot) {
  EXPECT_FALSE(file_under(root_, "/../dist/index.html"));
  EXPECT_FALSE(file_under(root_, "/assets/../../" + outside_.path().filename().string()));
  EXPECT_FALSE(file_under(root_, "/.env"));                              // dot-files
  EXPECT_FALSE(file_under(root_, "/assets/..\\..\\index.html"));         // backslashes
  EXPECT_FALSE(file_under(root_, std::string("/index.html\0.js", 15)));  // NUL
  EXPECT_FALSE(file_under(root_, "index.html"));                         // not a path
  EXPECT_FALSE(file_under(root_, "/C:/Windows"));
  // A symlink that leads out of the root.
  fs::create_symlink(outside_.path() / "secret.txt", root_ / "assets" / "link-Bx3k9LmQ.txt");
  fs::create_directory_symlink(outside_.path(), root_ / "out");
  EXPECT_FALSE(file_under(root_, "/assets/link-Bx3k9LmQ.txt"));
  EXPECT_FALSE(file_under(root_, "/out/secret.txt"));
}

TEST_F(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(content_type_for("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("a.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("logo.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("logo.png"), "image/png");
  EXPECT_EQ(content_type_for("f.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("app.js.map"), "application/json; charset=utf-8");
  EXPECT_EQ(content_type_for("favicon.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("data.json"), "application/json; charset=utf-8");
  EXPECT_EQ(content_type_for("README"), "application/octet-stream");
}

TEST(ClientPathPatternTest, TheApiPrefixesAreNotTheClients) {
  std::regex pattern(kClientPathPattern);
  for (const char* p :
       {"/", "/index.html", "/cases/123", "/assets/app-1.js", "/apiary", "/metricsboard"}) {
    EXPECT_TRUE(std::regex_match(p, pattern)) << p;
  }
  for (const char* p : {"/api", "/api/v1/me", "/hsds/organizations", "/healthz", "/metrics"}) {
    EXPECT_FALSE(std::regex_match(p, pattern)) << p;
  }
}

}  // namespace
}  // namespace tsunagu::http
