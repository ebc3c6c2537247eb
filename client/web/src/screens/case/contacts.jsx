// A case's contacts (支援の記録: 家庭訪問, 同行訪問, 電話, 来所, 助言), newest first, and the form to
// record one: kind, date, who (the ward's people; the recorder by default), the partner it was
// with, what happened and the next step. POST /cases/{id}/contacts with an Idempotency-Key per
// submission; the server's 422 shows beside each field.
import { useEffect, useRef, useState } from "preact/hooks";
import { get, post, submissionKeys } from "../../api.js";
import { codes, formatDate, label, tr } from "../../i18n.js";
import { organizations } from "../../names.js";
import { me } from "../../session.js";
import { ErrorSummary, LoadError, fieldId, prefixErrors, problemToErrors } from "../../components/errors.jsx";
import { None, useLoad } from "../../components/common.jsx";
import { SelectField, TextArea, TextField } from "../../components/fields.jsx";
import { todayInTokyo } from "./dates.js";

const T = {
  ja: {
    title: "支援の記録（訪問・電話・来所・助言）",
    none: "まだ記録はありません。",
    add: "支援を記録する",
    formTitle: "支援の記録",
    kind: "種類",
    choose: "選んでください",
    on: "実施日",
    by: "対応した職員",
    byHint: "同行訪問は2人以上、助言にはおやこ支援担当係長を含めてください。",
    with: "一緒に対応した関係機関（任意）",
    withNone: "なし",
    summary: "内容",
    summaryHint: "世帯の氏名は書かず、支援に必要なことを書いてください。",
    next_step: "次の対応（任意）",
    save: "記録する",
    saving: "記録しています…",
    cancel: "やめる",
    saved: "{kind}（{on}）を記録しました。",
    byLine: "対応：{names}",
    withLine: "同行・連携：{name}",
    next: "次の対応：{text}",
    unknownUser: "（ほかの職員）",
  },
  en: {
    title: "Contacts (visits, calls, office visits, advice)",
    none: "Nothing recorded yet.",
    add: "Record a contact",
    formTitle: "Record a contact",
    kind: "Kind",
    choose: "Choose",
    on: "Date",
    by: "Staff who took part",
    byHint: "An accompanied visit needs two or more people; advice includes a coordinator.",
    with: "Partner organization involved (optional)",
    withNone: "None",
    summary: "What happened",
    summaryHint: "No names: only what the support needs.",
    next_step: "Next step (optional)",
    save: "Record",
    saving: "Recording…",
    cancel: "Cancel",
    saved: "Recorded: {kind} on {on}.",
    byLine: "By {names}",
    withLine: "With {name}",
    next: "Next step: {text}",
    unknownUser: "(other staff)",
  },
};

const P = "contact.";

