// The directory search both the directory screen and the referral form use: words, category,
// ward, "open now" or "open at" a date and time (overnight hours included — the server decides
// what is open), capacity, and the child's age (shown against each service's age range when a
// partner is opened). Results page by 20.
import { useState } from "preact/hooks";
import { get } from "../../api.js";
import { codes, label, tr } from "../../i18n.js";
import { ErrorSummary, problemToErrors } from "../../components/errors.jsx";
import { None } from "../../components/common.jsx";
import { RadioField, SelectField, TextField } from "../../components/fields.jsx";

const T = {
  ja: {
    legend: "関係機関を探す",
    q: "キーワード",
    qHint: "名称・ふりがな・サービス内容（例：夜間、居場所、助産）",
    category: "種別",
    ward: "区",
    any: "指定しない",
    open: "開いている時間",
    openAny: "指定しない",
    openNow: "いま開いている",
    openAt: "日時を指定する",
    date: "日付",
    time: "時刻",
    timeHint: "夜間は翌日にまたがる受付時間も含めて探します（例：23:30）",
    capacity: "受入状況",
    capacityAvailable: "受入可能（空きあり・残りわずか）",
    age: "子どもの年齢",
    ageHint: "入力すると、サービスの対象年齢と照らして表示します",
    search: "この条件で探す",
    results: "{n}件見つかりました",
    more: "さらに表示",
    noResults: "条件に合う関係機関はありません。条件を減らしてみてください。",
    capacityUnknown: "受入状況未登録",
    councilMember: "要対協構成機関",
  },
  en: {
    legend: "Find a partner",
    q: "Keywords",
    qHint: "Name, reading or service (e.g. night, youth space, midwife)",
    category: "Category",
    ward: "Ward",
    any: "Any",
    open: "Opening time",
    openAny: "Any time",
    openNow: "Open now",
    openAt: "Open at a date and time",
    date: "Date",
    time: "Time",
    timeHint: "Overnight hours are included (e.g. 23:30)",
    capacity: "Capacity",
    capacityAvailable: "Can take families (open or limited)",
    age: "Child's age",
    ageHint: "Shown against each service's age range",
    search: "Search",
    results: "{n} found",
    more: "Show more",
    noResults: "Nothing matches. Try fewer conditions.",
    capacityUnknown: "Capacity not given",
    councilMember: "Council member",
  },
};

function tokyoToday() {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });
}

/** The query the form's state asks the server for. */
export function directoryQuery(f) {
  let open_at;
  if (f.open === "now") open_at = "now";
  else if (f.open === "at" && f.date && f.time) open_at = `${f.date}T${f.time}:00+09:00`;
  return {
    q: f.q.trim(),
    category: f.category,
    ward: f.ward,
    open_at,
    capacity: f.capacity,
    per_page: 20,
  };
}

export function capacityTone(status) {
  return { open: "ok", limited: "medium", waitlist: "medium", full: "risk" }[status] || "muted";
}

export function OrganizationSummary({ org, children }) {
  return (
    <>
      <p class="card__title">
        <a href={`/directory/${encodeURIComponent(org.id)}`}>{org.name}</a>
      </p>
      <p class="card__meta">
        <span class="badges">
          <span class="badge badge--info">{label("categories", org.category)}</span>
          {org.capacity ? (
            <span class={"badge badge--" + capacityTone(org.capacity.status)}>{label("capacity_statuses", org.capacity.status)}</span>
          ) : (
            <span class="badge badge--muted">{tr(T, "capacityUnknown")}</span>
          )}
          {org.council_member ? <span class="badge badge--muted">{tr(T, "councilMember")}</span> : null}
        </span>{" "}
        {(org.wards || []).map((w) => label("wards", w)).join("・")}
        {org.district ? `（${org.district}）` : ""}
        {org.phone ? <>　<span class="nowrap">☎ {org.phone}</span></> : null}
      </p>
      {org.capacity?.note ? <p class="card__meta">{org.capacity.note}</p> : null}
      {children}
    </>
  );
}

