#include "domain/directory/directory_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "domain/audit/audit.h"
#include "domain/directory/directory_index.h"
#include "domain/directory/directory_rules.h"
#include "domain/directory/directory_store.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

struct PlannedService {
  Service service;
  bool is_new = false;
  bool changed = false;
  std::string moved_from;  // the organization it belonged to, when the file moves it
};

struct PlannedOrganization {
  Organization organization;
  bool is_new = false;
  bool changed = false;
  std::vector<PlannedService> services;
};

// The organization's fields after the import: the file's where it speaks, the stored record's
// (or a new record's) where it cannot. Visibility and address visibility of a stored record are
// never the file's: an import must not make a network-only entry or a withheld address public.
OrganizationFields merged(const std::optional<Organization>& stored,
                          const ImportedOrganization& in) {
  OrganizationFields f;
  if (stored) {
    f = stored->fields;
  } else {
    f.visibility = Visibility::kPublic;  // it was published as open data
    f.address_visibility =
        in.has_location ? AddressVisibility::kPublic : AddressVisibility::kNetwork;
  }
  f.name = in.fields.name;
  f.name_kana = in.fields.name_kana;
  f.description = in.fields.description;
  f.phone = in.fields.phone;
  f.email = in.fields.email;
  f.website = in.fields.website;
  if (in.has_category) f.category = in.fields.category;
  if (in.has_wards) f.wards = in.fields.wards;
  if (in.has_location) {
    f.address = in.fields.address;
    f.lat = in.fields.lat;
    f.lon = in.fields.lon;
  }
  return f;
}

void add_problems(std::vector<ImportProblem>& out, const std::string& file, int line,
                  const std::string& id, bool is_service, std::vector<FieldError> errors,
                  const std::vector<std::string>& wards = {}) {
  for (FieldError& e : errors) {
    std::string problem = std::move(e.message);
    // check_wards names the position; the reader of a report needs the value.
    if (e.field.starts_with("wards[")) {
      size_t k = std::stoul(e.field.substr(6));
      if (k < wards.size()) problem = "'" + wards[k] + "' " + problem;
    }
    out.push_back({file, line, id, is_service, std::move(e.field), std::move(problem)});
  }
}

// Checks and plans every record on `c`; writes nothing.
Result<std::vector<PlannedOrganization>> plan(storage::Connection& c, const Clock& clock,
                                              const DirectoryImport& input,
                                              const ImportOptions& options, ImportReport& report) {
  std::vector<PlannedOrganization> out;
  std::map<std::string, int> first_line;  // id → the line it first appears on
  auto once = [&](const std::string& id, int line, bool is_service) {
    auto [at, fresh] = first_line.emplace(id, line);
    if (!fresh) {
      report.problems.push_back(
          {input.file, line, id, is_service, "id",
           "appears twice in the file (first on line " + std::to_string(at->second) + ")"});
    }
  };
  const TimePoint now = clock.now();
  size_t done = 0;
  for (const ImportedOrganization& in : input.organizations) {
    once(in.id, in.line, false);
    PlannedOrganization p;
    TRY_ASSIGN(std::optional<Organization> stored, store::load_organization(c, in.id));
    OrganizationFields fields = merged(stored, in);
    std::vector<FieldError> errors = check_organization(fields);
    add_field_errors(errors, check_wards(c, fields.wards));
    add_problems(report.problems, input.file, in.line, in.id, false, std::move(errors),
                 fields.wards);
    p.is_new = !stored;
    p.changed = p.is_new || stored->fields != fields;
    p.organization = stored ? std::move(*stored) : Organization{};
    p.organization.id = in.id;
    if (p.changed) {
      p.organization.fields = std::move(fields);
      p.organization.version = p.is_new ? 1 : p.organization.version + 1;
      p.organization.updated_at = now;
      if (p.is_new) p.organization.created_at = now;
    }
    ImportCounts& oc = report.organizations;
    ++(p.is_new ? oc.created : p.changed ? oc.updated : oc.unchanged);

    for (const ImportedService& s : in.services) {
      once(s.service.id, s.line, true);
      add_problems(report.problems, input.file, s.line, s.service.id, true,
                   check_service(s.service.fields));
      TRY_ASSIGN(std::optional<Service> old, store::load_service(c, s.service.id));
      PlannedService ps;
      ps.is_new = !old;
      Service next = old ? *old : Service{};
      next.id = s.service.id;
      next.organization_id = in.id;
      next.fields = s.service.fields;
      // Hours equal to the organization's that the service took from it stay inherited.
      next.hours_inherited = next.fields.hours.empty() || (old && old->hours_inherited &&
                                                           old->fields.hours == next.fields.hours);
      ps.changed = ps.is_new || old->organization_id != in.id || old->fields != next.fields ||
                   (s.last_modified && format_utc(*s.last_modified) != format_utc(old->updated_at));
      if (old && old->organization_id != in.id) ps.moved_from = old->organization_id;
      if (ps.changed) {
        next.version = ps.is_new ? 1 : next.version + 1;
        next.updated_at = s.last_modified.value_or(now);
        if (ps.is_new) next.created_at = next.updated_at;
      }
      ps.service = std::move(next);
      ImportCounts& sc = report.services;
      ++(ps.is_new ? sc.created : ps.changed ? sc.updated : sc.unchanged);
      p.services.push_back(std::move(ps));
    }
    out.push_back(std::move(p));
    ++done;
    if (options.progress && (done == input.organizations.size() ||
                             (options.progress_every > 0 && done % options.progress_every == 0))) {
      options.progress(done, input.organizations.size());
    }
  }
  return out;
}

