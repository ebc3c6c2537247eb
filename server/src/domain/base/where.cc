#include "domain/base/where.h"

#include <cctype>
#include <stdexcept>
#include <type_traits>

#include "storage/statement.h"

namespace tsunagu::domain {

size_t Where::count_anonymous(std::string_view sql) {
  size_t n = 0;
  bool quoted = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '\'') {
      quoted = !quoted;  // '' inside a string closes and reopens it: the count is the same
    } else if (!quoted && sql[i] == '?' &&
               (i + 1 == sql.size() || !std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      ++n;
    }
  }
  return n;
}

void Where::use(Style style, std::string_view condition) {
  if (style_ != Style::kNone && style_ != style) {
    throw std::logic_error("Where: anonymous and numbered parameters mixed at: " +
                           std::string(condition));
  }
  style_ = style;
}

void Where::append(std::string_view condition) {
  sql_ += sql_.empty() ? " WHERE " : " AND ";
  sql_ += condition;
}

Where& Where::add(std::string_view condition, std::vector<Value> values) {
  const size_t placeholders = count_anonymous(condition);
  if (placeholders != values.size()) {
    throw std::logic_error("Where: " + std::to_string(placeholders) + " \"?\" but " +
                           std::to_string(values.size()) + " values in: " + std::string(condition));
  }
  if (placeholders > 0) use(Style::kAnonymous, condition);
  append(condition);
  for (Value& v : values) values_.push_back(std::move(v));
  return *this;
}

Where& Where::add_each(std::string_view condition, const Value& value) {
  const size_t placeholders = count_anonymous(condition);
  if (placeholders == 0) {
    throw std::logic_error("Where: no \"?\" for the value in: " + std::string(condition));
  }
  return add(condition, std::vector<Value>(placeholders, value));
}

std::string Where::param(Value value) {
  use(Style::kNumbered, "?" + std::to_string(values_.size() + 1));
  values_.push_back(std::move(value));
  return "?" + std::to_string(values_.size());
}

std::string Where::param_list(std::vector<Value> values) {
  std::string out;
  for (Value& v : values) out += (out.empty() ? "" : ", ") + param(std::move(v));
  return "(" + out + ")";
}

int Where::bind(storage::Statement& s) const {
  int index = 1;
  for (const Value& value : values_) {
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::nullptr_t>) {
            s.bind_null(index);
          } else {
            s.bind(index, v);
          }
        },
        value);
    ++index;
  }
  return index;
}

}  // namespace tsunagu::domain
