// The rules a directory entry must keep, beyond its JSON types: a name, known wards, lat and lon
// together and in range, a kana reading written in kana, plausible phone/e-mail/website, hours
// that say either a weekday or a date, one kind of exception per date, age ranges that make
// sense. Each check returns every broken rule as a field error (field names as in the API), so
// a client hears about all of its mistakes at once.
//
// Thread-safety: pure functions; check_wards reads on the caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/directory/directory.h"

namespace tsunagu::storage {
class Connection;
}

namespace tsunagu::domain {

std::vector<FieldError> check_organization(const OrganizationFields& f);
std::vector<FieldError> check_service(const ServiceFields& f);
// `field` is the name of the array, e.g. "hours".
std::vector<FieldError> check_hours(const std::vector<HoursEntry>& hours,
                                    const std::string& field = "hours");
// Every ward code must be one of Sapporo's ten.
std::vector<FieldError> check_wards(storage::Connection& c, const std::vector<std::string>& wards);

}  // namespace tsunagu::domain
