// A partner's own entry: its capacity (PUT /organizations/{id}/capacity — status and a note,
// nothing else) and its weekly hours, editable one slot at a time on a phone. Saving the hours
// sends only `hours` in a merge patch, with every slot the page loaded (an array is replaced
// whole), and If-Match with the version read, so a slot nobody touched is never lost and a
// change made elsewhere meanwhile is not overwritten (412: reload).
import { useEffect, useState } from "preact/hooks";
import { get, patch, put } from "../../api.js";
import { codes, formatDate, label, lang, tr } from "../../i18n.js";
import { me } from "../../session.js";
import { ErrorSummary, LoadError, fieldId, problemToErrors } from "../../components/errors.jsx";
import { Loading, PageTitle, useLoad } from "../../components/common.jsx";
import { RadioField, SelectField, TextArea, TextField } from "../../components/fields.jsx";

const T = {
  ja: {
    title: "受入状況と受付時間",
    capacity: "いまの受入状況",
    status: "受入状況",
    note: "補足（任意）",
    noteHint: "例：今週は小学生まで。土曜は満員です。",
    saveCapacity: "受入状況を更新する",
    capacitySaved: "受入状況を更新しました。",
    updated: "最終更新 {date}",
    hours: "受付時間（毎週）",
    hoursHint: "翌日にまたがる場合は、終了時刻を開始時刻より前にしてください（例：17:00〜02:00）。",
    weekday: "曜日",
    opens: "開始",
    closes: "終了",
    slot: "{n}件目",
    remove: "この時間帯を削除",
    add: "時間帯を追加",
    saveHours: "受付時間を保存する",
    hoursSaved: "受付時間を保存しました。",
    unchanged: "変更はありません。",
    dated: "休業日・特別な受付時間",
    datedNone: "登録はありません。",
    closed: "休業",
    days: ["日曜", "月曜", "火曜", "水曜", "木曜", "金曜", "土曜"],
  },
  en: {
    title: "Capacity and hours",
    capacity: "Capacity now",
    status: "Capacity",
    note: "Note (optional)",
    noteHint: "e.g. Primary school age only this week.",
    saveCapacity: "Update capacity",
    capacitySaved: "Capacity updated.",
    updated: "Last updated {date}",
    hours: "Weekly hours",
    hoursHint: "For hours past midnight, make the closing time earlier than the opening (e.g. 17:00–02:00).",
    weekday: "Day",
    opens: "Opens",
    closes: "Closes",
    slot: "Slot {n}",
    remove: "Remove this slot",
    add: "Add a slot",
    saveHours: "Save the hours",
    hoursSaved: "Hours saved.",
    unchanged: "Nothing has changed.",
    dated: "Closures and special hours",
    datedNone: "None.",
    closed: "Closed",
    days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  },
};

