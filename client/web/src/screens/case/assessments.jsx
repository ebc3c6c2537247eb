// A case's assessments (妊娠届出時の面談・アセスメント), newest first, each with its form's version,
// score, the risk level the score suggests and the items that drove it, and the coordinator's
// determination (特定妊婦か, risk level) — which changes the case's risk in the same step. The
// form is drawn from GET /assessment-forms (the newest version of each form); the server scores
// it. Only a role holding `assessment.determine` (/me) sees the determination form.
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../../api.js";
import { codes, formatDate, label, tr } from "../../i18n.js";
import { can } from "../../session.js";
import { ErrorSummary, LoadError, fieldId, prefixErrors, problemToErrors } from "../../components/errors.jsx";
import { Fact, None, useLoad } from "../../components/common.jsx";
import { OpenFormButton, SuccessNotice, useCreate, useFormToggle } from "../../components/add-form.jsx";
import { FormButtons, RadioField, SelectField, TextArea, TextField } from "../../components/fields.jsx";
import { todayInTokyo } from "./dates.js";

const T = {
  ja: {
    title: "アセスメントと判定",
    none: "まだアセスメントはありません。",
    add: "アセスメントを行う",
    formTitle: "アセスメント",
    form: "アセスメントの様式",
    version: "（第{n}版）",
    assessed_on: "実施日",
    answers: "該当する項目",
    answersHint: "面談で確認できた項目に印をつけてください。点数はサーバーが様式の版ごとに計算します（{medium}点以上でリスク中、{high}点以上でリスク高の目安）。",
    weight: "（{n}点）",
    note: "メモ（任意）",
    save: "アセスメントを記録する",
    saving: "記録しています…",
    saved: "アセスメントを記録しました。点数 {score}、目安はリスク{level}です。",
    score: "点数",
    suggested: "点数からの目安",
    drivers: "点数の根拠",
    determination: "判定",
    notDetermined: "未判定",
    determined: "{at} {by}",
    specified: "特定妊婦",
    specifiedYes: "特定妊婦として支援する",
    specifiedNo: "特定妊婦としない",
    riskLevel: "リスク",
    determine: "判定を記録する",
    detTitle: "判定（おやこ支援担当係長）",
    detIntro: "判定はケースのリスク区分（特定妊婦）とリスクの高さをこの内容に変えます。一度記録した判定は変えられません（変える場合はアセスメントをやり直してください）。",
    detSpecified: "特定妊婦として支援しますか",
    detRisk: "ケースのリスク",
    detNote: "判定の理由・合意した内容（任意）",
    detSave: "判定を記録する",
    detSaved: "判定を記録しました。ケースのリスクは「{level}」になりました。",
    choose: "選んでください",
    unknownUser: "（ほかの職員）",
  },
  en: {
    title: "Assessments and determinations",
    none: "No assessments yet.",
    add: "Make an assessment",
    formTitle: "Assessment",
    form: "Assessment form",
    version: " (version {n})",
    assessed_on: "Date",
    answers: "Items that apply",
    answersHint: "Tick what the interview confirmed. The server scores it by the form's version ({medium}+ suggests medium risk, {high}+ high).",
    weight: " ({n} pt)",
    note: "Note (optional)",
    save: "Record the assessment",
    saving: "Recording…",
    saved: "Assessment recorded: score {score}, suggesting {level} risk.",
    score: "Score",
    suggested: "Suggested by the score",
    drivers: "What counted",
    determination: "Determination",
    notDetermined: "Not determined yet",
    determined: "{at} {by}",
    specified: "Specified pregnancy",
    specifiedYes: "Support as a specified pregnancy",
    specifiedNo: "Not a specified pregnancy",
    riskLevel: "Risk",
    determine: "Record the determination",
    detTitle: "Determination (coordinator)",
    detIntro: "The determination sets the case's specified-pregnancy category and risk level. It is recorded once (assess again to change it).",
    detSpecified: "Support as a specified pregnancy?",
    detRisk: "Risk level of the case",
    detNote: "Reasons and what was agreed (optional)",
    detSave: "Record the determination",
    detSaved: "Determination recorded. The case's risk is now {level}.",
    choose: "Choose",
    unknownUser: "(other staff)",
  },
};

/** The newest version of each form, from GET /assessment-forms. */
function newestForms(items) {
  const by = new Map();
  for (const f of items || []) if (!by.has(f.form) || by.get(f.form).version < f.version) by.set(f.form, f);
  return [...by.values()];
}

const A = "assessment.";

