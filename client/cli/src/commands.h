// The subcommands, one function per group registering its commands on the root CLI11 app. Each
// command reads its options, calls the API through ctx.api(), and prints a table (or the
// server's JSON with --json). Errors are thrown (errors.h) and turned into exit codes by main().
//
// Thread-safety: single-threaded.
#pragma once

#include <CLI/CLI.hpp>

#include "context.h"

namespace tsunagu::cli {

void add_auth_commands(CLI::App& app, Context& ctx);       // login, logout, whoami
void add_directory_commands(CLI::App& app, Context& ctx);  // org
void add_case_commands(CLI::App& app, Context& ctx);       // case
// case contacts, case assess, case forms (commands_casework.cc), under `case`.
void add_casework_commands(CLI::App* cases, Context& ctx);
void add_referral_commands(CLI::App& app, Context& ctx);   // referral
void add_meeting_commands(CLI::App& app, Context& ctx);    // meeting, actions
void add_report_commands(CLI::App& app, Context& ctx);     // gaps, report, network
void add_completion_command(CLI::App& app, Context& ctx);  // completion bash

// Lists the items of a list answer as a table with the given columns; "(none)" when empty, and
// "n of total" when the page does not hold everything.
struct Column {
  std::string ja, en;
  std::function<std::string(const Json&)> cell;
  bool whole = false;     // never shortened (ids, dates)
  bool flexible = false;  // shortened first (free text)
};
void print_list(Context& ctx, const Json& page, const std::vector<Column>& columns);

// The display name of a user of the caller's wards (GET /api/v1/users, once per run), or the id
// when the caller may not list users.
std::string user_display_name(Context& ctx, const std::string& id);
// The id of a user named by "me", their id, or their display name among the users of the
// caller's wards; anything else as it is (the server refuses it, naming the field).
std::string user_id_for(Context& ctx, const std::string& who);
// The name of a directory entry (looked up once per id), or the id when it is not visible.
std::string organization_display_name(Context& ctx, const std::string& id);

// --page and --per-page of a list command, and the query with them.
struct Paging {
  int page = 1;
  int per_page = 50;
};
void add_paging_options(CLI::App* command, Paging& paging);
Query paged(Query query, const Paging& paging);

// The path of one record: "/api/v1/<collection>/<id>" with the id percent-encoded.
std::string record_path(const std::string& collection, const std::string& id);

}  // namespace tsunagu::cli

namespace tsunagu::cli {
// Whether `s` is an id (UUID or ULID) rather than a case reference.
bool looks_like_id(const std::string& s);
// The case whose case_ref is `case_ref` (ApiError 404 when none or several match).
Json find_case(Context& ctx, const std::string& case_ref);
// An id as it is; a case reference resolved through the case search.
std::string resolve_case_id(Context& ctx, const std::string& id_or_ref);
}  // namespace tsunagu::cli
