#include "http/problem_texts.h"

#include <algorithm>
#include <span>
#include <string_view>

#include "domain/base/vocabulary.h"

namespace tsunagu::http {
namespace {

// Codes: the kinds' defaults (common/result.cc default_code), the HTTP layer's own, then the
// precise ones. The first entry is also the fallback of last resort.
const std::vector<ErrorText> kErrorTexts = {
    {"internal", "Internal server error", "サーバーでエラーが発生しました",
     "サーバーで問題が発生しました。お問い合わせの際はリクエストID（X-Request-"
     "Id）をお伝えください。"},
    {"validation", "The request breaks a rule", "入力内容に誤りがあります",
     "入力内容を確認してください。"},
    {"malformed", "The request could not be read", "リクエストを読み取れません",
     "送信された内容の形式が正しくありません。"},
    {"not_found", "Not found", "見つかりません",
     "指定されたものが見つからないか、閲覧する権限がありません。"},
    {"conflict", "It already exists", "すでに登録されています",
     "同じ内容がすでに登録されています。"},
    {"invalid_state", "Not possible in the current state", "現在の状態ではできません",
     "現在の状態ではこの操作はできません。"},
    {"stale_version", "The resource has changed since you read it", "ほかの人が先に更新しました",
     "表示した後に内容が更新されています。最新の内容を読み込んでからやり直してください。"},
    {"auth.unauthenticated", "Authentication required", "サインインが必要です",
     "サインインしていないか、サインインの有効期限が切れています。もう一度サインインしてください"
     "。"},
    {"auth.forbidden", "Not allowed for your role", "この操作の権限がありません",
     "あなたの役割ではこの操作はできません。"},
    {"auth.throttled", "Too many requests", "しばらくしてからお試しください",
     "試行の回数が多すぎます。しばらく待ってからもう一度お試しください。"},
    {"payload_too_large", "The request is too large", "送信内容が大きすぎます",
     "送信できる大きさを超えています。内容を減らしてください。"},
    {"unsupported_media_type", "Send JSON", "JSON形式で送信してください",
     "このリクエストはJSON形式（application/json）で送信してください。"},
    {"unavailable", "Temporarily unavailable", "ただいま利用できません",
     "サーバーが混み合っているか停止の準備中です。しばらくしてからお試しください。"},
    // The HTTP layer's own.
    {"method_not_allowed", "Method not allowed", "この操作には対応していません",
     "このアドレスではこの操作（メソッド）は使えません。"},
    {"uri_too_long", "URI too long", "アドレスが長すぎます", "アドレス（URL）が長すぎます。"},
    {"range_not_satisfiable", "Range not satisfiable", "指定された範囲を返せません",
     "指定された範囲（Range）を返せません。"},
    {"headers_too_large", "Request header fields too large", "ヘッダーが大きすぎます",
     "リクエストのヘッダーが大きすぎるか、多すぎます。"},
    {"http_error", "Request failed", "リクエストを処理できませんでした",
     "リクエストを処理できませんでした。"},
    // Precise codes.
    {"referral.illegal_transition", "Not possible in the current state", "現在の状態ではできません",
     "この紹介は現在の状態ではその操作ができません。"},
    {"transfer.illegal_transition", "Not possible in the current state", "現在の状態ではできません",
     "この移管は現在の状態ではその操作ができません。"},
    {"case.transferred", "The case has moved to another ward", "ほかの区に移管されたケースです",
     "このケースはほかの区に移りました。移管前の記録は閲覧できますが、変更はできません。"},
    {"assessment.determined", "The assessment has been determined already",
     "すでに判定されています",
     "このアセスメントはすでに判定されています。判定を変えるには新しくアセスメントを登録してくださ"
     "い"
     "。"},
    {"meeting.roundtable_case_data", "A roundtable holds no case data",
     "座談会にはケースの情報を書けません",
     "座談会には守秘義務のない住民の方も参加します。ケース番号や世帯の呼び名を削除してください。"},
    {"auth.bad_credentials", "Authentication required", "サインインできません",
     "ユーザー名またはパスワードが違います。"},
    {"csrf.missing", "The session's CSRF token is missing", "確認用のトークンがありません",
     "画面を再読み込みしてから、もう一度操作してください。"},
    {"csrf.mismatch", "The session's CSRF token does not match", "確認用のトークンが一致しません",
     "画面を再読み込みしてから、もう一度操作してください。"},
};

struct FieldText {
  const char* code;
  const char* ja;  // {max}, {min}, {allowed}, {other} come from the error's parameters
};

const FieldText kFieldTexts[] = {
    {"field.invalid", "この値は受け付けられません。"},
    {"field.required", "必須項目です。"},
    {"field.unknown", "この項目は受け付けていません。"},
    {"field.invalid_choice", "この値は選べません（選べる値: {allowed}）。"},
    {"field.too_long", "{max}文字以内で入力してください。"},
    {"field.too_many", "{max}件以内にしてください。"},
    {"field.type", "値の種類が正しくありません。"},
    {"field.format", "形式が正しくありません。"},
    {"field.range", "{min}から{max}までの値を入力してください。"},
    {"field.past", "過去の日付は指定できません。"},
    {"field.future", "未来の日付は指定できません。"},
    {"meeting.case_data", "この区のケースを示す語{terms}が含まれています。削除してください。"},
};

// Rules the domain still states as an English message only (FieldError{field, message}): the
// message → code and Japanese text, so they too get a precise code and Japanese. A rule given a
// code of its own where it is made does not need a line here.
struct KnownMessage {
  std::string_view message;
  std::string_view code;
  std::string_view ja;
};
const KnownMessage kKnownMessages[] = {
    {"is required", "field.required", "必須項目です。"},
    {"must not be empty", "field.required", "必須項目です。"},
    {"cannot be removed", "field.required", "必須項目のため削除できません。"},
    {"must be a date YYYY-MM-DD", "field.format", "日付を YYYY-MM-DD の形式で入力してください。"},
    {"must be a calendar date YYYY-MM-DD", "field.format",
     "日付を YYYY-MM-DD の形式で入力してください。"},
    {"must be RFC 3339 (2026-04-01T09:00:00+09:00) or a date (2026-04-01)", "field.format",
     "日時（2026-04-01T09:00:00+09:00）か日付（2026-04-01）を指定してください。"},
    {"must be 00:00–23:59", "field.format", "時刻を 00:00〜23:59 の形式で入力してください。"},
    {"must be a time HH:MM between 00:00 and 23:59", "field.format",
     "時刻を 00:00〜23:59 の形式で入力してください。"},
    {"must be an e-mail address", "field.format", "メールアドレスの形式で入力してください。"},
    {"must be an http:// or https:// address", "field.format",
     "http:// または https:// で始まるアドレスを入力してください。"},
    {"must be a phone number such as 011-555-0123", "field.format",
     "電話番号を 011-555-0123 のような形式で入力してください。"},
    {"must be written in kana (no kanji)", "field.format",
     "ふりがなは、かなで入力してください（漢字は使えません）。"},
    {"must be 3–64 characters of a–z, 0–9, '.', '_' or '-'", "field.format",
     "3〜64文字の半角英小文字・数字・「.」「_」「-」で入力してください。"},
    {"must be an organization id", "field.format", "機関のIDを指定してください。"},
    {"must not be in the future", "field.future", "未来の日付は指定できません。"},
    {"must not be in the past", "field.past", "過去の日付は指定できません。"},
    {"must be true or false", "field.type", "true か false で指定してください。"},
    {"must be an array", "field.type", "配列で指定してください。"},
    {"must be between 0 and 120", "field.range", "0から120までの値を入力してください。"},
    {"must be between 0 (Sunday) and 6 (Saturday)", "field.range",
     "0（日曜日）から6（土曜日）までの値を入力してください。"},
    {"must be between -90 and 90", "field.range", "-90から90までの値を入力してください。"},
    {"must be between -180 and 180", "field.range", "-180から180までの値を入力してください。"},
    {"must be at most 100 characters", "field.too_long", "100文字以内で入力してください。"},
    {"must be at most 200 chars", "field.too_long", "200文字以内で入力してください。"},
    {"must have at most 200 entries", "field.too_many", "200件以内にしてください。"},
    {"must not be below age_min", "field.invalid", "対象年齢（下限）より小さい値にはできません。"},
    {"must be after starts_at", "field.invalid", "開始日時より後にしてください。"},
    {"is not a ward of Sapporo", "field.invalid", "札幌市の区ではありません。"},
    {"is not a ward code (see /api/v1/wards)", "field.invalid", "札幌市の区ではありません。"},
    {"is not one of your wards", "field.invalid", "担当している区ではありません。"},
    {"must name at least one ward", "field.required", "区を1つ以上指定してください。"},
    {"is not an organization in the directory", "field.invalid", "名簿にない機関です。"},
    {"is archived", "field.invalid", "名簿から外された機関・サービスです。"},
    {"is not a service of that organization", "field.invalid",
     "その機関のサービスではありません。"},
    {"is not a case of this meeting's ward", "field.invalid",
     "この会議の区のケースではありません。"},
    {"is not a case of your wards", "field.invalid", "担当している区のケースではありません。"},
    {"is a closed case; reopen it in the ward's record first", "field.invalid",
     "終結したケースです。先に区の記録で再開してください。"},
    {"cannot be changed; plan a new meeting instead", "field.invalid",
     "変更できません。新しい会議として登録してください。"},
    {"cannot be changed; close the case and open one in the other ward", "field.invalid",
     "変更できません。このケースを終結し、移る先の区で新しく登録してください。"},
    {"must give either weekday or date", "field.required",
     "曜日か日付のどちらかを指定してください。"},
    {"is only for dated exceptions; leave the weekday out", "field.invalid",
     "日付を指定した例外の日だけに使えます。曜日は指定しないでください。"},
    {"must differ from the current password", "field.invalid",
     "現在のパスワードとは違うものにしてください。"},
    {"is not your current password", "field.invalid", "現在のパスワードが違います。"},
    {"is already taken", "field.invalid", "このユーザー名はすでに使われています。"},
    {"is listed twice", "field.invalid", "同じものが2回指定されています。"},
    {"is given more than once", "field.invalid", "同じパラメータが2回以上指定されています。"},
    {"is empty; leave the parameter out instead", "field.invalid",
     "空の値は指定できません（条件をつけない場合はパラメータごと省いてください）。"},
    {"is not an active user", "field.invalid", "有効な利用者ではありません。"},
    {"is not active", "field.invalid", "現在は使われていません。"},
    {"is not a coordinator or staff member of the ward", "field.invalid",
     "この区の統括支援員・担当職員ではありません。"},
    {"is set by the server, not by a request", "field.invalid",
     "この状態はサーバーが設定します。指定できません。"},
    {"is required when the reason is other", "field.required",
     "理由が「その他」のときは必須です。"},
    {"is required when the legal basis is consent", "field.required",
     "情報提供の根拠が「同意」のときは必須です。"},
    {"is required to send: consent, council or statute", "field.required",
     "送付するには必須です（同意・要保護児童対策地域協議会・法令のいずれか）。"},
    {"is required for the role partner", "field.required", "連携機関の利用者には必須です。"},
    {"is required for a new lead or a review date", "field.required",
     "主担当や見直し日を変えるときは必須です。"},
    {"is required (or owner_user_id)", "field.required", "担当機関か担当者のどちらかが必須です。"},
    {"is only for completed", "field.invalid", "結果は「完了」にするときだけ指定できます。"},
    {"is closed", "field.invalid", "終結しています。"},
    {"must be me", "field.invalid", "me のみ指定できます。"},
    {"is not an item of this form version", "field.invalid", "この版の様式にない項目です。"},
    {"is not a version of this form", "field.invalid", "この様式にその版はありません。"},
    {"is the case's own ward", "field.invalid",
     "ケースが今いる区です。移る先の区を指定してください。"},
    {"must name at least two people for an accompanied visit", "field.invalid",
     "同行訪問では、訪問した職員を2人以上指定してください。"},
    {"must include a coordinator for advice", "field.invalid",
     "助言の記録には、統括支援員を含めてください。"},
    {"was used before with a different request", "field.invalid",
     "このキーは別の内容のリクエストですでに使われています。"},
};

const KnownMessage* known_message(const FieldError& error) {
  if (error.code != "field.invalid") return nullptr;
  for (const KnownMessage& k : kKnownMessages) {
    if (k.message == error.message) return &k;
  }
  return nullptr;
}

// field.type and field.format by their "type" / "format" parameter.
const std::pair<std::string_view, std::string_view> kTypeTexts[] = {
    {"string", "文字列で指定してください。"},
    {"text", "正しい文字（UTF-8）で入力してください。"},
    {"integer", "整数で指定してください。"},
    {"number", "数値で指定してください。"},
    {"boolean", "true か false で指定してください。"},
    {"array", "配列で指定してください。"},
    {"object", "JSONのオブジェクトで指定してください。"},
};
const std::pair<std::string_view, std::string_view> kFormatTexts[] = {
    {"date", "日付を YYYY-MM-DD の形式で入力してください。"},
    {"time", "時刻を 00:00〜23:59 の形式で入力してください。"},
    {"datetime", "日時を 2026-04-01T09:00:00+09:00 の形式で入力してください。"},
    {"email", "メールアドレスの形式で入力してください。"},
    {"url", "http:// または https:// で始まるアドレスを入力してください。"},
    {"phone", "電話番号を 011-555-0123 のような形式で入力してください。"},
    {"kana", "ふりがなは、かなで入力してください（漢字は使えません）。"},
    {"id", "正しいIDを指定してください。"},
};

const std::pair<std::string_view, std::string_view> kFieldNames[] = {
    {"due_by", "期限"},
    {"due_on", "期限"},
    {"case_id", "ケース"},
    {"case_ref", "ケース番号"},
    {"organization_id", "機関"},
    {"service_id", "サービス"},
    {"summary", "概要"},
    {"urgency", "緊急度"},
    {"legal_basis", "情報提供の根拠"},
    {"consent", "同意"},
    {"obtained_on", "同意を得た日"},
    {"obtained_by", "同意を得た人"},
    {"scope", "同意の範囲"},
    {"reason_code", "理由"},
    {"reason", "理由"},
    {"note", "備考"},
    {"outcome", "結果"},
    {"to", "変更後の状態"},
    {"status", "状態"},
    {"kind", "種類"},
    {"title", "件名"},
    {"ward", "区"},
    {"wards", "担当区"},
    {"district", "地区"},
    {"starts_at", "開始日時"},
    {"ends_at", "終了日時"},
    {"place", "場所"},
    {"minutes", "議事録"},
    {"agenda", "議題"},
    {"risk_level", "リスクの程度"},
    {"risk_categories", "リスク区分"},
    {"sections", "担当"},
    {"household_label", "世帯の呼び名"},
    {"lead_user_id", "主担当"},
    {"owner_user_id", "担当者"},
    {"owner_organization_id", "担当機関"},
    {"username", "ユーザー名"},
    {"password", "パスワード"},
    {"current_password", "現在のパスワード"},
    {"new_password", "新しいパスワード"},
    {"display_name", "表示名"},
    {"role", "役割"},
    {"name", "名称"},
    {"name_kana", "ふりがな"},
    {"description", "説明"},
    {"category", "種別"},
    {"address", "住所"},
    {"phone", "電話番号"},
    {"email", "メールアドレス"},
    {"website", "ウェブサイト"},
    {"age_min", "対象年齢（下限）"},
    {"age_max", "対象年齢（上限）"},
    {"hours", "受付時間"},
    {"weekday", "曜日"},
    {"date", "日付"},
    {"opens", "開始時刻"},
    {"closes", "終了時刻"},
    {"lat", "緯度"},
    {"lon", "経度"},
    {"from", "開始"},
    {"q", "検索語"},
    {"page", "ページ"},
    {"per_page", "1ページの件数"},
    {"form", "様式"},
    {"form_version", "様式の版"},
    {"assessed_on", "面談日"},
    {"answers", "回答"},
    {"specified_pregnancy", "特定妊婦の判定"},
    {"on", "日付"},
    {"by_user_ids", "対応した職員"},
    {"with_organization_id", "連携した機関"},
    {"next_step", "次の対応"},
    {"to_ward", "移管先の区"},
};

std::string_view lookup(std::span<const std::pair<std::string_view, std::string_view>> table,
                        std::string_view key) {
  for (const auto& [k, v] : table) {
    if (k == key) return v;
  }
  return {};
}

std::string param(const ErrorParams& params, std::string_view name) {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return "";
}

// "routine, urgent" → 「通常」(routine)、… when the values are exactly one word set's; the values
// alone otherwise.
std::string allowed_in_japanese(const std::string& allowed) {
  for (const domain::WordSet& set : domain::word_sets()) {
    std::string values;
    for (const domain::Word& w : set.words) {
      values += (values.empty() ? "" : ", ") + std::string(w.value);
    }
    if (values != allowed) continue;
    std::string out;
    for (const domain::Word& w : set.words) {
      out += (out.empty() ? "" : "、") + std::string(w.ja) + "（" + std::string(w.value) + "）";
    }
    return out;
  }
  std::string out = allowed;
  for (size_t at = out.find(", "); at != std::string::npos; at = out.find(", ", at)) {
    out.replace(at, 2, "、");
  }
  return out;
}

std::string fill(std::string text, const ErrorParams& params) {
  for (const auto& [name, value] : params) {
    std::string shown = name == "allowed" ? allowed_in_japanese(value)
                        : name == "other" ? japanese_field_name(value)
                                          : value;
    std::string key = "{" + name + "}";
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
      text.replace(at, key.size(), shown);
      at += shown.size();
    }
  }
  return text;
}

const char* referral_status_ja(const std::string& value) {
  const domain::Word* w = domain::find_word(domain::words::kReferralStatuses, value);
  return w ? w->ja.data() : nullptr;
}

// The Japanese detail a precise code has beyond its general sentence (empty: none).
std::string specific_detail_ja(const Error& error) {
  if (error.code() == "referral.illegal_transition") {
    std::string from = param(error.params(), "from");
    std::string to = param(error.params(), "to");
    const char* from_ja = referral_status_ja(from);
    const char* to_ja = referral_status_ja(to);
    if (from_ja == nullptr || to_ja == nullptr) return "";
    if (from == to) return std::string("この紹介はすでに「") + from_ja + "」になっています。";
    if (from == "accepted") {
      return std::string("この紹介はすでに受理されています。「") + to_ja + "」にはできません。";
    }
    return std::string("この紹介は「") + from_ja + "」のため、「" + to_ja + "」にはできません。";
  }
  if (error.code() == "transfer.illegal_transition") {
    const domain::Word* from =
        domain::find_word(domain::words::kTransferStatuses, param(error.params(), "from"));
    const domain::Word* to =
        domain::find_word(domain::words::kTransferStatuses, param(error.params(), "to"));
    if (from == nullptr || to == nullptr) return "";
    if (from == to) return "この移管はすでに「" + std::string(from->ja) + "」になっています。";
    return "この移管は「" + std::string(from->ja) + "」のため、「" + std::string(to->ja) +
           "」にはできません。";
  }
  if (error.kind() == ErrorKind::kResourceExhausted && error.retry_after_seconds()) {
    return "試行の回数が多すぎます。" + std::to_string(*error.retry_after_seconds()) +
           "秒ほど待ってから、もう一度お試しください。";
  }
  return "";
}

}  // namespace

