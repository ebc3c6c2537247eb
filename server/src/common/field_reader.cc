#include "common/field_reader.h"

#include "common/text.h"

namespace tsunagu {

FieldReader::FieldReader(const Json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {
  if (!object_.is_object()) {
    not_an_object_ = true;
    errors_.push_back(FieldError::Type(prefix_.empty() ? "" : prefix_.substr(0, prefix_.size() - 1),
                                       "object", "must be a JSON object"));
  }
}

void FieldReader::fail(std::string_view key, std::string message) {
  errors_.push_back({prefix_ + std::string(key), std::move(message)});
}

void FieldReader::fail(FieldError error) {
  error.field = prefix_ + error.field;
  errors_.push_back(std::move(error));
}

bool FieldReader::has(std::string_view key) const {
  if (not_an_object_) return false;
  auto it = object_.find(key);
  return it != object_.end() && !it->is_null();
}

const Json* FieldReader::lookup(std::string_view key, Need need, bool& failed) {
  failed = false;
  known_.emplace(key);
  if (not_an_object_) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    if (need == Need::kRequired) {
      fail(FieldError::Required(std::string(key)));
      failed = true;
    }
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::string(std::string_view key, Need need, size_t max_chars) {
  bool failed;
  const Json* v = lookup(key, need, failed);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    fail(FieldError::Type(std::string(key), "string", "must be a string"));
    return std::nullopt;
  }
  auto nfc = to_nfc(v->get_ref<const std::string&>());
  if (!nfc.ok()) {
    fail(FieldError::Type(std::string(key), "text", "is not valid UTF-8 text"));
    return std::nullopt;
  }
  std::string text(trim(*nfc));
  if (need == Need::kRequired && text.empty()) {
    fail(FieldError::Rule(std::string(key), "field.required", "must not be empty"));
    return std::nullopt;
  }
  if (utf8_length(text) > max_chars) {
    fail(FieldError::TooLong(std::string(key), max_chars));
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> FieldReader::one_of(std::string_view key,
                                               std::initializer_list<std::string_view> allowed,
                                               Need need) {
  return one_of(key, std::vector<std::string_view>(allowed), need);
}

std::optional<std::string> FieldReader::one_of(std::string_view key,
                                               const std::vector<std::string_view>& allowed,
                                               Need need) {
  bool failed;
  const Json* v = lookup(key, need, failed);
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) {
    for (std::string_view a : allowed) {
      if (v->get_ref<const std::string&>() == a) return std::string(a);
    }
  }
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  fail(FieldError::InvalidChoice(std::string(key), list));
  return std::nullopt;
}

std::optional<int64_t> FieldReader::integer(std::string_view key, Need need, int64_t min,
                                            int64_t max) {
  bool failed;
  const Json* v = lookup(key, need, failed);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) {
    fail(FieldError::Type(std::string(key), "integer", "must be an integer"));
    return std::nullopt;
  }
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    fail(FieldError::Range(std::string(key), std::to_string(min), std::to_string(max)));
    return std::nullopt;
  }
  int64_t n = v->get<int64_t>();
  if (n < min || n > max) {
    fail(FieldError::Range(std::string(key), std::to_string(min), std::to_string(max)));
    return std::nullopt;
  }
  return n;
}

std::optional<double> FieldReader::number(std::string_view key, Need need, double min, double max) {
  bool failed;
  const Json* v = lookup(key, need, failed);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    fail(FieldError::Type(std::string(key), "number", "must be a number"));
    return std::nullopt;
  }
  double d = v->get<double>();
  if (!(d >= min && d <= max)) {
    Json range = {min, max};
    fail(FieldError::Range(std::string(key), range[0].dump(), range[1].dump()));
    return std::nullopt;
  }
  return d;
}

std::optional<bool> FieldReader::boolean(std::string_view key, Need need) {
  bool failed;
  const Json* v = lookup(key, need, failed);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    fail(FieldError::Type(std::string(key), "boolean", "must be true or false"));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::vector<std::string>> FieldReader::strings(std::string_view key, Need need,
                                                             size_t max_items, size_t max_chars) {
  bool failed;
  const Json* v = lookup(key, need, failed);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array()) {
    fail(FieldError::Type(std::string(key), "array", "must be an array of strings"));
    return std::nullopt;
  }
  if (v->size() > max_items) {
    fail(FieldError::TooMany(std::string(key), max_items));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < v->size(); ++i) {
    const Json& item = (*v)[i];
    std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    auto nfc = item.is_string() ? to_nfc(item.get_ref<const std::string&>())
                                : Result<std::string>(Error::InvalidArgument(""));
    if (!nfc.ok() || trim(*nfc).empty() || utf8_length(*nfc) > max_chars) {
      fail(FieldError::Rule(
          field, "field.too_long",
          "must be a non-empty string of at most " + std::to_string(max_chars) + " characters",
          {{"max", std::to_string(max_chars)}}));
      return std::nullopt;
    }
    out.emplace_back(trim(*nfc));
  }
  return out;
}

const Json* FieldReader::raw(std::string_view key, Need need) {
  bool failed;
  return lookup(key, need, failed);
}

void FieldReader::absorb(FieldReader& nested) {
  for (auto& e : nested.take_errors()) errors_.push_back(std::move(e));
}

std::vector<FieldError> FieldReader::take_errors() {
  if (!not_an_object_) {
    for (const auto& [key, value] : object_.items()) {
      if (!known_.contains(key)) errors_.push_back(FieldError::Unknown(prefix_ + key));
    }
    known_.clear();
    for (const auto& [key, value] : object_.items()) known_.insert(key);  // report unknowns once
  }
  return std::move(errors_);
}

Status FieldReader::finish() { return field_errors(take_errors()); }

}  // namespace tsunagu
