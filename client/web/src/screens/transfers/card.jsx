// One transfer between wards (転居・ケース移管) as a card: the household, from which ward to which,
// its status, the reason, who asked and when, the answer; and the step the caller may take — the
// receiving ward's coordinator accepts or declines (a reason is required), the sending ward
// withdraws. Every step is POST /transfers/{id}/transitions with If-Match; the server decides who
// may take it, the buttons only follow `direction` and the /me capabilities.
import { useState } from "preact/hooks";
import { post } from "../../api.js";
import { formatDate, label, tr } from "../../i18n.js";
import { can } from "../../session.js";
import { ErrorSummary, prefixErrors, problemToErrors } from "../../components/errors.jsx";
import { FormButtons, TextArea } from "../../components/fields.jsx";
import { Fact } from "../../components/common.jsx";

const T = {
  ja: {
    fromTo: "{from} → {to}",
    incoming: "受け入れ依頼",
    outgoing: "移管の依頼",
    reason: "移管の理由・引き継いでほしいこと",
    requested: "依頼",
    decided: "回答",
    answer: "回答のメモ",
    requestedBy: "依頼した人",
    moved: "移ったもの：紹介 {referrals} 件、会議の議題 {agenda} 件{lead}",
    leadCleared: "（担当者は新しい区で決めてください）",
    accept: "受け入れる",
    decline: "お断りする",
    withdraw: "依頼を取り下げる",
    declineReason: "お断りする理由",
    declineHint: "依頼した区に伝わります。世帯の氏名は書かないでください。",
    withdrawReason: "取り下げる理由（任意）",
    confirmDecline: "お断りを送る",
    confirmWithdraw: "取り下げる",
    openCase: "ケースを開く",
    errorTitle: "移管の回答",
    household: "ケース {ref}　{label}",
    coordinatorAnswers: "受け入れるかどうかは、この区のおやこ支援担当係長が回答します。",
  },
  en: {
    fromTo: "{from} → {to}",
    incoming: "Incoming",
    outgoing: "Outgoing",
    reason: "Reason and what to hand over",
    requested: "Requested",
    decided: "Answered",
    answer: "Answer note",
    requestedBy: "Requested by",
    moved: "Moved: {referrals} referrals, {agenda} agenda items{lead}",
    leadCleared: " (the new ward names a lead)",
    accept: "Accept",
    decline: "Decline",
    withdraw: "Withdraw the request",
    declineReason: "Reason for declining",
    declineHint: "The requesting ward reads it. No names, please.",
    withdrawReason: "Reason for withdrawing (optional)",
    confirmDecline: "Send the decline",
    confirmWithdraw: "Withdraw",
    openCase: "Open the case",
    errorTitle: "Answering the transfer",
    household: "Case {ref} {label}",
    coordinatorAnswers: "This ward's coordinator answers the request.",
  },
};

/** The steps the caller may offer on a transfer (the server checks them again). */
export function transferSteps(t) {
  if (!t || t.status !== "pending") return [];
  if (t.direction === "incoming") return can("transfer.decide") ? ["accepted", "declined"] : [];
  return can("case.write") ? ["withdrawn"] : [];
}

function StepForm({ t, step, onCancel, onDone }) {
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const prefix = `transfer-${t.id}.`;
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    const body = { to: step };
    if (reason.trim()) body.reason = reason;
    try {
      const answer = await post(`/transfers/${encodeURIComponent(t.id)}/transitions`, body, { ifMatch: t.version });
      onDone(answer || { ...t, status: step });
    } catch (err) {
      setErrors(prefixErrors(problemToErrors(err), prefix));
      setBusy(false);
    }
  };
  const declining = step === "declined";
  return (
    <form class="step-form" onSubmit={submit} novalidate>
      <ErrorSummary errors={errors} id={`transfer-${t.id}-errors`} />
      <TextArea
        name={prefix + "reason"}
        label={tr(T, declining ? "declineReason" : "withdrawReason")}
        hint={tr(T, "declineHint")}
        value={reason}
        onInput={setReason}
        error={errors?.fields[prefix + "reason"]}
        rows={3}
        required={declining}
      />
      <FormButtons disabled={busy} danger onCancel={onCancel}>
        {tr(T, declining ? "confirmDecline" : "confirmWithdraw")}
      </FormButtons>
    </form>
  );
}