function AssessmentForm({ c, forms, onSaved, onCancel }) {
  const newest = newestForms(forms);
  const [formCode, setFormCode] = useState(newest[0]?.form || "");
  const form = newest.find((f) => f.form === formCode);
  const [answers, setAnswers] = useState({});
  const [on, setOn] = useState(todayInTokyo());
  const [note, setNote] = useState("");
  const { errors, busy, create } = useCreate(A);
  useEffect(() => document.getElementById(fieldId(A + (newest.length > 1 ? "form" : "assessed_on")))?.focus(), []);

  const submit = (e) => {
    e.preventDefault();
    const body = { form: formCode, form_version: form?.version, assessed_on: on, answers: {} };
    for (const item of form?.items || []) body.answers[item.code] = !!answers[item.code];
    if (note.trim()) body.note = note;
    create(`/cases/${encodeURIComponent(c.id)}/assessments`, body, onSaved);
  };
  const fe = errors?.fields || {};
  const itemErrors = Object.keys(fe).filter((k) => k === A + "answers");
  return (
    <form class="step-form" onSubmit={submit} novalidate aria-labelledby="assessment-form-title">
      <h3 id="assessment-form-title">
        {form ? `${form.title}${tr(T, "version", { n: form.version })}` : tr(T, "formTitle")}
      </h3>
      <ErrorSummary errors={errors} id="assessment-errors" />
      {newest.length > 1 ? (
        <SelectField
          name={A + "form"}
          label={tr(T, "form")}
          value={formCode}
          onInput={(v) => {
            setFormCode(v);
            setAnswers({});
          }}
          error={fe[A + "form"]}
          options={newest.map((f) => [f.form, `${f.title}${tr(T, "version", { n: f.version })}`])}
        />
      ) : null}
      <TextField name={A + "assessed_on"} type="date" label={tr(T, "assessed_on")} value={on} onInput={setOn} error={fe[A + "assessed_on"]} max={todayInTokyo()} required />
      {form ? (
        <fieldset class={"field fieldset" + (itemErrors.length || fe[A + "form_version"] ? " field--error" : "")} aria-describedby={`${fieldId(A + "answers")}-hint`}>
          <legend class="field__label">{tr(T, "answers")}</legend>
          <p class="field__hint" id={`${fieldId(A + "answers")}-hint`}>
            {tr(T, "answersHint", { medium: form.thresholds?.medium ?? "—", high: form.thresholds?.high ?? "—" })}
          </p>
          {fe[A + "answers"] ? <p class="field__error">{fe[A + "answers"]}</p> : null}
          {fe[A + "form_version"] ? <p class="field__error" id={fieldId(A + "form_version")} tabIndex={-1}>{fe[A + "form_version"]}</p> : null}
          <ul class="checklist">
            {form.items.map((item, i) => {
              const name = `${A}answers.${item.code}`;
              const id = i === 0 && !fe[name] ? fieldId(A + "answers") : fieldId(name);
              return (
                <li key={item.code} class={"field--checkbox" + (fe[name] ? " field--error" : "")}>
                  {fe[name] ? (
                    <p class="field__error" id={fieldId(name) + "-error"}>
                      {fe[name]}
                    </p>
                  ) : null}
                  {item.answer_type === "boolean" ? (
                    <input
                      type="checkbox"
                      class="checkbox"
                      id={id}
                      checked={!!answers[item.code]}
                      onChange={(ev) => setAnswers((x) => ({ ...x, [item.code]: ev.currentTarget.checked }))}
                      aria-describedby={fe[name] ? fieldId(name) + "-error" : undefined}
                      aria-invalid={fe[name] ? "true" : undefined}
                    />
                  ) : null}
                  <label class="checkbox__label" for={id}>
                    {item.text} <span class="muted small nowrap">{tr(T, "weight", { n: item.weight })}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}
      <TextArea name={A + "note"} label={tr(T, "note")} value={note} onInput={setNote} error={fe[A + "note"]} rows={3} />
      <FormButtons disabled={busy || !form} onCancel={onCancel}>
        {busy ? tr(T, "saving") : tr(T, "save")}
      </FormButtons>
    </form>
  );
}

function DeterminationForm({ c, a, onSaved, onCancel }) {
  const P = `determination-${a.id}.`;
  const [specified, setSpecified] = useState("");
  const [risk, setRisk] = useState(a.suggested_risk_level || "");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => document.getElementById(fieldId(P + "specified_pregnancy"))?.focus(), []);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    const body = { risk_level: risk };
    if (specified) body.specified_pregnancy = specified === "yes";
    if (note.trim()) body.note = note;
    try {
      await post(`/cases/${encodeURIComponent(c.id)}/assessments/${encodeURIComponent(a.id)}/determination`, body);
      onSaved(risk);
    } catch (err) {
      setErrors(prefixErrors(problemToErrors(err), P));
      setBusy(false);
    }
  };
  const fe = errors?.fields || {};
  return (
    <form class="step-form" onSubmit={submit} novalidate aria-labelledby={`det-${a.id}-title`}>
      <h4 id={`det-${a.id}-title`}>{tr(T, "detTitle")}</h4>
      <p class="small">{tr(T, "detIntro")}</p>
      <ErrorSummary errors={errors} id={`det-${a.id}-errors`} />
      <RadioField
        name={P + "specified_pregnancy"}
        legend={tr(T, "detSpecified")}
        value={specified}
        onInput={setSpecified}
        error={fe[P + "specified_pregnancy"]}
        options={[
          ["yes", tr(T, "specifiedYes")],
          ["no", tr(T, "specifiedNo")],
        ]}
      />
      <SelectField
        name={P + "risk_level"}
        label={tr(T, "detRisk")}
        value={risk}
        onInput={setRisk}
        error={fe[P + "risk_level"]}
        blank={tr(T, "choose")}
        options={codes("risk_levels").map((l) => [l, label("risk_levels", l)])}
      />
      <TextArea name={P + "note"} label={tr(T, "detNote")} value={note} onInput={setNote} error={fe[P + "note"]} rows={3} />
      <FormButtons disabled={busy} onCancel={onCancel}>
        {tr(T, "detSave")}
      </FormButtons>
    </form>
  );
}

function AssessmentCard({ c, a, form, users, canDetermine, onDetermined }) {
  const [open, setOpen] = useState(false);
  const d = a.determination;
  const text = (code) => form?.items.find((i) => i.code === code)?.text || code;
  return (
    <li class="card assessment">
      <h3 class="card__title assessment__title">
        <time datetime={a.assessed_on}>{formatDate(a.assessed_on)}</time>　{form?.title || a.form}
        {tr(T, "version", { n: a.form_version })}
      </h3>
      <dl class="facts facts--compact">
        <dt>{tr(T, "score")}</dt>
        <dd>
          <strong class="assessment__score">{a.score}</strong>
        </dd>
        <dt>{tr(T, "suggested")}</dt>
        <dd>
          <span class={"badge badge--" + a.suggested_risk_level}>{label("risk_levels", a.suggested_risk_level)}</span>
        </dd>
        <Fact term={tr(T, "drivers")}>
          {a.drivers?.length ? (
            <ul class="drivers">
              {a.drivers.map((x) => (
                <li key={x.code}>
                  {text(x.code)} <span class="muted small nowrap">{tr(T, "weight", { n: x.weight })}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        <Fact term={tr(T, "note")} class="prewrap">
          {a.note}
        </Fact>
        <dt>{tr(T, "determination")}</dt>
        <dd class="assessment__determination">
          {d ? (
            <>
              <span class="badges">
                {d.specified_pregnancy ? <span class="badge badge--risk">{label("risk_categories", "specified_pregnancy")}</span> : <span class="badge badge--muted">{tr(T, "specifiedNo")}</span>}
                <span class={"badge badge--" + d.risk_level}>
                  {tr(T, "riskLevel")}：{label("risk_levels", d.risk_level)}
                </span>
              </span>
              {d.note ? <span class="prewrap block">{d.note}</span> : null}
              <span class="small muted block">{tr(T, "determined", { at: formatDate(d.determined_at, true), by: users[d.determined_by] || "" })}</span>
            </>
          ) : (
            tr(T, "notDetermined")
          )}
        </dd>
      </dl>
      {!d && canDetermine && !open ? (
        <button type="button" class="button button--small" onClick={() => setOpen(true)}>
          {tr(T, "determine")}
        </button>
      ) : null}
      {open ? (
        <DeterminationForm
          c={c}
          a={a}
          onCancel={() => setOpen(false)}
          onSaved={(risk) => {
            setOpen(false);
            onDetermined(risk);
          }}
        />
      ) : null}
    </li>
  );
}

export function CaseAssessments({ c, users, canWrite, rev, onChanged }) {
  const add = useFormToggle();
  const { data, error } = useLoad(
    () =>
      Promise.all([
        get(`/cases/${encodeURIComponent(c.id)}/assessments`, { per_page: 50 }),
        get("/assessment-forms", { per_page: 200 }),
      ]).then(([list, forms]) => ({ items: list.items || [], forms: forms.items || [] })),
    [c.id, rev],
  );
  const formOf = (a) => data?.forms.find((f) => f.form === a.form && f.version === a.form_version);
  const canDetermine = canWrite && can("assessment.determine");
  return (
    <section aria-labelledby="case-assessments" id="assessments">
      <h2 id="case-assessments">{tr(T, "title")}</h2>
      <SuccessNotice toggle={add} />
      {canWrite && data?.forms.length ? <OpenFormButton toggle={add}>{tr(T, "add")}</OpenFormButton> : null}
      {add.open ? (
        <AssessmentForm
          c={c}
          forms={data.forms}
          onCancel={add.cancel}
          onSaved={(a) => {
            add.saved(tr(T, "saved", { score: a.score, level: label("risk_levels", a.suggested_risk_level) }));
            onChanged(false);
          }}
        />
      ) : null}
      <LoadError error={error} />
      {data && !data.items.length ? <None>{tr(T, "none")}</None> : null}
      {data?.items.length ? (
        <ul class="cards">
          {data.items.map((a) => (
            <AssessmentCard
              key={a.id + (a.determination ? ":d" : "")}
              c={c}
              a={a}
              form={formOf(a)}
              users={users}
              canDetermine={canDetermine}
              onDetermined={(risk) => {
                add.setNotice(tr(T, "detSaved", { level: label("risk_levels", risk) }));
                onChanged(true);
              }}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
