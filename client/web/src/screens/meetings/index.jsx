// The meetings calendar: GET /api/v1/meetings with a period, a kind and a status, grouped by
// month, earliest first. Each meeting opens its page; the caller's action items are one link away.
import { useState } from "preact/hooks";
import { get } from "../../api.js";
import { codes, formatDate, formatTime, label, tr } from "../../i18n.js";
import { LoadError } from "../../components/errors.jsx";
import { SelectField, TextField } from "../../components/fields.jsx";
import { Loading, None, PageTitle, useLoad } from "../../components/common.jsx";
import { tokyoDateIn, tokyoMonth } from "./dates.js";
import "./meetings.css";

const T = {
  ja: {
    title: "会議",
    intro: "座談会・実務者会議・ケース会議の予定と記録です。",
    filters: "絞り込み",
    from: "開始日",
    to: "終了日",
    kind: "会議の種類",
    status: "状態",
    all: "すべて",
    apply: "表示する",
    count: "{n}件",
    none: "この条件の会議はありません。",
    myItems: "自分のアクションを見る",
    month: "{y}年{m}月",
  },
  en: {
    title: "Meetings",
    intro: "Roundtables, practitioners' meetings and case conferences, planned and held.",
    filters: "Filters",
    from: "From",
    to: "To",
    kind: "Kind",
    status: "Status",
    all: "All",
    apply: "Show",
    count: "{n} meetings",
    none: "No meetings match.",
    myItems: "My action items",
    month: "{m}/{y}",
  },
};

const statusTone = { planned: "info", held: "ok", cancelled: "muted" };

export function MeetingStatus({ status }) {
  return <span class={"badge badge--" + (statusTone[status] || "muted")}>{label("meeting_statuses", status)}</span>;
}

function MeetingCard({ m }) {
  return (
    <li class={"card meeting-card" + (m.status === "cancelled" ? " meeting-card--cancelled" : "")}>
      <p class="meeting-card__when">
        <time datetime={m.starts_at}>{formatDate(m.starts_at)}</time>{" "}
        {formatTime(m.starts_at)}〜{formatTime(m.ends_at)}
      </p>
      <p class="card__title">
        <a href={"/meetings/" + encodeURIComponent(m.id)}>{m.title}</a>
      </p>
      <p class="card__meta">
        <span class="badges">
          <span class="badge badge--info">{label("meeting_kinds", m.kind)}</span>
          <MeetingStatus status={m.status} />
        </span>{" "}
        {[m.place, m.district].filter(Boolean).join("・")}
      </p>
    </li>
  );
}

function byMonth(items) {
  const groups = [];
  for (const m of items) {
    const key = tokyoMonth(m.starts_at);
    if (!groups.length || groups[groups.length - 1].key !== key) groups.push({ key, items: [] });
    groups[groups.length - 1].items.push(m);
  }
  return groups;
}

export function Meetings() {
  const [form, setForm] = useState({ from: tokyoDateIn(-30), to: "", kind: "", status: "" });
  const [shown, setShown] = useState(form);
  const list = useLoad(() => get("/meetings", { ...shown, per_page: 200 }), [JSON.stringify(shown)]);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const options = (set) => codes(set).map((c) => [c, label(set, c)]);

  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <p class="lead">{tr(T, "intro")}</p>
      <p>
        <a href="/action-items">{tr(T, "myItems")}</a>
      </p>
      <form
        class="filters"
        aria-label={tr(T, "filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setShown(form);
        }}
      >
        <TextField name="from" type="date" label={tr(T, "from")} value={form.from} onInput={set("from")} />
        <TextField name="to" type="date" label={tr(T, "to")} value={form.to} onInput={set("to")} />
        <SelectField name="kind" label={tr(T, "kind")} value={form.kind} onInput={set("kind")} blank={tr(T, "all")} options={options("meeting_kinds")} />
        <SelectField name="status" label={tr(T, "status")} value={form.status} onInput={set("status")} blank={tr(T, "all")} options={options("meeting_statuses")} />
        <div class="field">
          <button type="submit" class="button">
            {tr(T, "apply")}
          </button>
        </div>
      </form>
      <LoadError error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <div aria-live="polite">
          <p class="muted">{tr(T, "count", { n: list.data.total })}</p>
          {list.data.items.length ? (
            byMonth(list.data.items).map((g) => (
              <section key={g.key} aria-labelledby={"month-" + g.key}>
                <h2 id={"month-" + g.key}>
                  {tr(T, "month", { y: g.key.slice(0, 4), m: Number(g.key.slice(5, 7)) })}
                </h2>
                <ul class="cards">
                  {g.items.map((m) => (
                    <MeetingCard key={m.id} m={m} />
                  ))}
                </ul>
              </section>
            ))
          ) : (
            <None>{tr(T, "none")}</None>
          )}
        </div>
      ) : null}
    </>
  );
}
