// The ward's cases: risk badges (特定妊婦 / 虐待認定 / 育児困難), risk level and sections, highest
// risk first as the server orders them. Every filter — words (`q`: case number or household
// label), status, risk level, risk category, section, lead — and the page live in the URL and go
// to the server as they are: the list is the server's answer and its paging, with nothing
// filtered again in the browser, so a reload or the back button shows the same list.
import { useEffect, useState } from "preact/hooks";
import { get, query } from "../../api.js";
import { codes, formatDate, label, tr } from "../../i18n.js";
import { location, navigate } from "../../router.js";
import { wardUsers } from "../../names.js";
import { LoadError } from "../../components/errors.jsx";
import { Loading, None, PageTitle, RiskBadges, SectionBadges, StatusBadge, useLoad } from "../../components/common.jsx";
import { SelectField, TextField } from "../../components/fields.jsx";

const T = {
  ja: {
    title: "ケース一覧",
    search: "ケース番号・世帯の呼び名で探す",
    searchHint: "例：中央-2026-0012、A.K.",
    status: "状態",
    risk_level: "リスク",
    risk_category: "リスク区分",
    section: "担当",
    lead: "主担当",
    leadMe: "自分",
    all: "すべて",
    submit: "検索",
    count: "{n}件",
    range: "全{n}件中 {from}〜{to}件目",
    pages: "ページ",
    prev: "前のページ",
    next: "次のページ",
    pageOf: "{page} / {pages}ページ",
    nextReview: "次回見直し",
    none: "条件に合うケースはありません。",
  },
  en: {
    title: "Cases",
    search: "Find by case number or household label",
    searchHint: "e.g. 中央-2026-0012, A.K.",
    status: "Status",
    risk_level: "Risk",
    risk_category: "Risk category",
    section: "Section",
    lead: "Lead",
    leadMe: "Me",
    all: "All",
    submit: "Search",
    count: "{n} cases",
    range: "{from}–{to} of {n} cases",
    pages: "Pages",
    prev: "Previous page",
    next: "Next page",
    pageOf: "Page {page} of {pages}",
    nextReview: "Next review",
    none: "No case matches.",
  },
};

export const PER_PAGE = 20;
// The URL's parameters the list understands; each goes to GET /api/v1/cases under its own name
// (the server refuses a value outside its set, and the page shows why).
const FILTERS = ["q", "status", "risk_level", "risk_category", "section", "lead", "per_page"];

/** The filters and page of a /cases URL; without a status the open cases are shown. */
export function filtersOf(search) {
  const f = Object.fromEntries(FILTERS.map((k) => [k, search.get(k) || ""]));
  f.status = search.get("status") ?? "open";
  f.page = search.get("page") || "";
  return f;
}

/** The /cases URL of some filters and page (an empty status is kept: it means "all"). */
export function casesUrl(f, page) {
  const s = query({ ...f, status: "", page: page > 1 ? page : "" }).slice(1);
  return "/cases?" + (s ? s + "&" : "") + "status=" + encodeURIComponent(f.status);
}

/** The filters' labels by parameter name, to name one the server refuses. */
const fieldLabels = () => ({
  ...Object.fromEntries(["status", "risk_level", "risk_category", "section", "lead"].map((k) => [k, tr(T, k)])),
  q: tr(T, "search"),
});

function Filters({ applied }) {
  const [f, setF] = useState(applied);
  const [leads, setLeads] = useState({});
  useEffect(() => {
    wardUsers().then(setLeads);
  }, []);
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));
  const options = (set) => codes(set).map((c) => [c, label(set, c)]);
  const submit = (e) => {
    e.preventDefault();
    navigate(casesUrl({ ...f, q: f.q.trim() }));
  };
  return (
    <form class="filters filters--narrow" role="search" onSubmit={submit}>
      <TextField name="q" label={tr(T, "search")} hint={tr(T, "searchHint")} value={f.q} onInput={set("q")} type="search" />
      <SelectField
        name="status"
        label={tr(T, "status")}
        value={f.status}
        onInput={set("status")}
        options={[["", tr(T, "all")], ...options("case_statuses")]}
      />
      <SelectField name="risk_level" label={tr(T, "risk_level")} value={f.risk_level} onInput={set("risk_level")} blank={tr(T, "all")} options={options("risk_levels")} />
      <SelectField name="risk_category" label={tr(T, "risk_category")} value={f.risk_category} onInput={set("risk_category")} blank={tr(T, "all")} options={options("risk_categories")} />
      <SelectField name="section" label={tr(T, "section")} value={f.section} onInput={set("section")} blank={tr(T, "all")} options={options("sections")} />
      <SelectField
        name="lead"
        label={tr(T, "lead")}
        value={f.lead}
        onInput={set("lead")}
        blank={tr(T, "all")}
        options={[["me", tr(T, "leadMe")], ...Object.entries(leads).sort((a, b) => a[1].localeCompare(b[1], "ja"))]}
      />
      <div class="field">
        <button type="submit" class="button">
          {tr(T, "submit")}
        </button>
      </div>
    </form>
  );
}

function Pager({ applied, page, perPage, total }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={tr(T, "pages")}>
      {page > 1 ? (
        <a class="button button--secondary button--small" href={casesUrl(applied, page - 1)} rel="prev">
          {tr(T, "prev")}
        </a>
      ) : null}
      <span>{tr(T, "pageOf", { page, pages })}</span>
      {page < pages ? (
        <a class="button button--secondary button--small" href={casesUrl(applied, page + 1)} rel="next">
          {tr(T, "next")}
        </a>
      ) : null}
    </nav>
  );
}

export function Cases() {
  const search = location.value.search;
  const { page, ...applied } = filtersOf(search);
  const key = casesUrl(applied, page);
  const { data, error, loading } = useLoad(() => get("/cases", { ...applied, page, per_page: applied.per_page || PER_PAGE }), [key]);
  const items = data?.items || [];
  const from = data ? (data.page - 1) * data.per_page + 1 : 0;

  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <Filters key={key} applied={applied} />
      <LoadError error={error} labels={fieldLabels()} />
      {loading && !data ? <Loading /> : null}
      {data && !error ? (
        <>
          <p role="status" class="muted">
            {data.total > items.length
              ? tr(T, "range", { n: data.total, from, to: from + items.length - 1 })
              : tr(T, "count", { n: data.total })}
          </p>
          {items.length ? (
            <ul class="cards" aria-label={tr(T, "title")}>
              {items.map((c) => (
                <li key={c.id} class="card">
                  <p class="card__title">
                    <a href={`/cases/${encodeURIComponent(c.id)}`}>
                      {c.case_ref}　{c.household_label}
                    </a>{" "}
                    {c.status !== "open" ? <StatusBadge status={c.status} set="case_statuses" /> : null}
                  </p>
                  <p class="card__meta">
                    <RiskBadges categories={c.risk_categories} level={c.risk_level} /> <SectionBadges sections={c.sections} />
                  </p>
                  {c.next_review_on ? (
                    <p class="card__meta">
                      {tr(T, "nextReview")}：{formatDate(c.next_review_on)}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <None>{tr(T, "none")}</None>
          )}
          <Pager applied={applied} page={data.page} perPage={data.per_page} total={data.total} />
        </>
      ) : null}
    </>
  );
}
