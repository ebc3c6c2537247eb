// 転居・ケース移管 on the case page: the case's pending transfer, if there is one (the sending ward
// may withdraw it), else the request to another ward — to_ward and the reason — as
// POST /cases/{id}/transfers with an Idempotency-Key per submission. The receiving ward answers
// on its own transfers screen.
import { useEffect, useState } from "preact/hooks";
import { get } from "../../api.js";
import { codes, label, tr } from "../../i18n.js";
import { ErrorSummary, LoadError, fieldId } from "../../components/errors.jsx";
import { OpenFormButton, SuccessNotice, useCreate, useFormToggle } from "../../components/add-form.jsx";
import { useLoad } from "../../components/common.jsx";
import { FormButtons, SelectField, TextArea } from "../../components/fields.jsx";
import { TransferCard } from "../transfers/card.jsx";

const T = {
  ja: {
    title: "転居・ケース移管",
    intro: "ご家庭が札幌市内の別の区へ転居するときは、転居先の区にケースの引き継ぎを依頼します。受け入れられると、記録・支援計画・継続中の紹介が転居先の区に移り、この区では移管前の記録の閲覧だけになります。",
    request: "移管を依頼する",
    to_ward: "転居先の区",
    choose: "選んでください",
    reason: "移管の理由・引き継いでほしいこと",
    reasonHint: "例：転居予定日、続けてほしい支援、つないでいる関係機関。世帯の氏名は書かないでください。",
    send: "移管を依頼する",
    sending: "依頼しています…",
    sent: "{ward}へ移管を依頼しました。受け入れ先の区の回答を待っています。",
    pending: "回答待ちの移管の依頼",
    all: "移管の一覧",
  },
  en: {
    title: "Transfer to another ward",
    intro: "When a family moves to another ward of Sapporo, ask that ward to take over the case. Once it accepts, the records, plan and open referrals move there and this ward keeps read-only access to what happened before.",
    request: "Request a transfer",
    to_ward: "Ward the family moves to",
    choose: "Choose",
    reason: "Reason and what to hand over",
    reasonHint: "e.g. moving date, support to continue, partners involved. No names, please.",
    send: "Request the transfer",
    sending: "Sending…",
    sent: "Transfer to {ward} requested. Waiting for that ward's answer.",
    pending: "Pending transfer request",
    all: "All transfers",
  },
};

const P = "transfer.";

function TransferForm({ c, onSaved, onCancel }) {
  const [f, setF] = useState({ to_ward: "", reason: "" });
  const { errors, busy, create } = useCreate(P);
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));
  useEffect(() => document.getElementById(fieldId(P + "to_ward"))?.focus(), []);
  const submit = (e) => {
    e.preventDefault();
    create(`/cases/${encodeURIComponent(c.id)}/transfers`, { to_ward: f.to_ward, reason: f.reason }, onSaved);
  };
  const fe = errors?.fields || {};
  return (
    <form class="step-form" onSubmit={submit} novalidate aria-labelledby="transfer-form-title">
      <h3 id="transfer-form-title">{tr(T, "request")}</h3>
      <ErrorSummary errors={errors} id="transfer-errors" />
      <SelectField
        name={P + "to_ward"}
        label={tr(T, "to_ward")}
        value={f.to_ward}
        onInput={set("to_ward")}
        error={fe[P + "to_ward"]}
        blank={tr(T, "choose")}
        options={codes("wards")
          .filter((w) => w !== c.ward)
          .map((w) => [w, label("wards", w)])}
        required
      />
      <TextArea name={P + "reason"} label={tr(T, "reason")} hint={tr(T, "reasonHint")} value={f.reason} onInput={set("reason")} error={fe[P + "reason"]} rows={3} required />
      <FormButtons disabled={busy} onCancel={onCancel}>
        {busy ? tr(T, "sending") : tr(T, "send")}
      </FormButtons>
    </form>
  );
}

export function CaseTransfer({ c, users, rev, onChanged }) {
  const request = useFormToggle();
  // The ward's pending transfers, this case's among them (a case has at most one pending).
  const { data, error, loading } = useLoad(
    () => get("/transfers", { ward: c.ward, status: "pending", per_page: 200 }).then((b) => (b.items || []).find((t) => t.case_id === c.id) || null),
    [c.id, c.ward, rev],
  );
  return (
    <section aria-labelledby="case-transfer" id="transfer">
      <h2 id="case-transfer">{tr(T, "title")}</h2>
      <p class="small muted">{tr(T, "intro")}</p>
      <SuccessNotice toggle={request}>{(sent) => tr(T, "sent", { ward: label("wards", sent.to_ward) })}</SuccessNotice>
      <LoadError error={error} />
      {data ? (
        <>
          <h3 class="visually-hidden">{tr(T, "pending")}</h3>
          <ul class="cards">
            <TransferCard key={data.version} t={data} users={users} showCase={false} headingLevel={4} onChanged={() => onChanged()} />
          </ul>
        </>
      ) : null}
      {!loading && !error && data === null ? <OpenFormButton toggle={request}>{tr(T, "request")}</OpenFormButton> : null}
      {request.open ? (
        <TransferForm
          c={c}
          onCancel={request.cancel}
          onSaved={(t) => {
            request.saved(t);
            onChanged();
          }}
        />
      ) : null}
      <p class="small after-lists">
        <a href="/transfers">{tr(T, "all")}</a>
      </p>
    </section>
  );
}
