// One case: the サポートプラン with the family's own words first, then the goals and services,
// the assessments and the coordinator's determination (assessments.jsx), the contacts
// (contacts.jsx), the timeline of everything that happened (timeline.jsx), the referrals with
// their timelines (who did what, when), what meetings changed, and the transfer to another ward
// (transfer.jsx). A button starts a new referral for the case. A case that moved to another ward
// is shown to the old ward as it left, read-only (`transferred_to`), with nothing to change.
import { useState } from "preact/hooks";
import { get } from "../../api.js";
import { formatDate, label, lang, tr } from "../../i18n.js";
import { wardUsers } from "../../names.js";
import { can } from "../../session.js";
import { LoadError } from "../../components/errors.jsx";
import { Loading, None, PageTitle, RiskBadges, SectionBadges, StatusBadge, UrgentBadge, useLoad } from "../../components/common.jsx";
import { ReferralTimeline } from "../referral/timeline.jsx";
import { CaseAssessments } from "./assessments.jsx";
import { CaseContacts } from "./contacts.jsx";
import { CaseTimeline } from "./timeline.jsx";
import { CaseTransfer } from "./transfer.jsx";
import "./case.css";

const T = {
  ja: {
    title: "ケース {ref}",
    plan: "サポートプラン",
    voice: "家族の思い・ことば",
    voiceNone: "家族のことばはまだ記録されていません。",
    goals: "支援の目標",
    services: "利用するサービス・支援",
    reviewBy: "プランの見直し期限",
    facts: "基本情報",
    ward: "区",
    status: "状態",
    lead: "担当者",
    nextReview: "次回見直し",
    lastReviewed: "前回見直し",
    referrals: "紹介",
    referralsNone: "このケースの紹介はまだありません。",
    newReferral: "関係機関に紹介する",
    events: "ケースの変更の記録（会議での決定を含む）",
    eventsNone: "記録はありません。",
    to: "紹介先",
    due: "回答期限",
    sent: "送付",
    open: "詳細",
    kinds: {
      reviewed: "見直し", lead_changed: "担当者の変更", review_scheduled: "次回見直し日の設定", plan_review_set: "プラン見直し期限の設定",
      created: "ケースを登録", edited: "ケースを編集", closed: "終結", reopened: "再開",
      determined: "判定（特定妊婦・リスク）", transferred: "他の区へ移管",
    },
    riskWord: "リスク",
    movedTitle: "このケースは{ward}へ移管されました（{at}）",
    movedText: "移管前までの記録を閲覧のみで表示しています。記録の追加や変更は、移管先の区が行います。",
    contents: "このページの内容",
    nav: { plan: "サポートプラン", assessments: "アセスメントと判定", contacts: "支援の記録", timeline: "経過", referrals: "紹介", transfer: "転居・移管" },
  },
  en: {
    title: "Case {ref}",
    plan: "Support plan",
    voice: "In the family's own words",
    voiceNone: "The family's words have not been recorded yet.",
    goals: "Goals",
    services: "Services and support",
    reviewBy: "Plan review by",
    facts: "Details",
    ward: "Ward",
    status: "Status",
    lead: "Lead",
    nextReview: "Next review",
    lastReviewed: "Last reviewed",
    referrals: "Referrals",
    referralsNone: "No referrals for this case yet.",
    newReferral: "Refer to a partner",
    events: "Changes of the case (meeting decisions included)",
    eventsNone: "Nothing recorded.",
    to: "To",
    due: "Answer by",
    sent: "Sent",
    open: "Details",
    kinds: {
      reviewed: "Reviewed", lead_changed: "Lead changed", review_scheduled: "Next review set", plan_review_set: "Plan review date set",
      created: "Case registered", edited: "Case edited", closed: "Closed", reopened: "Reopened",
      determined: "Determination (specified pregnancy, risk)", transferred: "Moved to another ward",
    },
    riskWord: "risk",
    movedTitle: "This case moved to {ward} ({at})",
    movedText: "What happened before the move is shown read-only. The new ward records and changes the case from now on.",
    contents: "On this page",
    nav: { plan: "Support plan", assessments: "Assessments", contacts: "Contacts", timeline: "Timeline", referrals: "Referrals", transfer: "Transfer" },
  },
};

