// The ward's cases: risk badges (特定妊婦 / 虐待認定 / 育児困難), risk level and sections, highest
// risk first as the server orders them, with a search by case number or household label and
// filters on status and risk level. The search box's words go to the server as `q`; the list
// shows what it answers, narrowed to the rows that contain the words.
import { useState } from "preact/hooks";
import { get } from "../../api.js";
import { codes, formatDate, label, tr } from "../../i18n.js";
import { location, navigate } from "../../router.js";
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
    all: "すべて",
    submit: "検索",
    count: "{n}件",
    caseRef: "ケース番号",
    household: "世帯",
    risk: "リスク・区分",
    nextReview: "次回見直し",
    none: "条件に合うケースはありません。",
  },
  en: {
    title: "Cases",
    search: "Find by case number or household label",
    searchHint: "e.g. 中央-2026-0012, A.K.",
    status: "Status",
    risk_level: "Risk",
    all: "All",
    submit: "Search",
    count: "{n} cases",
    caseRef: "Case no.",
    household: "Household",
    risk: "Risk and sections",
    nextReview: "Next review",
    none: "No case matches.",
  },
};

/** Width- and kana-insensitive folding for matching the search words on the page. */
export function fold(s) {
  return String(s || "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

export function Cases() {
  const params = location.value.search;
  const [q, setQ] = useState(params.get("q") || "");
  const [status, setStatus] = useState(params.get("status") ?? "open");
  const [risk, setRisk] = useState(params.get("risk_level") || "");
  const applied = { q: params.get("q") || "", status: params.get("status") ?? "open", risk_level: params.get("risk_level") || "" };

  const { data, error, loading } = useLoad(
    () => get("/cases", { q: applied.q, status: applied.status, risk_level: applied.risk_level, per_page: 200 }),
    [applied.q, applied.status, applied.risk_level],
  );
  const words = fold(applied.q).split(/\s+/).filter(Boolean);
  const items = (data?.items || []).filter((c) =>
    words.every((w) => fold(c.case_ref).includes(w) || fold(c.household_label).includes(w)),
  );

  const submit = (e) => {
    e.preventDefault();
    const s = new URLSearchParams();
    if (q.trim()) s.set("q", q.trim());
    s.set("status", status);
    if (risk) s.set("risk_level", risk);
    navigate("/cases?" + s.toString(), { replace: true });
  };

  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <form class="filters" role="search" onSubmit={submit}>
        <TextField name="q" label={tr(T, "search")} hint={tr(T, "searchHint")} value={q} onInput={setQ} type="search" />
        <SelectField
          name="status"
          label={tr(T, "status")}
          value={status}
          onInput={setStatus}
          options={[["", tr(T, "all")], ...codes("case_statuses").map((c) => [c, label("case_statuses", c)])]}
        />
        <SelectField
          name="risk_level"
          label={tr(T, "risk_level")}
          value={risk}
          onInput={setRisk}
          blank={tr(T, "all")}
          options={codes("risk_levels").map((c) => [c, label("risk_levels", c)])}
        />
        <div class="field">
          <button type="submit" class="button">
            {tr(T, "submit")}
          </button>
        </div>
      </form>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <p role="status" class="muted">
            {tr(T, "count", { n: items.length })}
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
        </>
      ) : null}
    </>
  );
}
