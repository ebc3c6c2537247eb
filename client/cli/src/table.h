// Terminal tables for people: columns sized by display width, where an East Asian wide or
// fullwidth character (漢字, かな, fullwidth ＡＢＣ) takes two terminal columns and a combining
// mark none, so Japanese names line up under their headers. When the rows do not fit the width
// the caller allows, the widest columns are shortened and their cells end in an ellipsis (…).
//
// Thread-safety: plain functions and a value type; distinct objects may be used from different
// threads freely.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tsunagu::cli {

// Terminal columns one code point takes: 0 (combining, control, zero-width), 1, or 2 (East Asian
// Wide or Fullwidth). Ambiguous-width characters count one, as in most terminals outside CJK
// legacy mode.
int codepoint_width(char32_t cp);

// Terminal columns of UTF-8 text (invalid bytes count one column each).
std::size_t display_width(std::string_view text);

// The longest prefix of `text` that fits in `columns`, with "…" appended when anything was cut;
// never splits a character, and a wide character that would straddle the limit is left out.
std::string truncate_to_width(std::string_view text, std::size_t columns);

// `text` padded with spaces on the right to `columns` display columns.
std::string pad_to_width(std::string_view text, std::size_t columns);

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

  // A row with one cell per header (missing cells are empty, extra ones are dropped).
  void add_row(std::vector<std::string> cells);
  std::size_t rows() const { return rows_.size(); }
  // Never shortens this column (ids: a cut id is useless).
  void keep_whole(std::size_t column) { keep_.push_back(column); }
  // Shortens this column (free text: summaries, notes) before any other, down to 20 columns;
  // past that, every column gives way widest first.
  void shrink_first(std::size_t column) { first_.push_back(column); }

  // Renders the header and rows, columns separated by two spaces, no trailing spaces, each line
  // ending in '\n'. The table is at most `max_width` columns wide (control characters in cells
  // become spaces; line breaks too). `bold_header` wraps the header line in ANSI bold.
  std::string render(std::size_t max_width, bool bold_header = false) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> keep_;
  std::vector<std::size_t> first_;
};

}  // namespace tsunagu::cli
