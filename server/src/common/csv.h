// One CSV writer for every export (reports, the audit log): UTF-8 with a byte-order mark so that
// Excel in Japan opens the file as UTF-8 rather than Shift_JIS, RFC 4180 quoting and CRLF line
// ends, and cells that a spreadsheet would run as a formula defused (OWASP "CSV injection"): a
// cell that starts with = + - @, a tab or a carriage return gets a leading apostrophe.
//
// Thread-safety: a CsvWriter is a short-lived local; csv_cell() and content_disposition() are pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tsunagu {

inline constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";
inline constexpr char kCsvContentType[] = "text/csv; charset=utf-8";

// One cell as it appears in the file: defused against formulas, then quoted when it holds a
// comma, a double quote, CR or LF (inner quotes doubled).
std::string csv_cell(std::string_view value);

class CsvWriter {
 public:
  CsvWriter() : out_(kUtf8Bom) {}
  // Appends one record; every record should have the header's number of cells.
  void row(const std::vector<std::string>& cells);
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// The Content-Disposition of a download named `filename` (UTF-8): an ASCII fallback `filename=`
// (non-ASCII characters become '_') and the exact name as RFC 5987 `filename*=UTF-8''…`.
std::string content_disposition(std::string_view filename);

}  // namespace tsunagu
