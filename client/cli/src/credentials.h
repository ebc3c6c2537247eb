// The signed-in session on this machine: the server's address, the bearer token, the username
// and when the token expires, kept in $XDG_CONFIG_HOME/tsunagu/credentials.json (else
// ~/.config/tsunagu/) with mode 0600 in a 0700 folder. The token is as good as the password for
// its lifetime, so the file is written with those modes from the start (never chmod'ed after).
//
// Thread-safety: functions on the file system; do not call them concurrently.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace tsunagu::cli {

struct Credentials {
  std::string server;
  std::string token;
  std::string username;
  std::string expires_at;
};

// $XDG_CONFIG_HOME/tsunagu/credentials.json, or $HOME/.config/tsunagu/credentials.json.
std::filesystem::path credentials_path();

std::optional<Credentials> load_credentials();
// Throws std::runtime_error when the file cannot be written.
void save_credentials(const Credentials& credentials);
// True when a file was removed.
bool remove_credentials();

}  // namespace tsunagu::cli