/**
 * <DirectorySearch initial={{ward: "chuo"}} renderActions={(org) => …} />: the filters, then
 * the results; renderActions adds buttons to each result (the referral form's 「選ぶ」).
 */
export function DirectorySearch({ initial = {}, renderActions, onAge, headingLevel = 2 }) {
  const [f, setF] = useState({
    q: "", category: "", ward: "", open: "any", date: tokyoToday(), time: "", capacity: "", age: "",
    ...initial,
  });
  const [result, setResult] = useState(null);
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));

  const run = async (page = 1) => {
    setBusy(true);
    try {
      const body = await get("/organizations", { ...directoryQuery(f), page });
      setResult((r) => (page > 1 && r ? { ...body, items: [...r.items, ...body.items] } : body));
      setErrors(null);
    } catch (e) {
      setErrors(problemToErrors(e, { open_at: f.open === "at" ? "time" : "open" }));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e) => {
    e.preventDefault();
    onAge?.(f.age);
    run(1);
  };
  const H = headingLevel === 2 ? "h2" : "h3";

  return (
    <div class="directory-search">
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} role="search" aria-label={tr(T, "legend")} novalidate>
        <div class="filters">
          <TextField name="q" label={tr(T, "q")} hint={tr(T, "qHint")} value={f.q} onInput={set("q")} error={errors?.fields.q} type="search" />
          <SelectField
            name="category"
            label={tr(T, "category")}
            value={f.category}
            onInput={set("category")}
            blank={tr(T, "any")}
            error={errors?.fields.category}
            options={codes("categories").map((c) => [c, label("categories", c)])}
          />
          <SelectField
            name="ward"
            label={tr(T, "ward")}
            value={f.ward}
            onInput={set("ward")}
            blank={tr(T, "any")}
            error={errors?.fields.ward}
            options={codes("wards").map((c) => [c, label("wards", c)])}
          />
          <SelectField
            name="capacity"
            label={tr(T, "capacity")}
            value={f.capacity}
            onInput={set("capacity")}
            blank={tr(T, "any")}
            error={errors?.fields.capacity}
            options={[["open,limited", tr(T, "capacityAvailable")], ...codes("capacity_statuses").map((c) => [c, label("capacity_statuses", c)])]}
          />
          {onAge ? (
            <TextField name="age" label={tr(T, "age")} hint={tr(T, "ageHint")} value={f.age} onInput={set("age")} type="number" min="0" max="20" inputmode="numeric" />
          ) : null}
        </div>
        <RadioField
          name="open"
          legend={tr(T, "open")}
          value={f.open}
          onInput={set("open")}
          error={errors?.fields.open}
          options={[["any", tr(T, "openAny")], ["now", tr(T, "openNow")], ["at", tr(T, "openAt")]]}
        />
        {f.open === "at" ? (
          <div class="filters filters--when">
            <TextField name="date" type="date" label={tr(T, "date")} value={f.date} onInput={set("date")} error={errors?.fields.date} />
            <TextField name="time" type="time" label={tr(T, "time")} hint={tr(T, "timeHint")} value={f.time} onInput={set("time")} error={errors?.fields.time} />
          </div>
        ) : null}
        <button type="submit" class="button" disabled={busy}>
          {tr(T, "search")}
        </button>
      </form>
      {result ? (
        <section aria-labelledby="directory-results" class="results">
          <H id="directory-results" role="status">
            {tr(T, "results", { n: result.total })}
          </H>
          {result.items.length ? (
            <ul class="cards">
              {result.items.map((org) => (
                <li key={org.id} class="card">
                  <OrganizationSummary org={org}>{renderActions ? renderActions(org) : null}</OrganizationSummary>
                </li>
              ))}
            </ul>
          ) : (
            <None>{tr(T, "noResults")}</None>
          )}
          {result.items.length < result.total ? (
            <p>
              <button type="button" class="button button--secondary" disabled={busy} onClick={() => run((result.page || 1) + 1)}>
                {tr(T, "more")}
              </button>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
