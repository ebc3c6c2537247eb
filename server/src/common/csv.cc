#include "common/csv.h"

#include <cctype>
#include <cstdio>

namespace tsunagu {

std::string csv_cell(std::string_view value) {
  std::string cell;
  // A spreadsheet treats these first characters as the start of a formula (tab and CR too,
  // which some strip before looking): an apostrophe makes the cell plain text.
  if (!value.empty()) {
    const char first = value.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
        first == '\r') {
      cell += '\'';
    }
  }
  cell += value;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char ch : cell) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  quoted += '"';
  return quoted;
}

void CsvWriter::row(const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_ += ',';
    out_ += csv_cell(cells[i]);
  }
  out_ += "\r\n";
}

std::string content_disposition(std::string_view filename) {
  std::string ascii, encoded;
  for (unsigned char ch : filename) {
    const bool plain = ch < 0x80 && ch > 0x20 && ch != '"' && ch != '\\' && ch != ';' &&
                       ch != ',' && ch != '%' && ch != '\'' && ch != '*' && ch != '/';
    ascii += plain ? static_cast<char>(ch) : '_';
    if (ch < 0x80 && (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_')) {
      encoded += static_cast<char>(ch);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      encoded += buf;
    }
  }
  // Runs of '_' from one multi-byte character read better as one.
  std::string fallback;
  for (char ch : ascii) {
    if (ch == '_' && !fallback.empty() && fallback.back() == '_') continue;
    fallback += ch;
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace tsunagu