/**
 * A transfer card. `users` names the people ({id: name}); `onChanged(transfer)` after a step;
 * `headingLevel` for the card's title (3 under a section's h2).
 */
export function TransferCard({ t, users = {}, onChanged, showCase = true, headingLevel = 3 }) {
  const [step, setStep] = useState(null);
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const steps = transferSteps(t);
  const H = `h${headingLevel}`;
  const accept = async () => {
    setBusy(true);
    setErrors(null);
    try {
      const answer = await post(`/transfers/${encodeURIComponent(t.id)}/transitions`, { to: "accepted" }, { ifMatch: t.version });
      onChanged?.(answer || { ...t, status: "accepted" });
    } catch (err) {
      setErrors(problemToErrors(err));
    } finally {
      setBusy(false);
    }
  };
  // The case opens for its ward: the sender while it is pending or refused, the receiver once it
  // has moved (before that the receiving ward cannot read it yet).
  const caseOpens = t.direction === "outgoing" || t.status === "accepted";
  const title = tr(T, "household", { ref: t.case_ref, label: t.household_label });
  return (
    <li class={"card transfer" + (t.status === "pending" && t.direction === "incoming" ? " card--pending" : "")}>
      <H class="card__title transfer__title">
        {showCase && caseOpens ? <a href={`/cases/${encodeURIComponent(t.case_id)}`}>{title}</a> : title}
      </H>
      <p class="transfer__line">
        <span class={"badge " + (t.status === "pending" ? "badge--info" : t.status === "accepted" ? "badge--ok" : "badge--muted")}>
          {label("transfer_statuses", t.status)}
        </span>{" "}
        <span class="badge badge--muted">{tr(T, t.direction === "incoming" ? "incoming" : "outgoing")}</span>{" "}
        <strong class="nowrap">{tr(T, "fromTo", { from: label("wards", t.from_ward), to: label("wards", t.to_ward) })}</strong>
      </p>
      <dl class="facts facts--compact">
        <dt>{tr(T, "reason")}</dt>
        <dd class="prewrap">{t.reason}</dd>
        <dt>{tr(T, "requested")}</dt>
        <dd>
          {formatDate(t.requested_at, true)}
          {users[t.requested_by] ? `（${users[t.requested_by]}）` : ""}
        </dd>
        <Fact term={tr(T, "decided")}>
          {t.decided_at ? (
            <>
              {formatDate(t.decided_at, true)}
              {users[t.decided_by] ? `（${users[t.decided_by]}）` : ""}
            </>
          ) : null}
        </Fact>
        <Fact term={tr(T, "answer")} class="prewrap">
          {t.response_note}
        </Fact>
      </dl>
      {t.moved ? (
        <p class="small">
          {tr(T, "moved", { referrals: t.moved.referrals, agenda: t.moved.agenda_items, lead: t.moved.lead_cleared ? tr(T, "leadCleared") : "" })}
        </p>
      ) : null}
      {t.status === "pending" && t.direction === "incoming" && !steps.length ? <p class="small muted">{tr(T, "coordinatorAnswers")}</p> : null}
      {errors ? <ErrorSummary errors={errors} id={`transfer-${t.id}-accept-errors`} /> : null}
      {steps.length && !step ? (
        <div class="button-row">
          {steps.map((s) => (
            <button
              key={s}
              type="button"
              class={"button" + (s === "accepted" ? "" : " button--secondary")}
              disabled={busy}
              aria-label={`${tr(T, { accepted: "accept", declined: "decline", withdrawn: "withdraw" }[s])}：${t.case_ref}`}
              onClick={() => (s === "accepted" ? accept() : setStep(s))}
            >
              {tr(T, { accepted: "accept", declined: "decline", withdrawn: "withdraw" }[s])}
            </button>
          ))}
        </div>
      ) : null}
      {step ? (
        <StepForm
          t={t}
          step={step}
          onCancel={() => setStep(null)}
          onDone={(answer) => {
            setStep(null);
            onChanged?.(answer);
          }}
        />
      ) : null}
    </li>
  );
}
