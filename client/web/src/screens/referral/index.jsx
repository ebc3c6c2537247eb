// One referral: who it is for (as far as the caller may see), the partner and service by name, its
// status, what was shared, and its history; while it waits on the partner, the partner sees the
// ward's contact (office, phone to call back, who sent it). The steps the caller's side may take
// are offered here: a partner accepts, declines with a reason, or completes with an outcome; the
// ward sends a draft or withdraws with a reason. Every step carries If-Match with the version shown, so a step taken
// on a stale page is refused (412) rather than applied blindly.
import { useMemo, useState } from "preact/hooks";
import { get, post } from "../../api.js";
import { codes, formatDate, label, tr } from "../../i18n.js";
import { location } from "../../router.js";
import { me } from "../../session.js";
import { ErrorSummary, LoadError, problemToErrors } from "../../components/errors.jsx";
import { Fact, Loading, PageTitle, StatusBadge, UrgentBadge, useLoad } from "../../components/common.jsx";
import { FormButtons, RadioField, SelectField, TextArea } from "../../components/fields.jsx";
import { WardContact } from "../../components/ward-contact.jsx";
import { ReferralTimeline } from "./timeline.jsx";

const T = {
  ja: {
    title: "紹介",
    sent: "紹介を送りました。紹介先の回答を待っています。",
    saved: "下書きとして保存しました。",
    done: "「{status}」にしました。",
    to: "紹介先",
    case: "ケース",
    household: "世帯",
    ward: "紹介元",
    dueBy: "回答期限",
    overdue: "期限超過",
    sentAt: "送付日時",
    respondedAt: "回答日時",
    legalBasis: "情報提供の根拠",
    consent: "同意",
    consentText: "{on} {by}（範囲：{scope}）",
    summary: "紹介の概要",
    intake: "受入後に共有する情報",
    internal: "区の内部メモ",
    reason: "理由",
    responseNote: "紹介先のメモ",
    outcome: "結果",
    service: "サービス",
    actions: "対応",
    accept: "受け入れる",
    decline: "受け入れない",
    complete: "支援の結果を報告する",
    withdraw: "紹介を取り下げる",
    sendDraft: "紹介を送る",
    reasonCode: "理由",
    choose: "選んでください",
    note: "メモ（任意）",
    noteOther: "メモ（「その他」の場合は必須）",
    outcomeLabel: "支援の結果",
    confirmDecline: "受け入れないことを送る",
    confirmComplete: "結果を報告する",
    confirmWithdraw: "取り下げる",
    back: "受信箱に戻る",
    backCase: "ケースに戻る",
  },
  en: {
    title: "Referral",
    sent: "The referral was sent. Waiting for the partner's answer.",
    saved: "Saved as a draft.",
    done: "Now “{status}”.",
    to: "To",
    case: "Case",
    household: "Household",
    ward: "From",
    dueBy: "Answer by",
    overdue: "Overdue",
    sentAt: "Sent",
    respondedAt: "Answered",
    legalBasis: "Legal basis",
    consent: "Consent",
    consentText: "{on} by {by} (scope: {scope})",
    summary: "Summary",
    intake: "Intake notes",
    internal: "Internal note",
    reason: "Reason",
    responseNote: "Partner's note",
    outcome: "Outcome",
    service: "Service",
    actions: "Actions",
    accept: "Accept",
    decline: "Decline",
    complete: "Report the outcome",
    withdraw: "Withdraw",
    sendDraft: "Send",
    reasonCode: "Reason",
    choose: "Choose one",
    note: "Note (optional)",
    noteOther: "Note (required for “other”)",
    outcomeLabel: "Outcome",
    confirmDecline: "Send the decline",
    confirmComplete: "Report",
    confirmWithdraw: "Withdraw",
    back: "Back to the inbox",
    backCase: "Back to the case",
  },
};

async function loadReferral(id) {
  const r = await get(`/referrals/${encodeURIComponent(id)}`);
  const c = r.case_id ? await get(`/cases/${encodeURIComponent(r.case_id)}`).catch(() => null) : null;
  return { r, c };
}

/** The form for a step that needs more than a click: decline, complete, withdraw. */
function StepForm({ step, onCancel, onDone, referral }) {
  const [f, setF] = useState({ reason_code: "", outcome: "", note: "" });
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    const body = { to: step };
    if (f.reason_code) body.reason_code = f.reason_code;
    if (f.outcome) body.outcome = f.outcome;
    if (f.note) body.note = f.note;
    try {
      await post(`/referrals/${encodeURIComponent(referral.id)}/transitions`, body, { ifMatch: referral.version });
      onDone(step);
    } catch (err) {
      setErrors(problemToErrors(err));
      setBusy(false);
    }
  };
  const fe = errors?.fields || {};
  const confirm = { declined: "confirmDecline", completed: "confirmComplete", withdrawn: "confirmWithdraw" }[step];
  return (
    <form onSubmit={submit} class="step-form" novalidate>
      <ErrorSummary errors={errors} />
      {step === "completed" ? (
        <RadioField
          name="outcome"
          legend={tr(T, "outcomeLabel")}
          value={f.outcome}
          onInput={set("outcome")}
          error={fe.outcome}
          options={codes("outcomes").map((o) => [o, label("outcomes", o)])}
        />
      ) : (
        <SelectField
          name="reason_code"
          label={tr(T, "reasonCode")}
          value={f.reason_code}
          onInput={set("reason_code")}
          error={fe.reason_code}
          blank={tr(T, "choose")}
          options={codes("decline_reasons").map((o) => [o, label("decline_reasons", o)])}
        />
      )}
      <TextArea name="note" label={tr(T, f.reason_code === "other" ? "noteOther" : "note")} value={f.note} onInput={set("note")} error={fe.note} rows={3} />
      <FormButtons disabled={busy} danger={step !== "completed"} onCancel={onCancel}>
        {tr(T, confirm)}
      </FormButtons>
    </form>
  );
}

