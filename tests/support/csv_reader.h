// An RFC 4180 reader for tests of CSV exports: checks the byte-order mark and CRLF line ends
// strictly, so an export that Excel in Japan would misread fails the test.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace tsunagu::testing {

struct ParsedCsv {
  bool bom = false;         // starts with EF BB BF
  bool crlf = true;         // every record ends with CRLF (never a bare LF outside quotes)
  bool well_formed = true;  // quotes balanced, nothing after a closing quote but , or CRLF
  std::vector<std::vector<std::string>> rows;
};

inline ParsedCsv parse_csv(const std::string& text) {
  ParsedCsv out;
  size_t i = 0;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
    out.bom = true;
    i = 3;
  }
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, after_quote = false;
  for (; i < text.size(); ++i) {
    char ch = text[i];
    if (quoted) {
      if (ch != '"') {
        cell += ch;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else {
        quoted = false;
        after_quote = true;
      }
      continue;
    }
    if (ch == '"' && cell.empty() && !after_quote) {
      quoted = true;
    } else if (ch == ',') {
      row.push_back(std::move(cell));
      cell.clear();
      after_quote = false;
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(std::move(cell));
      out.rows.push_back(std::move(row));
      row.clear();
      cell.clear();
      after_quote = false;
      ++i;
    } else if (ch == '\n' || ch == '\r') {
      out.crlf = false;
    } else {
      if (after_quote || ch == '"') out.well_formed = false;
      cell += ch;
    }
  }
  if (quoted || !cell.empty() || !row.empty()) out.well_formed = false;  // no final CRLF
  return out;
}

// The rows as maps from the header's names to cells (rows[0] is the header).
inline std::vector<std::map<std::string, std::string>> csv_records(const ParsedCsv& csv) {
  std::vector<std::map<std::string, std::string>> out;
  for (size_t r = 1; r < csv.rows.size(); ++r) {
    std::map<std::string, std::string> rec;
    for (size_t c = 0; c < csv.rows[0].size() && c < csv.rows[r].size(); ++c) {
      rec[csv.rows[0][c]] = csv.rows[r][c];
    }
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace tsunagu::testing
