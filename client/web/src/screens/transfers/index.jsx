// Transfers between wards (転居・ケース移管): the ward's incoming requests (the receiving ward's
// coordinator accepts or declines) and its outgoing ones (the sending ward may withdraw), from
// GET /api/v1/transfers?ward=&status=, newest first. /transfers/{id} — the link of the
// transfer.received notification — shows one.
import { useEffect, useRef, useState } from "preact/hooks";
import { get } from "../../api.js";
import { codes, label, tr } from "../../i18n.js";
import { location, navigate } from "../../router.js";
import { me } from "../../session.js";
import { wardUsers } from "../../names.js";
import { LoadError } from "../../components/errors.jsx";
import { Loading, None, PageTitle, useLoad } from "../../components/common.jsx";
import { SelectField } from "../../components/fields.jsx";
import { TransferCard } from "./card.jsx";
import "../case/case.css";

const T = {
  ja: {
    title: "転居・ケース移管",
    intro: "転居したご家庭のケースを、転居先の区へ引き継ぎます。受け入れ依頼には、受け入れる区のおやこ支援担当係長が回答します。受け入れると、ケースの記録・支援計画・継続中の紹介が新しい区に移ります。",
    ward: "区",
    allWards: "すべての担当区",
    status: "状態",
    allStatuses: "すべて",
    incoming: "受け入れ依頼（他区から）",
    outgoing: "移管の依頼（この区から）",
    noneIncoming: "受け入れ依頼はありません。",
    noneOutgoing: "移管の依頼はありません。",
    more: "ほかに {n} 件あります。状態で絞り込んでください。",
    accepted: "{ref} を受け入れました。ケースはこの区に移りました。担当者を決めてください。",
    declined: "{ref} の移管をお断りしました。",
    withdrawn: "{ref} の移管の依頼を取り下げました。",
    openCase: "ケースを開く",
    all: "移管の一覧へ",
    one: "移管 {ref}",
  },
  en: {
    title: "Transfers between wards",
    intro: "When a family moves, its case is handed over to the ward it moves to. The receiving ward's coordinator answers incoming requests; on acceptance the case's records, plan and open referrals move to the new ward.",
    ward: "Ward",
    allWards: "All my wards",
    status: "Status",
    allStatuses: "All",
    incoming: "Incoming (from other wards)",
    outgoing: "Outgoing (from this ward)",
    noneIncoming: "No incoming transfers.",
    noneOutgoing: "No outgoing transfers.",
    more: "{n} more. Filter by status to see them.",
    accepted: "{ref} accepted. The case has moved to this ward: name a lead.",
    declined: "Declined the transfer of {ref}.",
    withdrawn: "Withdrew the transfer request of {ref}.",
    openCase: "Open the case",
    all: "All transfers",
    one: "Transfer {ref}",
  },
};

// What the last step did, focused when it appears (the card that held the buttons may be gone).
function Done({ done }) {
  const ref = useRef(null);
  useEffect(() => {
    if (done) ref.current?.focus();
  }, [done]);
  if (!done) return null;
  return (
    <div class="notice notice--success" role="status" tabIndex={-1} ref={ref}>
      <p>
        {tr(T, done.status, { ref: done.case_ref })}
        {done.status === "accepted" ? (
          <>
            {" "}
            <a href={`/cases/${encodeURIComponent(done.case_id)}`}>{tr(T, "openCase")}</a>
          </>
        ) : null}
      </p>
    </div>
  );
}

export function Transfers() {
  const params = location.value.search;
  const ward = params.get("ward") || "";
  const status = params.get("status") || "";
  const [done, setDone] = useState(null);
  const { data, error, loading, reload } = useLoad(
    () => Promise.all([get("/transfers", { ward, status, per_page: 100 }), wardUsers()]),
    [ward, status],
  );
  const wards = (me.value?.ward_names || []).map((w) => w.value);
  const setParam = (k) => (v) => {
    const q = new URLSearchParams(params);
    if (v) q.set(k, v);
    else q.delete(k);
    const s = q.toString();
    navigate("/transfers" + (s ? "?" + s : ""), { replace: true });
  };
  const items = data?.[0].items || [];
  const users = data?.[1] || {};
  const changed = (t) => {
    setDone(t);
    reload();
  };
  const list = (direction) => items.filter((t) => t.direction === direction);
  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <p class="lead">{tr(T, "intro")}</p>
      <Done done={done} />
      <div class="filters filters--narrow">
        {wards.length > 1 ? (
          <SelectField
            name="ward"
            label={tr(T, "ward")}
            value={ward}
            onInput={setParam("ward")}
            blank={tr(T, "allWards")}
            options={wards.map((w) => [w, label("wards", w)])}
          />
        ) : null}
        <SelectField
          name="status"
          label={tr(T, "status")}
          value={status}
          onInput={setParam("status")}
          blank={tr(T, "allStatuses")}
          options={codes("transfer_statuses").map((s) => [s, label("transfer_statuses", s)])}
        />
      </div>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          {[
            ["incoming", "noneIncoming"],
            ["outgoing", "noneOutgoing"],
          ].map(([direction, none]) => (
            <section key={direction} aria-labelledby={`transfers-${direction}`}>
              <h2 id={`transfers-${direction}`}>
                {tr(T, direction)}
                <span class="tabs__count">{list(direction).length}</span>
              </h2>
              {list(direction).length ? (
                <ul class="cards">
                  {list(direction).map((t) => (
                    <TransferCard key={t.id + ":" + t.version} t={t} users={users} onChanged={changed} />
                  ))}
                </ul>
              ) : (
                <None>{tr(T, none)}</None>
              )}
            </section>
          ))}
          {data[0].total > items.length ? <p class="muted">{tr(T, "more", { n: data[0].total - items.length })}</p> : null}
        </>
      ) : null}
    </>
  );
}

export function TransferPage({ id }) {
  const [done, setDone] = useState(null);
  const { data, error, loading, reload } = useLoad(
    () => Promise.all([get(`/transfers/${encodeURIComponent(id)}`), wardUsers()]),
    [id],
  );
  const t = data?.[0];
  return (
    <>
      <p>
        <a href="/transfers">{tr(T, "all")}</a>
      </p>
      <PageTitle>{tr(T, "one", { ref: t?.case_ref || "" })}</PageTitle>
      <Done done={done} />
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {t ? (
        <ul class="cards">
          <TransferCard
            key={t.version}
            t={t}
            users={data[1]}
            headingLevel={2}
            onChanged={(answer) => {
              setDone(answer);
              reload();
            }}
          />
        </ul>
      ) : null}
    </>
  );
}