export function ReferralPage({ id }) {
  const { data, error, loading, reload } = useLoad(() => loadReferral(id), [id]);
  const [step, setStep] = useState(null);
  const [done, setDone] = useState(null);
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const params = location.value.search;
  const partner = me.value?.role === "partner";
  const r = data?.r;

  const quick = async (to) => {
    setBusy(true);
    try {
      await post(`/referrals/${encodeURIComponent(r.id)}/transitions`, { to }, { ifMatch: r.version });
      finished(to);
    } catch (err) {
      setErrors(problemToErrors(err));
    } finally {
      setBusy(false);
    }
  };
  const finished = (to) => {
    setStep(null);
    setErrors(null);
    setDone(to);
    reload();
  };
  const notice = useMemo(() => (params.get("sent") ? "sent" : params.get("saved") ? "saved" : null), [id]);

  let actions = [];
  if (r) {
    if (partner && r.status === "sent") actions = [["accepted", "accept"], ["declined", "decline"]];
    if (partner && r.status === "accepted") actions = [["completed", "complete"]];
    if (!partner && r.status === "draft") actions = [["sent", "sendDraft"], ["withdrawn", "withdraw"]];
    if (!partner && (r.status === "sent" || r.status === "accepted")) actions = [["withdrawn", "withdraw"]];
  }

  return (
    <>
      <p>{partner ? <a href="/inbox">{tr(T, "back")}</a> : r?.case_id ? <a href={`/cases/${encodeURIComponent(r.case_id)}`}>{tr(T, "backCase")}</a> : null}</p>
      <PageTitle>
        {tr(T, "title")}
        {partner && r ? `：${label("wards", r.ward)}から` : r?.organization_name ? `：${r.organization_name}` : ""}
      </PageTitle>
      {done ? (
        <div class="notice notice--success" role="status">
          <p>{tr(T, "done", { status: label("referral_statuses", done) })}</p>
        </div>
      ) : notice ? (
        <div class="notice notice--success" role="status">
          <p>{tr(T, notice)}</p>
        </div>
      ) : null}
      <LoadError error={error} />
      <ErrorSummary errors={errors} />
      {loading && !data ? <Loading /> : null}
      {r ? (
        <>
          <p>
            <StatusBadge status={r.status} /> <UrgentBadge urgency={r.urgency} />
            {r.overdue ? <span class="badge badge--risk">{tr(T, "overdue")}</span> : null}
            {r.outcome ? <span class="badge badge--ok">{label("outcomes", r.outcome)}</span> : null}
          </p>
          {actions.length && !step ? (
            <section aria-labelledby="referral-actions">
              <h2 id="referral-actions" class="visually-hidden">
                {tr(T, "actions")}
              </h2>
              <div class="button-row">
                {actions.map(([to, name]) => (
                  <button
                    key={to}
                    type="button"
                    class={"button" + (to === "declined" || to === "withdrawn" ? " button--secondary" : "")}
                    disabled={busy}
                    onClick={() => (to === "accepted" || to === "sent" ? quick(to) : setStep(to))}
                  >
                    {tr(T, name)}
                  </button>
                ))}
              </div>
            </section>
          ) : null}
          {step ? <StepForm step={step} referral={r} onCancel={() => setStep(null)} onDone={finished} /> : null}
          {partner ? <WardContact referral={r} /> : null}
          <dl class="facts">
            <Fact term={tr(T, "to")}>{r.organization_name}</Fact>
            <Fact term={tr(T, "service")}>{r.service_name}</Fact>
            <Fact term={tr(T, "case")}>{data.c ? <a href={`/cases/${encodeURIComponent(data.c.id)}`}>{data.c.case_ref}</a> : null}</Fact>
            <Fact term={tr(T, "household")}>{r.household_label || data.c?.household_label}</Fact>
            <Fact term={tr(T, "ward")}>{label("wards", r.ward)}</Fact>
            <Fact term={tr(T, "dueBy")}>{formatDate(r.due_by)}</Fact>
            <Fact term={tr(T, "sentAt")}>{formatDate(r.sent_at, true)}</Fact>
            <Fact term={tr(T, "respondedAt")}>{formatDate(r.responded_at, true)}</Fact>
            <Fact term={tr(T, "legalBasis")}>{r.legal_basis ? label("legal_bases", r.legal_basis) : null}</Fact>
            <Fact term={tr(T, "consent")}>
              {r.consent ? tr(T, "consentText", { on: formatDate(r.consent.obtained_on), by: r.consent.obtained_by, scope: r.consent.scope }) : null}
            </Fact>
            <Fact term={tr(T, "reason")}>{r.reason_code ? label("decline_reasons", r.reason_code) : null}</Fact>
            <Fact term={tr(T, "responseNote")}>{r.response_note}</Fact>
          </dl>
          {r.summary ? (
            <>
              <h2>{tr(T, "summary")}</h2>
              <p class="prewrap">{r.summary}</p>
            </>
          ) : null}
          {r.intake_note ? (
            <>
              <h2>{tr(T, "intake")}</h2>
              <p class="prewrap">{r.intake_note}</p>
            </>
          ) : null}
          {r.internal_note ? (
            <>
              <h2>{tr(T, "internal")}</h2>
              <p class="prewrap">{r.internal_note}</p>
            </>
          ) : null}
          <ReferralTimeline id={r.id} key={r.version} />
        </>
      ) : null}
    </>
  );
}
