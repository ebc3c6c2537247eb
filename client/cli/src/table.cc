#include "table.h"

#include <algorithm>
#include <numeric>

#include <utf8proc.h>

namespace tsunagu::cli {
namespace {

// Columns marked shrink_first() give way alone down to this many columns, then with the rest.
constexpr std::size_t kFlexibleKeeps = 20;

// Decodes one code point at `i`, advancing it; an invalid byte decodes as U+FFFD and advances one.
char32_t next_codepoint(std::string_view text, std::size_t& i) {
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                            static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  if (n <= 0) {
    ++i;
    return 0xFFFD;
  }
  i += static_cast<std::size_t>(n);
  return static_cast<char32_t>(cp);
}

// Cell text on one line: tabs, newlines and other control characters become spaces, so a note
// with a line break cannot break the table.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

}  // namespace

int codepoint_width(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp > 0x10FFFF) return 1;
  int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
  // utf8proc gives unassigned and some format characters 0; only marks and format characters
  // are really zero-width.
  if (w == 0) {
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    bool zero =
        cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME || cat == UTF8PROC_CATEGORY_CF;
    return zero ? 0 : 1;
  }
  return w;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) width += codepoint_width(next_codepoint(text, i));
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t columns) {
  if (display_width(text) <= columns) return std::string(text);
  if (columns == 0) return "";
  const std::size_t room = columns - 1;  // the ellipsis takes one column
  std::size_t used = 0, i = 0, cut = 0;
  while (i < text.size()) {
    std::size_t start = i;
    int w = codepoint_width(next_codepoint(text, i));
    if (used + static_cast<std::size_t>(w) > room) {
      i = start;
      break;
    }
    used += static_cast<std::size_t>(w);
    cut = i;
  }
  return std::string(text.substr(0, cut)) + "…";
}

std::string pad_to_width(std::string_view text, std::size_t columns) {
  std::string out(text);
  std::size_t w = display_width(text);
  if (w < columns) out.append(columns - w, ' ');
  return out;
}

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (auto& c : cells) c = one_line(c);
  rows_.push_back(std::move(cells));
}

std::string Table::render(std::size_t max_width, bool bold_header) const {
  const std::size_t n = headers_.size();
  if (n == 0) return "";
  std::vector<std::size_t> widths(n);
  for (std::size_t c = 0; c < n; ++c) {
    widths[c] = display_width(headers_[c]);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  // Shrink the widest column one step at a time until the table fits; a column keeps at least
  // its header's width (but no less than 4), so every column stays recognisable, and columns
  // marked keep_whole() keep all of it. Columns marked shrink_first() give way before the others.
  const std::size_t gaps = 2 * (n - 1);
  auto total = [&] { return std::accumulate(widths.begin(), widths.end(), gaps); };
  std::vector<std::size_t> floor(n);
  for (std::size_t c = 0; c < n; ++c)
    floor[c] = std::max<std::size_t>(4, std::min(widths[c], display_width(headers_[c])));
  for (std::size_t c : keep_)
    if (c < n) floor[c] = widths[c];
  auto widest_of = [&](const std::vector<std::size_t>& candidates, std::size_t keep) {
    std::size_t widest = n;
    for (std::size_t c : candidates)
      if (c < n && widths[c] > std::max(floor[c], keep) &&
          (widest == n || widths[c] > widths[widest]))
        widest = c;
    return widest;
  };
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  while (total() > max_width) {
    std::size_t widest = widest_of(first_, kFlexibleKeeps);
    if (widest == n) widest = widest_of(all, 0);
    if (widest == n) break;  // nothing left to shrink: let the terminal wrap
    --widths[widest];
  }

  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < n; ++c) {
      std::string cell = truncate_to_width(cells[c], widths[c]);
      out += c + 1 < n ? pad_to_width(cell, widths[c]) + "  " : cell;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  std::string out;
  std::string header = line(headers_);
  out += bold_header ? "\x1b[1m" + header + "\x1b[0m\n" : header + "\n";
  for (const auto& row : rows_) out += line(row) + "\n";
  return out;
}

}  // namespace tsunagu::cli
