#include "domain/directory_cache.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

#include "domain/directory_privacy.h"

namespace tsunagu::domain {
namespace {

std::atomic<uint64_t> generation{1};

int64_t epoch_minute(TimePoint t) {
  return std::chrono::floor<std::chrono::minutes>(t).time_since_epoch().count();
}

// Appends `tag`, the length of `value` and `value`: no value can pass for another, whatever
// characters it holds.
void field(std::string& key, char tag, std::string_view value) {
  key += tag;
  key += std::to_string(value.size());
  key += ':';
  key += value;
}

template <typename T, typename Name>
std::string sorted_names(const std::vector<T>& values, Name name) {
  std::vector<std::string> names;
  for (const T& v : values) names.emplace_back(name(v));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const auto& n : names) field(out, ',', n);
  return out;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

uint64_t directory_generation() { return generation.load(std::memory_order_acquire); }

void note_directory_change() { generation.fetch_add(1, std::memory_order_acq_rel); }

SearchCache::SearchCache(size_t max_bytes) : max_bytes_(max_bytes) {}

Result<std::string> SearchCache::key(const Actor* actor, const OrganizationQuery& query,
                                     TimePoint now) {
  TRY_ASSIGN(std::vector<std::string> terms, search_terms(query.q));
  std::string key;
  field(key, 'v', directory_view(actor));
  field(key, 'm', std::to_string(epoch_minute(now)));
  std::string words;
  for (const auto& t : terms) field(words, ' ', t);
  field(key, 'q', words);
  field(key, 'c', sorted_names(query.categories, [](Category c) { return to_string(c); }));
  field(key, 'w', sorted_names(query.wards, [](const std::string& w) { return w; }));
  field(key, 'd', query.district);
  // open_at is evaluated to the minute (minute_of_day in Tokyo), so 23:10:00 and 23:10:30 ask
  // the same question.
  field(key, 'o', query.open_at ? std::to_string(epoch_minute(*query.open_at)) : "-");
  field(key, 'k', query.council_member ? (*query.council_member ? "1" : "0") : "-");
  field(key, 'p', sorted_names(query.capacity, [](CapacityStatus c) { return to_string(c); }));
  field(key, 'u', query.capacity_unknown ? "1" : "0");
  field(key, 'n',
        query.near ? number(query.near->lat) + "," + number(query.near->lon) + "," +
                         number(query.near->within_km)
                   : "-");
  field(key, 's', query.status ? to_string(*query.status) : "-");
  field(key, 'r', std::to_string(query.offset) + "+" + std::to_string(query.limit));
  return key;
}

void SearchCache::forget_if_changed() {
  uint64_t now = directory_generation();
  if (now == generation_) return;
  lru_.clear();
  index_.clear();
  bytes_ = 0;
  generation_ = now;
}

void SearchCache::evict_to(size_t bytes) {
  while (bytes_ > bytes && !lru_.empty()) {
    bytes_ -= lru_.back().first.size() + lru_.back().second->size();
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

std::shared_ptr<const std::string> SearchCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  forget_if_changed();
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void SearchCache::put(const std::string& key, uint64_t generation, std::string answer) {
  size_t size = key.size() + answer.size();
  if (size > max_bytes_ / 8) return;
  auto value = std::make_shared<const std::string>(std::move(answer));
  std::lock_guard lock(mutex_);
  forget_if_changed();
  if (generation != generation_) return;  // the directory changed while the search ran
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->first.size() + it->second->second->size();
    lru_.erase(it->second);
    index_.erase(it);
  }
  evict_to(max_bytes_ - size);
  lru_.emplace_front(key, std::move(value));
  index_.emplace(key, lru_.begin());
  bytes_ += size;
}

SearchCache::Stats SearchCache::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{hits_, misses_, lru_.size(), bytes_};
}

}  // namespace tsunagu::domain
