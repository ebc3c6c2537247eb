// Generates a large directory for bench/directory.sh: N organizations with 4 services each,
// through the same domain functions as the API (rules, hours, search index), in batches.
// Usage: bench_directory_data DB_PATH [ORGANIZATIONS=5000]
#include <cstdlib>
#include <iostream>
#include <random>

#include "domain/audit/audit.h"
#include "domain/directory/directory_services.h"
#include "domain/directory/organizations.h"
#include "storage/database.h"

using namespace tsunagu;

namespace {

const char* const kSyllables[] = {"さ", "つ", "き", "た", "ひ", "ま", "わ", "り", "ほ", "し",
                                  "ぞ", "ら", "こ", "も", "れ", "び", "あ", "お", "ば", "や"};
const char* const kWards[] = {"chuo",     "kita",   "higashi", "shiroishi", "atsubetsu",
                              "toyohira", "kiyota", "minami",  "nishi",     "teine"};
const char* const kKinds[] = {"保育園", "クリニック", "相談室", "居場所", "こども食堂", "町内会"};
const char* const kServices[] = {"夜間保育",   "一時預かり", "子育て相談", "学習支援",
                                 "食事の提供", "発達相談",   "産後ケア",   "見守り"};

std::string word(std::mt19937& rng, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += kSyllables[rng() % 20];
  return out;
}

domain::OrganizationFields organization(std::mt19937& rng) {
  domain::OrganizationFields f;
  std::string kana = word(rng, 4);
  f.name = kana + kKinds[rng() % 6];
  f.name_kana = kana;
  f.description = "札幌市の" + std::string(kKinds[rng() % 6]) + "。" + word(rng, 6) + "の支援。";
  f.category = static_cast<domain::Category>(rng() % 13);
  f.wards = {kWards[rng() % 10]};
  f.district = rng() % 10 == 0 ? "すすきの" : "";
  f.address = "札幌市架空町" + std::to_string(rng() % 30) + "条";
  f.address_visibility = static_cast<domain::AddressVisibility>(rng() % 3);
  f.lat = 42.98 + (rng() % 1500) / 10000.0;
  f.lon = 141.24 + (rng() % 2400) / 10000.0;
  f.visibility = rng() % 5 == 0 ? domain::Visibility::kNetwork : domain::Visibility::kPublic;
  f.council_member = rng() % 3 == 0;
  int opens = static_cast<int>(rng() % 20) * 60;
  for (int d = 1; d <= 6; ++d) {
    f.hours.push_back({d, std::nullopt, false, opens, (opens + 8 * 60) % 1440, ""});
  }
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_directory_data DB_PATH [ORGANIZATIONS]\n";
    return 2;
  }
  int total = argc > 2 ? std::atoi(argv[2]) : 5000;
  // The audit chain is keyed as the server will open it (bench/directory.sh exports the key).
  const char* key = std::getenv("TSUNAGU_AUDIT_KEY");
  domain::audit::set_chain_key(key != nullptr ? key : "bench-directory-audit-key-0123456789abcdef");
  auto db = storage::Database::open({argv[1], storage::Synchronous::kOff});
  if (!db.ok()) {
    std::cerr << db.error().to_string() << "\n";
    return 1;
  }
  if (auto bound = domain::audit::bind_chain_key(**db); !bound.ok()) {
    std::cerr << bound.error().to_string() << "\n";
    return 1;
  }
  std::mt19937 rng(5);
  SystemClock clock;
  domain::RequestMeta meta{"bench", ""};
  for (int done = 0; done < total;) {
    auto batch = (*db)->write([&](storage::Connection& c) -> Status {
      for (int i = 0; i < 250 && done < total; ++i, ++done) {
        TRY_ASSIGN(auto o, domain::insert_organization(c, clock, nullptr, meta, organization(rng)));
        for (int s = 0; s < 4; ++s) {
          domain::ServiceFields f;
          f.name = kServices[rng() % 8];
          f.description = word(rng, 5) + "のための" + f.name;
          TRY(domain::insert_service(c, clock, nullptr, meta, o.id, f));
        }
      }
      return Status::Ok();
    });
    if (!batch.ok()) {
      std::cerr << batch.error().to_string() << "\n";
      return 1;
    }
  }
  (*db)->checkpoint();
  std::cout << "generated " << total << " organizations, " << total * 4 << " services\n";
  return 0;
}
