// A new referral for a case: find the partner in the directory (open now or at a time, capacity,
// category, ward, the child's age against its services), then the legal basis and consent, what
// the partner may read, and send — or keep as a draft. The server decides what a referral needs
// (legal basis to send, consent when the basis is consent, a summary…); its 422 appears in the
// summary at the top and beside each field.
import { useRef, useState } from "preact/hooks";
import { get, newIdempotencyKey, post } from "../../api.js";
import { codes, label, tr } from "../../i18n.js";
import { navigate } from "../../router.js";
import { ErrorSummary, LoadError, fieldId, problemToErrors } from "../../components/errors.jsx";
import { Loading, PageTitle, RiskBadges, useLoad } from "../../components/common.jsx";
import { RadioField, SelectField, TextArea, TextField } from "../../components/fields.jsx";
import { DirectorySearch, OrganizationSummary } from "../directory/search.jsx";
import { ageRange } from "../directory/index.jsx";

const T = {
  ja: {
    title: "関係機関に紹介する",
    forCase: "ケース {ref}　{label}",
    step1: "1. 紹介先を選ぶ",
    pick: "この機関を選ぶ",
    picked: "選んだ紹介先",
    change: "紹介先を選び直す",
    organization: "紹介先",
    notPicked: "まだ選ばれていません。下の検索から選んでください。",
    service: "サービス（任意）",
    serviceAny: "指定しない",
    outOfAge: "（{age}歳は対象年齢外）",
    step2: "2. 紹介の内容",
    urgency: "緊急度",
    legal_basis: "情報提供の根拠",
    legalHint: "本人の同意、要保護児童対策地域協議会での共有、または法令に基づく提供のいずれかを選んでください。",
    consentObtainedOn: "同意を得た日",
    consentObtainedBy: "同意を得た職員",
    consentScope: "同意の範囲",
    consentScopeHint: "例：いとこんちへの紹介と、受入に必要な情報の提供",
    summary: "紹介の概要（紹介先に共有されます）",
    summaryHint: "世帯の氏名は書かず、支援に必要なことだけを書いてください。",
    intake_note: "受入後に共有する情報（任意）",
    intakeHint: "紹介先が受け入れた後にだけ表示されます。",
    internal_note: "区の内部メモ（任意・紹介先には表示されません）",
    due_by: "回答期限（任意）",
    dueHint: "空欄の場合、至急は翌日、通常は7日後になります。",
    send: "紹介を送る",
    draft: "下書きとして保存",
    sending: "送信しています…",
  },
  en: {
    title: "Refer to a partner",
    forCase: "Case {ref} {label}",
    step1: "1. Choose the partner",
    pick: "Choose this partner",
    picked: "Chosen partner",
    change: "Choose another partner",
    organization: "Partner",
    notPicked: "Not chosen yet. Choose one from the search below.",
    service: "Service (optional)",
    serviceAny: "Not specified",
    outOfAge: " (age {age} is outside the range)",
    step2: "2. The referral",
    urgency: "Urgency",
    legal_basis: "Legal basis for sharing",
    legalHint: "The family's consent, the child protection council, or a statute.",
    consentObtainedOn: "Consent obtained on",
    consentObtainedBy: "Consent obtained by",
    consentScope: "Scope of consent",
    consentScopeHint: "e.g. referral to this partner and the information it needs",
    summary: "Summary (shared with the partner)",
    summaryHint: "No names: only what the partner needs to help.",
    intake_note: "Intake notes (optional)",
    intakeHint: "Shown to the partner only after it accepts.",
    internal_note: "Internal note (optional, never shown to the partner)",
    due_by: "Answer by (optional)",
    dueHint: "Left empty: tomorrow if urgent, else in seven days.",
    send: "Send the referral",
    draft: "Save as draft",
    sending: "Sending…",
  },
};

function serviceFits(s, age) {
  if (age === "" || age == null) return true;
  const n = Number(age);
  return !((s.age_min != null && n < s.age_min) || (s.age_max != null && n > s.age_max));
}

