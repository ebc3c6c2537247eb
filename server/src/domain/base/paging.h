// A page of a list, independent of HTTP: the domain returns the items of one page and the total,
// the HTTP layer renders the contract's {"items","total","page","per_page"} envelope.
#pragma once

#include <cstdint>
#include <vector>

namespace tsunagu::domain {

struct PageRequest {
  int page = 1;       // 1-based
  int per_page = 50;  // 1 … 200
  int64_t offset() const { return static_cast<int64_t>(page - 1) * per_page; }
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

}  // namespace tsunagu::domain
