#include "http/metrics.h"

#include <sstream>

namespace tsunagu::http {

const char* Metrics::method_label(const std::string& method) {
  static constexpr std::array<const char*, 9> kMethods = {
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"};
  for (const char* m : kMethods) {
    if (method == m) return m;
  }
  return "OTHER";
}

std::string Metrics::escape_label(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Metrics::observe(const std::string& route, const std::string& method, int status,
                      std::chrono::nanoseconds latency) {
  double seconds = std::chrono::duration<double>(latency).count();
  std::lock_guard lock(mutex_);
  Series& s = series_[Key{route, method_label(method), status}];
  ++s.count;
  s.sum_seconds += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++s.buckets[i];  // cumulative, as Prometheus expects
  }
}

std::string Metrics::render() const {
  std::ostringstream out;
  out << "# HELP tsunagu_http_requests_total HTTP requests by route, method and status.\n"
         "# TYPE tsunagu_http_requests_total counter\n";
  std::lock_guard lock(mutex_);
  auto labels = [](const Key& k) {
    return "route=\"" + escape_label(std::get<0>(k)) + "\",method=\"" +
           escape_label(std::get<1>(k)) + "\",status=\"" + std::to_string(std::get<2>(k)) + "\"";
  };
  for (const auto& [key, s] : series_) {
    out << "tsunagu_http_requests_total{" << labels(key) << "} " << s.count << "\n";
  }
  out << "# HELP tsunagu_http_request_duration_seconds Time from routing to the response.\n"
         "# TYPE tsunagu_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : series_) {
    std::string l = labels(key);
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "tsunagu_http_request_duration_seconds_bucket{" << l << ",le=\"" << kBuckets[i]
          << "\"} " << s.buckets[i] << "\n";
    }
    out << "tsunagu_http_request_duration_seconds_bucket{" << l << ",le=\"+Inf\"} " << s.count
        << "\n";
    out << "tsunagu_http_request_duration_seconds_sum{" << l << "} " << s.sum_seconds << "\n";
    out << "tsunagu_http_request_duration_seconds_count{" << l << "} " << s.count << "\n";
  }
  return out.str();
}

}  // namespace tsunagu::http
