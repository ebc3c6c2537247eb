// A case's contacts (支援の記録: 家庭訪問, 同行訪問, 電話, 来所, 助言), newest first, and the form to
// record one: kind, date, who (the ward's people; the recorder by default), the partner it was
// with, what happened and the next step. POST /cases/{id}/contacts with an Idempotency-Key per
// submission; the server's 422 shows beside each field.
import { useEffect, useState } from "preact/hooks";
import { get } from "../../api.js";
import { codes, formatDate, label, tr } from "../../i18n.js";
import { organizations } from "../../names.js";
import { me } from "../../session.js";
import { ErrorSummary, LoadError, fieldId } from "../../components/errors.jsx";
import { OpenFormButton, SuccessNotice, useCreate, useFormToggle } from "../../components/add-form.jsx";
import { None, useLoad } from "../../components/common.jsx";
import { FormButtons, SelectField, TextArea, TextField } from "../../components/fields.jsx";
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
  const { errors, busy, create } = useCreate(P);
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));
  const orgs = useLoad(() => get("/organizations", { ward: c.ward, per_page: 200 }).then((b) => b.items || []), [c.ward]);
  useEffect(() => document.getElementById(fieldId(P + "kind"))?.focus(), []);
  const toggle = (id) => setF((x) => ({ ...x, by: x.by.includes(id) ? x.by.filter((u) => u !== id) : [...x.by, id] }));

  const submit = (e) => {
    e.preventDefault();
    const body = { kind: f.kind, on: f.on, by_user_ids: f.by, summary: f.summary };
    if (f.with) body.with_organization_id = f.with;
    if (f.next_step.trim()) body.next_step = f.next_step;
    create(`/cases/${encodeURIComponent(c.id)}/contacts`, body, onSaved);
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
      <FormButtons disabled={busy} onCancel={onCancel}>
        {busy ? tr(T, "saving") : tr(T, "save")}
      </FormButtons>
    </form>
  );
}

export function CaseContacts({ c, users, canWrite, rev, onChanged }) {
  const add = useFormToggle();
  const { data, error } = useLoad(async () => {
    const body = await get(`/cases/${encodeURIComponent(c.id)}/contacts`, { per_page: 50 });
    const names = await organizations((body.items || []).map((x) => x.with_organization_id));
    return { ...body, names };
  }, [c.id, rev]);
  const items = data?.items || [];
  return (
    <section aria-labelledby="case-contacts" id="contacts">
      <h2 id="case-contacts">{tr(T, "title")}</h2>
      <SuccessNotice toggle={add}>{(saved) => tr(T, "saved", { kind: label("contact_kinds", saved.kind), on: formatDate(saved.on) })}</SuccessNotice>
      {canWrite ? <OpenFormButton toggle={add}>{tr(T, "add")}</OpenFormButton> : null}
      {add.open ? (
        <ContactForm
          c={c}
          users={users}
          onCancel={add.cancel}
          onSaved={(x) => {
            add.saved(x);
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
