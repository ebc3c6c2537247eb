#include "credentials.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace tsunagu::cli {

std::filesystem::path credentials_path() {
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".config";
  } else {
    throw std::runtime_error("neither XDG_CONFIG_HOME nor HOME is set");
  }
  return base / "tsunagu" / "credentials.json";
}

std::optional<Credentials> load_credentials() {
  std::ifstream in(credentials_path());
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  auto j = nlohmann::json::parse(text.str(), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  Credentials c;
  c.server = j.value("server", "");
  c.token = j.value("token", "");
  c.username = j.value("username", "");
  c.expires_at = j.value("expires_at", "");
  if (c.token.empty()) return std::nullopt;
  return c;
}

void save_credentials(const Credentials& c) {
  const auto path = credentials_path();
  const auto dir = path.parent_path();
  std::filesystem::create_directories(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot create " + dir.string() + ": " + std::strerror(errno));
  const auto tmp = dir / "credentials.json.tmp";
  ::unlink(tmp.c_str());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
  std::string text = nlohmann::json{{"server", c.server},
                                    {"username", c.username},
                                    {"token", c.token},
                                    {"expires_at", c.expires_at}}
                         .dump(2) +
                     "\n";
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
  }
}

bool remove_credentials() {
  std::error_code ec;
  return std::filesystem::remove(credentials_path(), ec);
}

}  // namespace tsunagu::cli