function ContactForm({ c, users, onSaved, onCancel }) {
  const blank = () => ({ kind: "", on: todayInTokyo(), by: me.value?.id ? [me.value.id] : [], with: "", summary: "", next_step: "" });
  const [f, setF] = useState(blank);
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const keys = useRef(submissionKeys());
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));
  const orgs = useLoad(() => get("/organizations", { ward: c.ward, per_page: 200 }).then((b) => b.items || []), [c.ward]);
  useEffect(() => document.getElementById(fieldId(P + "kind"))?.focus(), []);
  const toggle = (id) => setF((x) => ({ ...x, by: x.by.includes(id) ? x.by.filter((u) => u !== id) : [...x.by, id] }));

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    const body = { kind: f.kind, on: f.on, by_user_ids: f.by, summary: f.summary };
    if (f.with) body.with_organization_id = f.with;
    if (f.next_step.trim()) body.next_step = f.next_step;
    try {
      const saved = await post(`/cases/${encodeURIComponent(c.id)}/contacts`, body, { idempotencyKey: keys.current.for(body) });
      keys.current.done();
      onSaved(saved);
    } catch (err) {
      setErrors(prefixErrors(problemToErrors(err), P));
      setBusy(false);
    }
  };
  const fe = errors?.fields || {};
  const people = Object.entries(users);
  return (
    <form class="step-form" onSubmit={submit} novalidate aria-labelledby="contact-form-title">
      <h3 id="contact-form-title">{tr(T, "formTitle")}</h3>
      <ErrorSummary errors={errors} id="contact-errors" />
      <SelectField
        name={P + "kind"}
        label={tr(T, "kind")}
        value={f.kind}
        onInput={set("kind")}
        error={fe[P + "kind"]}
        blank={tr(T, "choose")}
        options={codes("contact_kinds").map((k) => [k, label("contact_kinds", k)])}
        required
      />
      <TextField name={P + "on"} type="date" label={tr(T, "on")} value={f.on} onInput={set("on")} error={fe[P + "on"]} max={todayInTokyo()} required />
      <fieldset class={"field fieldset" + (fe[P + "by_user_ids"] ? " field--error" : "")} aria-describedby={`${fieldId(P + "by_user_ids")}-hint`}>
        <legend class="field__label">{tr(T, "by")}</legend>
        <p class="field__hint" id={`${fieldId(P + "by_user_ids")}-hint`}>
          {tr(T, "byHint")}
        </p>
        {fe[P + "by_user_ids"] ? <p class="field__error">{fe[P + "by_user_ids"]}</p> : null}
        {people.map(([id, name], i) => (
          <div class="field--checkbox" key={id}>
            <input
              type="checkbox"
              class="checkbox"
              id={i === 0 ? fieldId(P + "by_user_ids") : `${fieldId(P + "by_user_ids")}-${i}`}
              checked={f.by.includes(id)}
              onChange={() => toggle(id)}
            />
            <label class="checkbox__label" for={i === 0 ? fieldId(P + "by_user_ids") : `${fieldId(P + "by_user_ids")}-${i}`}>
              {name}
            </label>
          </div>
        ))}
      </fieldset>
      <SelectField
        name={P + "with_organization_id"}
        label={tr(T, "with")}
        value={f.with}
        onInput={set("with")}
        error={fe[P + "with_organization_id"]}
        blank={tr(T, "withNone")}
        options={(orgs.data || []).map((o) => [o.id, o.name])}
      />
      <TextArea name={P + "summary"} label={tr(T, "summary")} hint={tr(T, "summaryHint")} value={f.summary} onInput={set("summary")} error={fe[P + "summary"]} rows={4} required />
      <TextField name={P + "next_step"} label={tr(T, "next_step")} value={f.next_step} onInput={set("next_step")} error={fe[P + "next_step"]} />
      <div class="button-row">
        <button type="submit" class="button" disabled={busy}>
          {busy ? tr(T, "saving") : tr(T, "save")}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {tr(T, "cancel")}
        </button>
      </div>
    </form>
  );
}

export function CaseContacts({ c, users, canWrite, rev, onChanged }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(null);
  const addRef = useRef(null);
  const noticeRef = useRef(null);
  const { data, error } = useLoad(async () => {
    const body = await get(`/cases/${encodeURIComponent(c.id)}/contacts`, { per_page: 50 });
    const names = await organizations((body.items || []).map((x) => x.with_organization_id));
    return { ...body, names };
  }, [c.id, rev]);
  useEffect(() => {
    if (saved) noticeRef.current?.focus();
  }, [saved]);
  const items = data?.items || [];
  return (
    <section aria-labelledby="case-contacts" id="contacts">
      <h2 id="case-contacts">{tr(T, "title")}</h2>
      {saved ? (
        <div class="notice notice--success" role="status" tabIndex={-1} ref={noticeRef}>
          <p>{tr(T, "saved", { kind: label("contact_kinds", saved.kind), on: formatDate(saved.on) })}</p>
        </div>
      ) : null}
      {canWrite && !open ? (
        <p>
          <button
            type="button"
            class="button button--secondary"
            ref={addRef}
            onClick={() => {
              setSaved(null);
              setOpen(true);
            }}
          >
            {tr(T, "add")}
          </button>
        </p>
      ) : null}
      {open ? (
        <ContactForm
          c={c}
          users={users}
          onCancel={() => {
            setOpen(false);
            requestAnimationFrame(() => addRef.current?.focus());
          }}
          onSaved={(x) => {
            setOpen(false);
            setSaved(x);
            onChanged();
          }}
        />
      ) : null}
      <LoadError error={error} />
      {data && !items.length ? <None>{tr(T, "none")}</None> : null}
      {items.length ? (
        <ul class="cards">
          {items.map((x) => (
            <li key={x.id} class="card">
              <p class="card__title">
                <time datetime={x.on}>{formatDate(x.on)}</time>　{label("contact_kinds", x.kind)}
              </p>
              <p class="prewrap contact__summary">{x.summary}</p>
              {x.next_step ? <p class="small">{tr(T, "next", { text: x.next_step })}</p> : null}
              <p class="card__meta">
                {tr(T, "byLine", { names: (x.by_user_ids || []).map((u) => users[u] || tr(T, "unknownUser")).join("、") })}
                {x.with_organization_id && data.names[x.with_organization_id] ? `・${tr(T, "withLine", { name: data.names[x.with_organization_id].name })}` : ""}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