async function loadCase(id) {
  const path = `/cases/${encodeURIComponent(id)}`;
  const [c, refs, events, users] = await Promise.all([
    get(path),
    // A ward the case moved away from may read the case as it left but not its referrals now.
    get("/referrals", { case_id: id, per_page: 100 }).catch(() => ({ items: [] })),
    get(path + "/events", { per_page: 100 }).catch(() => ({ items: [] })),
    wardUsers(),
  ]);
  return { c, referrals: refs.items || [], events: events.items || [], users };
}

// An event's before/after in words: the risk for a determination (categories and level), a ward
// for a transfer, a status for closing and reopening, a user's name for a lead, else a date.
function eventValue(kind, v, users) {
  if (!v) return "—";
  if (kind === "determined" && typeof v === "object") {
    const cats = (v.risk_categories || []).map((x) => label("risk_categories", x)).join("・");
    return `${cats ? cats + "／" : ""}${tr(T, "riskWord")} ${label("risk_levels", v.risk_level)}`;
  }
  if (typeof v === "object") return null;
  if (kind === "transferred") return label("wards", v);
  if (kind === "closed" || kind === "reopened") return label("case_statuses", v);
  return users[v] || formatDate(v);
}

function Plan({ plan }) {
  return (
    <section aria-labelledby="case-plan" id="plan">
      <h2 id="case-plan">{tr(T, "plan")}</h2>
      <h3>{tr(T, "voice")}</h3>
      {plan?.family_voice ? (
        <blockquote class="family-voice">
          <p>{plan.family_voice}</p>
        </blockquote>
      ) : (
        <None>{tr(T, "voiceNone")}</None>
      )}
      <h3>{tr(T, "goals")}</h3>
      {plan?.goals?.length ? (
        <ul>
          {plan.goals.map((g, i) => (
            <li key={i}>{g}</li>
          ))}
        </ul>
      ) : (
        <None />
      )}
      <h3>{tr(T, "services")}</h3>
      {plan?.services?.length ? (
        <ul>
          {plan.services.map((g, i) => (
            <li key={i}>{typeof g === "string" ? g : g.name || JSON.stringify(g)}</li>
          ))}
        </ul>
      ) : (
        <None />
      )}
      {plan?.review_by ? (
        <p>
          <strong>{tr(T, "reviewBy")}</strong>：{formatDate(plan.review_by)}
        </p>
      ) : null}
    </section>
  );
}

