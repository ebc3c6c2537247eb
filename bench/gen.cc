// bench/gen: writes the benchmarks' synthetic city (bench/city.h: 10 wards, 5 000 organizations,
// 20 000 services, users of every role, 100 000 cases, 1 000 000 referrals with their histories,
// 20 000 meetings, the year of audit) into a new SQLite database, deterministically from a seed.
// Progress on stderr, a line per phase with counts and rates, and the total time.
//
// Usage: bench_gen [options] DB_PATH
//   --seed N            (19)       same seed and options → the same content
//   --organizations N   (5000)     --services N (20000)   --cases N (100000)
//   --referrals N       (1000000)  --meetings N (20000)
//   --case-reads F      (0.25)     share of referrals whose case page was read before sending
//   --scale F           multiplies every count above (0.01: a small city for a quick check)
//   --now RFC3339       the city's "now" (default: today 09:00 in Sapporo)
// Every account's password is bench-city-password-2026; a server started on the file needs
// TSUNAGU_AUDIT_KEY=tsunagu-bench-city-audit-key-0123456789abcdef (city.h).
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "bench/city.h"

int main(int argc, char** argv) {
  tsunagu::bench::CityOptions o;
  std::string path;
  double scale = 1;
  auto usage = [] {
    std::fprintf(stderr,
                 "usage: bench_gen [--seed N] [--organizations N] [--services N] [--cases N]\n"
                 "                 [--referrals N] [--meetings N] [--case-reads F] [--scale F]\n"
                 "                 [--now RFC3339] DB_PATH\n");
    return 2;
  };
  const std::map<std::string, int64_t*> counts = {{"--organizations", &o.organizations},
                                                  {"--services", &o.services},
                                                  {"--cases", &o.cases},
                                                  {"--referrals", &o.referrals},
                                                  {"--meetings", &o.meetings}};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--", 0) != 0) {
      if (!path.empty()) return usage();
      path = a;
      continue;
    }
    if (i + 1 >= argc) return usage();
    const char* v = argv[++i];
    if (a == "--seed") {
      o.seed = std::strtoull(v, nullptr, 10);
    } else if (a == "--case-reads") {
      o.case_reads = std::atof(v);
    } else if (a == "--scale") {
      scale = std::atof(v);
    } else if (a == "--now") {
      o.now = v;
    } else if (auto n = counts.find(a); n != counts.end()) {
      *n->second = std::atoll(v);
    } else {
      return usage();
    }
  }
  if (path.empty() || scale <= 0) return usage();
  auto scaled = [&](int64_t& n) { n = static_cast<int64_t>(static_cast<double>(n) * scale + 0.5); };
  for (int64_t* n : {&o.organizations, &o.services, &o.cases, &o.referrals, &o.meetings})
    scaled(*n);
  auto made = tsunagu::bench::generate_city(path, o);
  if (!made.ok()) {
    std::fprintf(stderr, "bench_gen: %s\n", made.error().to_string().c_str());
    return 1;
  }
  return 0;
}
