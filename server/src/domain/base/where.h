// A WHERE clause built from the conditions in force, with its parameters bound in order: only
// the filters a request sets go into the SQL, so SQLite can use the index each condition serves
// (an "?1 IS NULL OR …" form would scan), and each shape of the clause is one cached statement.
//
// A clause writes its parameters in one of two ways, never both:
// - anonymous: add(condition, values), where each "?" of `condition` takes the next of its
//   values, one value per "?" (add_each: every "?" takes the one value). The values are bound
//   from parameter 1, so SQL after the clause numbers its own from bind()'s result (or size()+1).
// - numbered: param(value) returns the placeholder "?N" of a new value, to be written into a
//   condition (or an expression outside the clause, such as a computed column, that shares the
//   clause's parameters) as often as it is needed; add(condition) then takes no values.
// A "?" inside a quoted SQL string is text, not a parameter. A count that does not match, or a
// mix of the two ways, is a bug in the query and throws std::logic_error, as an SQL error does
// (storage/statement.h).
//
// Thread-safety: plain data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tsunagu::storage {
class Statement;
}

namespace tsunagu::domain {

class Where {
 public:
  using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

  // Appends `condition`, ANDed with those before, with one value per "?" in it.
  Where& add(std::string_view condition, std::vector<Value> values = {});
  // Appends `condition` with every "?" in it taking `value` (at least one "?").
  Where& add_each(std::string_view condition, const Value& value);
  // A new value and its placeholder "?N".
  std::string param(Value value);
  // "(?N, ?M, …)": a placeholder per value, for `column IN` + this.
  std::string param_list(std::vector<Value> values);

  const std::string& sql() const { return sql_; }               // "" or " WHERE … AND …"
  const std::vector<Value>& values() const { return values_; }  // in parameter order
  int size() const { return static_cast<int>(values_.size()); }
  // Binds the values from parameter 1; returns the next free parameter index.
  int bind(storage::Statement& s) const;

  // The anonymous "?" placeholders in `sql` (those in quoted strings and "?N" not counted).
  static size_t count_anonymous(std::string_view sql);

 private:
  enum class Style { kNone, kAnonymous, kNumbered };
  void use(Style style, std::string_view condition);
  void append(std::string_view condition);

  std::string sql_;
  std::vector<Value> values_;
  Style style_ = Style::kNone;
};

}  // namespace tsunagu::domain
