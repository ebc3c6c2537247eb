// Request metrics in the Prometheus text format: a request counter and a latency histogram per
// route (the route's name, never the raw path, so ids do not explode the label set), method and
// status. Gauges from other parts of the server are added at render time. The method label is
// one of the methods HTTP defines, or "OTHER": a client cannot add series or inject labels by
// sending a made-up method. Label values are escaped as the text format requires.
//
// Thread-safety: observe() and render() may be called from any thread.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace tsunagu::http {

class Metrics {
 public:
  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  void observe(const std::string& route, const std::string& method, int status,
               std::chrono::nanoseconds latency);

  // `method` if it is a standard HTTP method, else "OTHER".
  static const char* method_label(const std::string& method);
  // `value` escaped for a label value: backslash, double quote and newline.
  static std::string escape_label(const std::string& value);

  // The whole exposition, ending with a newline.
  std::string render() const;

 private:
  struct Series {
    uint64_t count = 0;
    double sum_seconds = 0;
    std::array<uint64_t, kBuckets.size()> buckets{};
  };
  using Key = std::tuple<std::string, std::string, int>;  // route, method, status
  mutable std::mutex mutex_;
  std::map<Key, Series> series_;
};

}  // namespace tsunagu::http