std::string summary(const DirectoryImport& input, const ImportReport& r) {
  auto counts = [](const ImportCounts& n) {
    return std::to_string(n.created) + " created, " + std::to_string(n.updated) + " updated, " +
           std::to_string(n.unchanged) + " unchanged";
  };
  return input.file + ": organizations " + counts(r.organizations) + "; services " +
         counts(r.services);
}

Status write_planned(storage::Connection& c, const std::vector<PlannedOrganization>& planned) {
  std::set<std::string> reindex;
  for (const PlannedOrganization& p : planned) {
    if (p.is_new) {
      store::insert_organization(c, p.organization);
    } else if (p.changed) {
      store::update_organization(c, p.organization);
    }
    if (p.changed) reindex.insert(p.organization.id);
    for (const PlannedService& s : p.services) {
      if (!s.changed) continue;
      if (s.is_new) {
        store::insert_service(c, s.service);
      } else {
        store::update_service(c, s.service);
      }
      reindex.insert(s.service.organization_id);
      if (!s.moved_from.empty()) reindex.insert(s.moved_from);
    }
  }
  for (const std::string& id : reindex) TRY(store::reindex_organization(c, id));
  return Status::Ok();
}

}  // namespace

Result<ImportReport> import_directory(storage::Database& db, const Clock& clock, const Actor* actor,
                                      const RequestMeta& meta, const DirectoryImport& input,
                                      const ImportOptions& options) {
  auto run = [&](storage::Connection& c, bool may_write) -> Result<ImportReport> {
    ImportReport report;
    report.problems = input.problems;
    TRY_ASSIGN(std::vector<PlannedOrganization> planned, plan(c, clock, input, options, report));
    // In file order, whoever found them (the reader or the rules).
    std::stable_sort(
        report.problems.begin(), report.problems.end(),
        [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
    if (!report.problems.empty() || !may_write) return report;
    TRY(write_planned(c, planned));
    audit::append(c, clock, actor, meta,
                  {"directory.import", "directory", std::nullopt, std::nullopt, std::nullopt,
                   summary(input, report)});
    report.written = true;
    return report;
  };
  if (options.dry_run) {
    return db.read([&](storage::Connection& c) { return run(c, false); });
  }
  return write_directory(db, [&](storage::Connection& c) { return run(c, true); });
}

}  // namespace tsunagu::domain