function CapacityForm({ org, onSaved }) {
  const [status, setStatus] = useState(org.capacity?.status || "");
  const [note, setNote] = useState(org.capacity?.note || "");
  const [errors, setErrors] = useState(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    try {
      await put(`/organizations/${encodeURIComponent(org.id)}/capacity`, { status, note });
      setErrors(null);
      setSaved(true);
      onSaved();
    } catch (err) {
      setErrors(problemToErrors(err));
      setSaved(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="capacity-title" novalidate>
      <h2 id="capacity-title">{tr(T, "capacity")}</h2>
      {org.capacity?.updated_at ? <p class="muted">{tr(T, "updated", { date: formatDate(org.capacity.updated_at, true) })}</p> : null}
      {saved ? (
        <div class="notice notice--success" role="status">
          <p>{tr(T, "capacitySaved")}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <RadioField
        name="status"
        legend={tr(T, "status")}
        value={status}
        onInput={setStatus}
        error={errors?.fields.status}
        options={codes("capacity_statuses").map((c) => [c, label("capacity_statuses", c)])}
      />
      <TextArea name="note" label={tr(T, "note")} hint={tr(T, "noteHint")} value={note} onInput={setNote} error={errors?.fields.note} rows={2} />
      <button type="submit" class="button" disabled={busy}>
        {tr(T, "saveCapacity")}
      </button>
    </form>
  );
}

function HoursForm({ org, onSaved }) {
  const weeklyOf = (o) => (o.hours || []).filter((h) => h.weekday !== undefined);
  const [slots, setSlots] = useState(weeklyOf(org));
  const [errors, setErrors] = useState(null);
  const [message, setMessage] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setSlots(weeklyOf(org)), [org.version]);
  const dated = (org.hours || []).filter((h) => h.date);
  const days = T[lang.value].days;

  const change = (i, k, v) => setSlots((s) => s.map((x, j) => (j === i ? { ...x, [k]: k === "weekday" ? Number(v) : v } : x)));
  const remove = (i) => setSlots((s) => s.filter((_, j) => j !== i));
  const add = () => {
    setSlots((s) => [...s, { weekday: 1, opens: "09:00", closes: "17:00" }]);
    requestAnimationFrame(() => document.getElementById(fieldId(`hours.${slots.length}.weekday`))?.focus());
  };

  const submit = async (e) => {
    e.preventDefault();
    const hours = [...slots, ...dated];
    if (JSON.stringify(hours) === JSON.stringify(org.hours || [])) {
      setMessage("unchanged");
      return;
    }
    setBusy(true);
    try {
      await patch(`/organizations/${encodeURIComponent(org.id)}`, { hours }, { ifMatch: org.version });
      setErrors(null);
      setMessage("hoursSaved");
      onSaved();
    } catch (err) {
      // The server names a slot's field as hours[2].closes or hours.2.closes: both land on the
      // slot's input.
      const e2 = problemToErrors(err);
      for (const item of e2.items) if (item.field) item.field = item.field.replace(/\[(\d+)\]/g, ".$1");
      e2.fields = Object.fromEntries(Object.entries(e2.fields).map(([k, v]) => [k.replace(/\[(\d+)\]/g, ".$1"), v]));
      setErrors(e2);
      setMessage(null);
    } finally {
      setBusy(false);
    }
  };
  const fe = errors?.fields || {};
  return (
    <form onSubmit={submit} aria-labelledby="hours-title" novalidate>
      <h2 id="hours-title">{tr(T, "hours")}</h2>
      <p class="field__hint">{tr(T, "hoursHint")}</p>
      {message ? (
        <div class="notice notice--success" role="status">
          <p>{tr(T, message)}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      {fe.hours ? <p class="field__error" id={fieldId("hours")}>{fe.hours}</p> : null}
      <ol class="slots">
        {slots.map((h, i) => (
          <li key={i} class="slot">
            <fieldset class="fieldset slot__fields">
              <legend class="field__label">{tr(T, "slot", { n: i + 1 })}</legend>
              <SelectField
                name={`hours.${i}.weekday`}
                label={tr(T, "weekday")}
                value={String(h.weekday)}
                onInput={(v) => change(i, "weekday", v)}
                error={fe[`hours.${i}.weekday`]}
                options={days.map((d, n) => [String(n), d])}
              />
              <TextField name={`hours.${i}.opens`} type="time" label={tr(T, "opens")} value={h.opens} onInput={(v) => change(i, "opens", v)} error={fe[`hours.${i}.opens`]} />
              <TextField name={`hours.${i}.closes`} type="time" label={tr(T, "closes")} value={h.closes} onInput={(v) => change(i, "closes", v)} error={fe[`hours.${i}.closes`]} />
              <button type="button" class="button button--secondary button--small slot__remove" onClick={() => remove(i)}>
                {tr(T, "remove")}
                <span class="visually-hidden">（{tr(T, "slot", { n: i + 1 })}）</span>
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <div class="button-row">
        <button type="button" class="button button--secondary" onClick={add}>
          {tr(T, "add")}
        </button>
        <button type="submit" class="button" disabled={busy}>
          {tr(T, "saveHours")}
        </button>
      </div>
      <h3>{tr(T, "dated")}</h3>
      {dated.length ? (
        <ul>
          {dated.map((h, i) => (
            <li key={i}>
              {formatDate(h.date)} {h.closed ? tr(T, "closed") : `${h.opens}〜${h.closes}`} {h.note || ""}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{tr(T, "datedNone")}</p>
      )}
    </form>
  );
}

export function MyOrganization() {
  const id = me.value?.organization_id;
  const { data, error, loading, reload } = useLoad(() => get(`/organizations/${encodeURIComponent(id)}`), [id]);
  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      {data ? <p class="lead">{data.name}</p> : null}
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <div class="grid-2">
          <section>
            <CapacityForm org={data} onSaved={reload} />
          </section>
          <section>
            <HoursForm org={data} onSaved={reload} />
          </section>
        </div>
      ) : null}
    </>
  );
}