// Links to the page's sections: the page is long, on a phone most of all.
function Contents({ transfer }) {
  const texts = T[lang.value] || T.ja;
  const keys = ["plan", "assessments", "contacts", "timeline", "referrals", ...(transfer ? ["transfer"] : [])];
  return (
    <nav class="page-contents" aria-labelledby="case-contents">
      <h2 id="case-contents" class="page-contents__title">
        {tr(T, "contents")}
      </h2>
      <ul class="page-contents__list">
        {keys.map((k) => (
          <li key={k}>
            <a href={"#" + k}>{texts.nav[k]}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function CasePage({ id }) {
  // Bumped after each record (a contact, an assessment, a determination, a transfer): the case,
  // its lists and the timeline are read again, so the risk and the timeline show the change.
  const [rev, setRev] = useState(0);
  const { data, error, loading } = useLoad(() => loadCase(id), [id, rev]);
  const c = data?.c;
  const changed = () => setRev((n) => n + 1);
  const moved = !!c?.transferred_to;
  const canWrite = !!c && c.status === "open" && !moved && can("case.write");
  return (
    <>
      <PageTitle>{c ? tr(T, "title", { ref: c.case_ref }) + "　" + c.household_label : tr(T, "title", { ref: "" })}</PageTitle>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {c ? (
        <>
          <p class="case-badges">
            <RiskBadges categories={c.risk_categories} level={c.risk_level} /> <SectionBadges sections={c.sections} />{" "}
            {c.status !== "open" ? <StatusBadge status={c.status} set="case_statuses" /> : null}
          </p>
          {moved ? (
            <div class="notice case-moved" role="note">
              <p class="notice__title">{tr(T, "movedTitle", { ward: label("wards", c.transferred_to), at: formatDate(c.transferred_at, true) })}</p>
              <p>{tr(T, "movedText")}</p>
            </div>
          ) : null}
          <Contents transfer={canWrite} />
          {canWrite && can("referral.create") ? (
            <p>
              <a class="button" href={`/cases/${encodeURIComponent(c.id)}/refer`}>
                {tr(T, "newReferral")}
              </a>
            </p>
          ) : null}
          <Plan plan={c.support_plan} />
          <section aria-labelledby="case-facts">
            <h2 id="case-facts">{tr(T, "facts")}</h2>
            <dl class="facts">
              <dt>{tr(T, "ward")}</dt>
              <dd>{label("wards", c.ward)}</dd>
              <dt>{tr(T, "lead")}</dt>
              <dd>{data.users[c.lead_user_id] || "—"}</dd>
              <dt>{tr(T, "nextReview")}</dt>
              <dd>{formatDate(c.next_review_on) || "—"}</dd>
              <dt>{tr(T, "lastReviewed")}</dt>
              <dd>{formatDate(c.last_reviewed_on) || "—"}</dd>
            </dl>
          </section>
          <CaseAssessments c={c} users={data.users} canWrite={canWrite} rev={rev} onChanged={changed} />
          <CaseContacts c={c} users={data.users} canWrite={canWrite} rev={rev} onChanged={changed} />
          <CaseTimeline caseId={c.id} users={data.users} rev={rev} />
          <section aria-labelledby="case-referrals" id="referrals">
            <h2 id="case-referrals">{tr(T, "referrals")}</h2>
            {data.referrals.length ? (
              <ul class="cards">
                {data.referrals.map((r) => (
                  <li key={r.id} class={"card" + (r.urgency === "urgent" ? " card--urgent" : "")}>
                    <p class="card__title">
                      <a href={`/referrals/${encodeURIComponent(r.id)}`}>{r.organization_name}</a>
                      {r.service_name ? <span class="muted">（{r.service_name}）</span> : null}{" "}
                      <StatusBadge status={r.status} /> <UrgentBadge urgency={r.urgency} />
                      {r.outcome ? <span class="badge badge--ok">{label("outcomes", r.outcome)}</span> : null}
                    </p>
                    <p class="card__meta">
                      {r.sent_at ? `${tr(T, "sent")} ${formatDate(r.sent_at)}` : null}
                      {r.due_by ? `・${tr(T, "due")} ${formatDate(r.due_by)}` : null}
                    </p>
                    <ReferralTimeline id={r.id} compact />
                  </li>
                ))}
              </ul>
            ) : (
              <None>{tr(T, "referralsNone")}</None>
            )}
          </section>
          <section aria-labelledby="case-events">
            <h2 id="case-events">{tr(T, "events")}</h2>
            {data.events.length ? (
              <ol class="timeline">
                {data.events.map((e) => (
                  <li key={e.seq}>
                    <strong>{T[lang.value].kinds[e.kind] || e.kind}</strong>{" "}
                    <span class="muted small">{formatDate(e.at, true)}</span>
                    {(e.from || e.to) && eventValue(e.kind, e.from || e.to, data.users) !== null ? (
                      <span>
                        {" "}
                        {eventValue(e.kind, e.from, data.users)} → {eventValue(e.kind, e.to, data.users)}
                      </span>
                    ) : null}
                    {e.reason ? <span class="timeline__note">{e.reason}</span> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <None>{tr(T, "eventsNone")}</None>
            )}
          </section>
          {canWrite ? <CaseTransfer c={c} users={data.users} rev={rev} onChanged={changed} /> : null}
        </>
      ) : null}
    </>
  );
}
