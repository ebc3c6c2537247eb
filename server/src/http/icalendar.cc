#include "http/icalendar.h"

namespace tsunagu::http {
namespace {

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

const char* event_status(domain::MeetingStatus status) {
  return status == domain::MeetingStatus::kCancelled ? "CANCELLED" : "CONFIRMED";
}

}  // namespace

std::string ical_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ical_line(std::string_view line) {
  std::string out;
  size_t limit = 75;  // the first line has 75 octets; continuations a space and 74 more
  while (line.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && continuation_byte(line[cut])) --cut;
    out.append(line.substr(0, cut)).append("\r\n ");
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line).append("\r\n");
  return out;
}

std::string ical_utc(TimePoint t) {
  // format_utc: 2026-04-02T09:30:00.000Z
  std::string u = format_utc(t);
  return u.substr(0, 4) + u.substr(5, 2) + u.substr(8, 2) + "T" + u.substr(11, 2) +
         u.substr(14, 2) + u.substr(17, 2) + "Z";
}

std::string render_calendar(const std::vector<domain::Meeting>& meetings,
                            std::string_view calendar_name) {
  std::string out;
  out += ical_line("BEGIN:VCALENDAR");
  out += ical_line("VERSION:2.0");
  out += ical_line("PRODID:-//Tsunagu//Meetings//JA");
  out += ical_line("CALSCALE:GREGORIAN");
  out += ical_line("METHOD:PUBLISH");
  out += ical_line("X-WR-CALNAME:" + ical_escape(calendar_name));
  out += ical_line("X-WR-TIMEZONE:Asia/Tokyo");
  for (const auto& m : meetings) {
    out += ical_line("BEGIN:VEVENT");
    out += ical_line("UID:" + m.id + "@tsunagu");
    out += ical_line("DTSTAMP:" + ical_utc(m.updated_at));
    out += ical_line("SEQUENCE:" + std::to_string(m.version - 1));
    out += ical_line("DTSTART:" + ical_utc(m.starts_at));
    out += ical_line("DTEND:" + ical_utc(m.ends_at));
    out += ical_line("SUMMARY:" + ical_escape(m.title));
    if (m.place) out += ical_line("LOCATION:" + ical_escape(*m.place));
    out += ical_line(std::string("CATEGORIES:") + ical_escape(domain::kind_label(m.kind)));
    out += ical_line(std::string("STATUS:") + event_status(m.status));
    out += ical_line("END:VEVENT");
  }
  out += ical_line("END:VCALENDAR");
  return out;
}

}  // namespace tsunagu::http
