// Ids of demo organizations the API tests name (seed/10_organizations.json), in one place.
#pragma once

namespace tsunagu::testing {

inline constexpr char kItokonchi[] = "a0000000-0000-4000-8000-000000000001";     // いとこんち
inline constexpr char kNightNursery[] = "a0000000-0000-4000-8000-000000000002";  // 夜の居場所
// NPO法人ひだまりシェルター: network-only, address hidden.
inline constexpr char kShelter[] = "a0000000-0000-4000-8000-000000000017";
// 新琴似西町内会: public, address hidden.
inline constexpr char kResidents[] = "a0000000-0000-4000-8000-000000000031";

}  // namespace tsunagu::testing
