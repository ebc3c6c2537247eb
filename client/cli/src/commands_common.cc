#include "commands.h"

#include <map>
#include <optional>

#include "errors.h"

namespace tsunagu::cli {

void print_list(Context& ctx, const Json& page, const std::vector<Column>& columns) {
  const Json& items = page.is_array() ? page : page.value("items", Json::array());
  if (items.empty()) {
    ctx.print_line(ctx.dim(ctx.t("（該当なし）", "(none)")));
    return;
  }
  std::vector<std::string> headers;
  for (const auto& c : columns) headers.push_back(ctx.t(c.ja, c.en));
  Table table(headers);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].whole) table.keep_whole(i);
    if (columns[i].flexible) table.shrink_first(i);
  }
  for (const auto& item : items) {
    std::vector<std::string> row;
    for (const auto& c : columns) row.push_back(c.cell(item));
    table.add_row(std::move(row));
  }
  ctx.print_table(table);
  if (page.is_object() && page.contains("total")) {
    auto total = page["total"].get<long long>();
    if (total > static_cast<long long>(items.size()))
      ctx.print_line(ctx.dim(ctx.t(std::to_string(total) + " 件中 " + std::to_string(items.size()) +
                                       " 件を表示（--page で続き）",
                                   std::to_string(items.size()) + " of " + std::to_string(total) +
                                       " shown (--page for more)")));
  }
}

namespace {

// The enabled users of the caller's wards (GET /api/v1/users, once per run); empty when the caller
// may not list them.
const Json& ward_users(Context& ctx) {
  static std::optional<Json> users;
  if (!users) {
    try {
      users = ctx.api().get("/api/v1/users", {{"per_page", "200"}}).value("items", Json::array());
    } catch (const ApiError&) {
      users = Json::array();  // partners may not list users: show ids
    }
  }
  return *users;
}

}  // namespace

std::string user_display_name(Context& ctx, const std::string& id) {
  if (id.empty()) return "";
  for (const auto& u : ward_users(ctx))
    if (text(u, "id") == id) return text(u, "display_name");
  return id;
}

std::string user_id_for(Context& ctx, const std::string& who) {
  if (who == "me") {
    Json me = ctx.api().get("/api/v1/me");
    return text(me.contains("user") ? me["user"] : me, "id");
  }
  for (const auto& u : ward_users(ctx))
    if (text(u, "id") == who || text(u, "display_name") == who) return text(u, "id");
  return who;  // the server names it if it is no one of the ward
}

std::string organization_display_name(Context& ctx, const std::string& id) {
  static std::map<std::string, std::string> names;
  if (id.empty()) return "";
  auto [it, inserted] = names.try_emplace(id, id);
  if (inserted) {
    try {
      it->second = text(ctx.api().get(record_path("organizations", id)), "name");
    } catch (const ApiError&) {
      // not visible to this caller: the id is all there is to show
    }
  }
  return it->second;
}

void add_paging_options(CLI::App* command, Paging& paging) {
  command->add_option("--page", paging.page, "Page (default 1)")->check(CLI::PositiveNumber);
  command->add_option("--per-page", paging.per_page, "Per page (default 50, at most 200)")
      ->check(CLI::Range(1, 200));
}

Query paged(Query query, const Paging& paging) {
  query.emplace_back("page", std::to_string(paging.page));
  query.emplace_back("per_page", std::to_string(paging.per_page));
  return query;
}

std::string record_path(const std::string& collection, const std::string& id) {
  return "/api/v1/" + collection + "/" + url_encode(id);
}

}  // namespace tsunagu::cli
