// The directory of the prevention network: search with filters (public entries without a
// sign-in; the network's entries for signed-in users), and one organization's page with its
// hours, capacity and services.
import { get } from "../../api.js";
import { label, lang, tr } from "../../i18n.js";
import { LoadError } from "../../components/errors.jsx";
import { Loading, None, PageTitle, useLoad } from "../../components/common.jsx";
import { DirectorySearch, OrganizationSummary } from "./search.jsx";

const T = {
  ja: {
    title: "関係機関を探す",
    intro: "札幌市内の子育て支援・見守りの関係機関を、種別・区・受付時間・受入状況で探せます。",
    hours: "受付時間",
    hoursNone: "受付時間は登録されていません。",
    closed: "休業",
    services: "サービス",
    ages: "対象 {min}〜{max}歳",
    agesMin: "対象 {min}歳以上",
    agesMax: "対象 {max}歳まで",
    fee: "費用",
    apply: "申込方法",
    eligibility: "対象",
    address: "所在地",
    contact: "連絡先",
    website: "ウェブサイト",
    back: "関係機関の検索に戻る",
    days: ["日", "月", "火", "水", "木", "金", "土"],
    nextDay: "翌",
  },
  en: {
    title: "Find a partner",
    intro: "Search Sapporo's support and prevention partners by category, ward, opening hours and capacity.",
    hours: "Hours",
    hoursNone: "No hours given.",
    closed: "Closed",
    services: "Services",
    ages: "Ages {min}–{max}",
    agesMin: "Ages {min}+",
    agesMax: "Up to age {max}",
    fee: "Fee",
    apply: "How to apply",
    eligibility: "For",
    address: "Address",
    contact: "Contact",
    website: "Website",
    back: "Back to the search",
    days: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
    nextDay: "next day ",
  },
};

export function Directory() {
  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <p class="lead">{tr(T, "intro")}</p>
      <DirectorySearch />
    </>
  );
}

/** "月 18:00〜翌02:00" lines for the weekly slots, then dated exceptions. */
export function Hours({ hours }) {
  const t = T[lang.value];
  if (!hours?.length) return <None>{tr(T, "hoursNone")}</None>;
  const weekly = hours.filter((h) => h.weekday !== undefined);
  const dated = hours.filter((h) => h.date);
  return (
    <ul class="hours">
      {weekly.map((h, i) => (
        <li key={"w" + i}>
          {t.days[h.weekday]} {h.opens}〜{h.closes <= h.opens ? t.nextDay : ""}
          {h.closes}
          {h.note ? `（${h.note}）` : ""}
        </li>
      ))}
      {dated.map((h, i) => (
        <li key={"d" + i}>
          {h.date} {h.closed ? t.closed : `${h.opens}〜${h.closes}`}
          {h.note ? `（${h.note}）` : ""}
        </li>
      ))}
    </ul>
  );
}

export function ageRange(s) {
  if (s.age_min != null && s.age_max != null) return tr(T, "ages", { min: s.age_min, max: s.age_max });
  if (s.age_min != null) return tr(T, "agesMin", { min: s.age_min });
  if (s.age_max != null) return tr(T, "agesMax", { max: s.age_max });
  return "";
}

export function OrganizationPage({ id }) {
  const { data, error, loading } = useLoad(async () => {
    const path = `/organizations/${encodeURIComponent(id)}`;
    const [org, services] = await Promise.all([get(path), get(path + "/services", { per_page: 100 }).catch(() => ({ items: [] }))]);
    return { org, services: services.items || [] };
  }, [id]);
  const org = data?.org;
  return (
    <>
      <p>
        <a href="/directory">{tr(T, "back")}</a>
      </p>
      <PageTitle>{org?.name || tr(T, "title")}</PageTitle>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {org ? (
        <>
          <div class="card">
            <OrganizationSummary org={org} />
          </div>
          {org.description ? <p class="lead">{org.description}</p> : null}
          <dl class="facts">
            {org.address ? (
              <>
                <dt>{tr(T, "address")}</dt>
                <dd>{org.address}</dd>
              </>
            ) : null}
            {org.phone || org.email ? (
              <>
                <dt>{tr(T, "contact")}</dt>
                <dd>
                  {org.phone ? <a href={"tel:" + org.phone}>{org.phone}</a> : null} {org.email ? <a href={"mailto:" + org.email}>{org.email}</a> : null}
                </dd>
              </>
            ) : null}
            {org.website ? (
              <>
                <dt>{tr(T, "website")}</dt>
                <dd>
                  <a href={org.website} rel="noopener noreferrer" target="_blank">
                    {org.website}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
          <h2>{tr(T, "hours")}</h2>
          <Hours hours={org.hours} />
          <h2>{tr(T, "services")}</h2>
          {data.services.length ? (
            <ul class="cards">
              {data.services.map((s) => (
                <li key={s.id} class="card">
                  <p class="card__title">{s.name}</p>
                  {s.description ? <p>{s.description}</p> : null}
                  <p class="card__meta">
                    {[ageRange(s), s.eligibility && `${tr(T, "eligibility")}：${s.eligibility}`, s.fee && `${tr(T, "fee")}：${s.fee}`]
                      .filter(Boolean)
                      .join("・")}
                  </p>
                  {s.how_to_apply ? (
                    <p class="card__meta">
                      {tr(T, "apply")}：{s.how_to_apply}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <None />
          )}
          <p class="small muted">{label("categories", org.category)}</p>
        </>
      ) : null}
    </>
  );
}