export function ReferralNew({ id }) {
  const caseLoad = useLoad(() => get(`/cases/${encodeURIComponent(id)}`), [id]);
  const c = caseLoad.data;
  const [org, setOrg] = useState(null);
  const [services, setServices] = useState([]);
  const [age, setAge] = useState("");
  const [f, setF] = useState({
    service_id: "", urgency: "routine", legal_basis: "", obtained_on: "", obtained_by: "", scope: "",
    summary: "", intake_note: "", internal_note: "", due_by: "",
  });
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  // One key per attempt: a double click sends once; after a refusal (nothing was created) the
  // corrected form is a new attempt with a new key.
  const idempotencyKey = useRef(newIdempotencyKey());
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));

  const pick = async (o) => {
    setOrg(o);
    setF((x) => ({ ...x, service_id: "" }));
    const body = await get(`/organizations/${encodeURIComponent(o.id)}/services`, { per_page: 100 }).catch(() => ({ items: [] }));
    setServices(body.items || []);
    requestAnimationFrame(() => document.getElementById("referral-picked")?.focus());
  };

  const submit = async (send) => {
    setBusy(true);
    const body = {
      case_id: id,
      organization_id: org?.id || "",
      urgency: f.urgency,
      summary: f.summary,
      send,
    };
    if (f.service_id) body.service_id = f.service_id;
    if (f.legal_basis) body.legal_basis = f.legal_basis;
    if (f.legal_basis === "consent" || f.obtained_on || f.obtained_by || f.scope) {
      body.consent = { obtained_on: f.obtained_on, obtained_by: f.obtained_by, scope: f.scope };
    }
    if (f.intake_note) body.intake_note = f.intake_note;
    if (f.internal_note) body.internal_note = f.internal_note;
    if (f.due_by) body.due_by = f.due_by;
    try {
      const r = await post("/referrals", body, { headers: { "Idempotency-Key": idempotencyKey.current } });
      navigate(`/referrals/${encodeURIComponent(r.id)}?${send ? "sent" : "saved"}=1`);
    } catch (e) {
      idempotencyKey.current = newIdempotencyKey();
      setErrors(
        problemToErrors(e, {
          consent: "consent.obtained_on",
          organization_id: "organization_id",
        }),
      );
      setBusy(false);
    }
  };

  const fe = errors?.fields || {};
  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <LoadError error={caseLoad.error} />
      {caseLoad.loading && !c ? <Loading /> : null}
      {c ? (
        <p class="lead">
          <a href={`/cases/${encodeURIComponent(c.id)}`}>{tr(T, "forCase", { ref: c.case_ref, label: c.household_label })}</a>{" "}
          <RiskBadges categories={c.risk_categories} level={c.risk_level} />
        </p>
      ) : null}
      <ErrorSummary errors={errors} />

      <h2>{tr(T, "step1")}</h2>
      <div class={"field" + (fe.organization_id ? " field--error" : "")}>
        <p class="field__label">{tr(T, "organization")}</p>
        {fe.organization_id ? <p class="field__error">{fe.organization_id}</p> : null}
        {org ? (
          <div class="card card--picked" id="referral-picked" tabIndex={-1} aria-label={tr(T, "picked")}>
            <OrganizationSummary org={org} />
            <button type="button" class="button button--secondary button--small" id={fieldId("organization_id")} onClick={() => setOrg(null)}>
              {tr(T, "change")}
            </button>
          </div>
        ) : (
          <p id={fieldId("organization_id")} tabIndex={-1}>
            {tr(T, "notPicked")}
          </p>
        )}
      </div>
      {org ? null : (
        <DirectorySearch
          headingLevel={3}
          initial={{ ward: c?.ward || "", capacity: "open,limited" }}
          onAge={setAge}
          renderActions={(o) => (
            <button type="button" class="button button--small" onClick={() => pick(o)} aria-label={`${o.name}：${tr(T, "pick")}`}>
              {tr(T, "pick")}
            </button>
          )}
        />
      )}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(true);
        }}
        novalidate
      >
        <h2>{tr(T, "step2")}</h2>
        {org && services.length ? (
          <SelectField
            name="service_id"
            label={tr(T, "service")}
            value={f.service_id}
            onInput={set("service_id")}
            error={fe.service_id}
            blank={tr(T, "serviceAny")}
            options={services.map((s) => [
              s.id,
              `${s.name}${ageRange(s) ? `（${ageRange(s)}）` : ""}${serviceFits(s, age) ? "" : tr(T, "outOfAge", { age })}`,
            ])}
          />
        ) : null}
        <RadioField
          name="urgency"
          legend={tr(T, "urgency")}
          value={f.urgency}
          onInput={set("urgency")}
          error={fe.urgency}
          options={codes("urgencies").map((u) => [u, label("urgencies", u)])}
        />
        <RadioField
          name="legal_basis"
          legend={tr(T, "legal_basis")}
          hint={tr(T, "legalHint")}
          value={f.legal_basis}
          onInput={set("legal_basis")}
          error={fe.legal_basis}
          options={codes("legal_bases").map((u) => [u, label("legal_bases", u)])}
        />
        {f.legal_basis === "consent" || fe["consent.obtained_on"] || fe["consent.obtained_by"] || fe["consent.scope"] ? (
          <div class="conditional">
            <TextField name="consent.obtained_on" type="date" label={tr(T, "consentObtainedOn")} value={f.obtained_on} onInput={set("obtained_on")} error={fe["consent.obtained_on"]} />
            <TextField name="consent.obtained_by" label={tr(T, "consentObtainedBy")} value={f.obtained_by} onInput={set("obtained_by")} error={fe["consent.obtained_by"]} />
            <TextField name="consent.scope" label={tr(T, "consentScope")} hint={tr(T, "consentScopeHint")} value={f.scope} onInput={set("scope")} error={fe["consent.scope"]} />
          </div>
        ) : null}
        <TextArea name="summary" label={tr(T, "summary")} hint={tr(T, "summaryHint")} value={f.summary} onInput={set("summary")} error={fe.summary} />
        <TextArea name="intake_note" label={tr(T, "intake_note")} hint={tr(T, "intakeHint")} value={f.intake_note} onInput={set("intake_note")} error={fe.intake_note} rows={3} />
        <TextArea name="internal_note" label={tr(T, "internal_note")} value={f.internal_note} onInput={set("internal_note")} error={fe.internal_note} rows={2} />
        <TextField name="due_by" type="date" label={tr(T, "due_by")} hint={tr(T, "dueHint")} value={f.due_by} onInput={set("due_by")} error={fe.due_by} />
        <div class="button-row">
          <button type="submit" class="button" disabled={busy}>
            {busy ? tr(T, "sending") : tr(T, "send")}
          </button>
          <button type="button" class="button button--secondary" disabled={busy} onClick={() => submit(false)}>
            {tr(T, "draft")}
          </button>
        </div>
      </form>
    </>
  );
}