const std::vector<ErrorText>& error_texts() { return kErrorTexts; }

const ErrorText& error_text(const std::string& code, const std::string& fallback) {
  const ErrorText* found = nullptr;
  for (const ErrorText& t : kErrorTexts) {
    if (code == t.code) return t;
    if (fallback == t.code) found = &t;
  }
  return found ? *found : kErrorTexts.front();
}

std::string error_title(const Error& error, Language language) {
  const ErrorText& t = error_text(error.code(), default_code(error.kind()));
  return language == Language::kJapanese ? t.title_ja : t.title_en;
}

std::string error_detail(const Error& error, Language language) {
  if (language == Language::kEnglish) return error.message();
  std::string specific = specific_detail_ja(error);
  if (!specific.empty()) return specific;
  std::string detail = error_text(error.code(), default_code(error.kind())).detail_ja;
  if (error.kind() == ErrorKind::kInvalidArgument && !error.fields().empty()) {
    // Name the fields, once each, as the screens call them.
    std::vector<std::string> names;
    for (const FieldError& f : error.fields()) {
      std::string name = f.field.empty() ? "本文" : japanese_field_name(f.field);
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    constexpr std::string_view kFullStop = "。";
    if (detail.ends_with(kFullStop)) detail.resize(detail.size() - kFullStop.size());
    detail += "（";
    for (size_t i = 0; i < names.size(); ++i) detail += (i ? "、" : "") + names[i];
    detail += "）。";
  }
  return detail;
}

std::string field_code(const FieldError& error) {
  const KnownMessage* known = known_message(error);
  return known ? std::string(known->code) : error.code;
}

bool has_japanese_field_message(const std::string& code) {
  return std::any_of(std::begin(kFieldTexts), std::end(kFieldTexts),
                     [&](const FieldText& t) { return code == t.code; });
}

std::string field_message(const FieldError& error, Language language) {
  if (language == Language::kEnglish) return error.message;
  if (const KnownMessage* known = known_message(error)) return std::string(known->ja);
  if (error.code == "field.type") {
    std::string_view text = lookup(kTypeTexts, param(error.params, "type"));
    if (!text.empty()) return std::string(text);
  }
  if (error.code == "field.format") {
    std::string_view text = lookup(kFormatTexts, param(error.params, "format"));
    if (!text.empty()) return std::string(text);
  }
  for (const FieldText& t : kFieldTexts) {
    if (error.code == t.code) return fill(t.ja, error.params);
  }
  return kFieldTexts[0].ja;  // field.invalid: the general sentence, never the English one
}

std::string japanese_field_name(const std::string& field) {
  std::string_view whole = lookup(kFieldNames, field);
  if (!whole.empty()) return std::string(whole);
  // The last name of a path, without its index: "hours[2].opens" → "opens".
  std::string_view last = field;
  if (size_t dot = last.rfind('.'); dot != std::string_view::npos) last = last.substr(dot + 1);
  if (size_t bracket = last.find('['); bracket != std::string_view::npos) {
    last = last.substr(0, bracket);
  }
  std::string_view name = lookup(kFieldNames, last);
  return name.empty() ? field : std::string(name);
}

}  // namespace tsunagu::http
