// The language a request's texts are answered in. Problem details (titles, details, field
// messages) are in Japanese when Accept-Language prefers Japanese ("ja", "ja-JP", with q-values
// as RFC 9110 §12.5.4 reads them), otherwise in English. Picked once per request by the
// pre-routing handler into the request context (request_context.h), so domain code never sees it.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace tsunagu::http {

enum class Language { kEnglish, kJapanese };

// The language Accept-Language prefers among those the server speaks; English when it names
// neither (or is absent). A tie goes to the range listed first.
Language preferred_language(std::string_view accept_language);

}  // namespace tsunagu::http
