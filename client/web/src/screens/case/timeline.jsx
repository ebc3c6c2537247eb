// The case timeline (GET /cases/{id}/timeline): everything that happened on the case, newest
// first — contacts, assessments, each step of its referrals, meetings that had it on the agenda,
// transfers and the case's own changes — each with when, what, who and a link to its record.
import { useState } from "preact/hooks";
import { get } from "../../api.js";
import { formatDate, label, lang, tr } from "../../i18n.js";
import { LoadError } from "../../components/errors.jsx";
import { None, useLoad } from "../../components/common.jsx";

const T = {
  ja: {
    title: "経過（タイムライン）",
    intro: "支援の記録、アセスメント、紹介、会議、移管、ケースの変更を新しい順に表示します。",
    none: "まだ記録はありません。",
    more: "さらに表示（全 {n} 件）",
    by: "記録：{name}",
    assessed: "アセスメントを実施",
    suggested: "点数からの目安：リスク{level}",
    types: { contact: "支援の記録", assessment: "アセスメント", referral: "紹介", meeting: "会議", transfer: "移管", event: "ケース" },
    events: {
      created: "ケースを登録",
      edited: "ケースを編集",
      closed: "終結",
      reopened: "再開",
      determined: "判定（特定妊婦・リスク）",
      transferred: "他の区へ移管",
      reviewed: "見直し",
      lead_changed: "担当者の変更",
      review_scheduled: "次回見直し日の設定",
      plan_review_set: "プラン見直し期限の設定",
    },
  },
  en: {
    title: "Timeline",
    intro: "Contacts, assessments, referrals, meetings, transfers and changes of the case, newest first.",
    none: "Nothing recorded yet.",
    more: "Show more ({n} in all)",
    by: "By {name}",
    assessed: "Assessed",
    suggested: "Suggested by the score: {level} risk",
    types: { contact: "Contact", assessment: "Assessment", referral: "Referral", meeting: "Meeting", transfer: "Transfer", event: "Case" },
    events: {
      created: "Case registered",
      edited: "Case edited",
      closed: "Closed",
      reopened: "Reopened",
      determined: "Determination (specified pregnancy, risk)",
      transferred: "Moved to another ward",
      reviewed: "Reviewed",
      lead_changed: "Lead changed",
      review_scheduled: "Next review set",
      plan_review_set: "Plan review date set",
    },
  },
};

const PAGE = 20;

// What an entry says: its kind in the reference words, a link to its record where it has one.
function describe(e) {
  const texts = T[lang.value] || T.ja;
  switch (e.type) {
    case "contact":
      return { what: label("contact_kinds", e.kind), text: e.summary };
    case "assessment": {
      // summary: "specified_pregnancy v2: high" — the form, its version and the suggested level.
      const m = /^(.*) v(\d+): (\w+)$/.exec(e.summary || "");
      return { what: tr(T, "assessed"), text: m ? tr(T, "suggested", { level: label("risk_levels", m[3]) }) : e.summary };
    }
    case "referral":
      return { what: label("referral_statuses", e.kind), text: e.summary, href: e.ref_id && `/referrals/${encodeURIComponent(e.ref_id)}` };
    case "meeting":
      return { what: label("meeting_kinds", e.kind), text: e.summary, href: e.ref_id && `/meetings/${encodeURIComponent(e.ref_id)}` };
    case "transfer": {
      const [from, to] = (e.summary || "").split(" → ");
      return {
        what: label("transfer_statuses", e.kind),
        text: to ? `${label("wards", from)} → ${label("wards", to)}` : e.summary,
        href: e.ref_id && `/transfers/${encodeURIComponent(e.ref_id)}`,
      };
    }
    default:
      return { what: texts.events[e.kind] || e.kind, text: e.summary };
  }
}

export function CaseTimeline({ caseId, users, rev }) {
  const [shown, setShown] = useState(PAGE);
  const { data, error } = useLoad(
    () => get(`/cases/${encodeURIComponent(caseId)}/timeline`, { per_page: Math.min(200, shown) }),
    [caseId, rev, shown],
  );
  const items = data?.items || [];
  const texts = T[lang.value] || T.ja;
  return (
    <section aria-labelledby="case-timeline" id="timeline">
      <h2 id="case-timeline">{tr(T, "title")}</h2>
      <p class="muted small">{tr(T, "intro")}</p>
      <LoadError error={error} />
      {data && !items.length ? <None>{tr(T, "none")}</None> : null}
      {items.length ? (
        <ol class="timeline timeline--case">
          {items.map((e) => {
            const d = describe(e);
            return (
              <li key={`${e.type}:${e.ref_id}:${e.kind}:${e.at}`} class={"timeline__item timeline__item--" + e.type}>
                <p class="timeline__head">
                  <time datetime={e.at} class="small muted">
                    {formatDate(e.at, e.type !== "contact")}
                  </time>{" "}
                  <span class="badge badge--muted">{texts.types[e.type] || e.type}</span>{" "}
                  {d.href ? <a href={d.href}>{d.what}</a> : <strong>{d.what}</strong>}
                  {e.type === "meeting" && Date.parse(e.at) > Date.now() ? (
                    <span class="badge badge--info timeline__planned">{label("meeting_statuses", "planned")}</span>
                  ) : null}
                </p>
                {d.text ? <p class="timeline__text prewrap">{d.text}</p> : null}
                {e.actor_id && users[e.actor_id] ? <p class="small muted timeline__by">{tr(T, "by", { name: users[e.actor_id] })}</p> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {data && data.total > items.length && shown < 200 ? (
        <button type="button" class="button button--secondary button--small" onClick={() => setShown((n) => n + PAGE * 2)}>
          {tr(T, "more", { n: data.total })}
        </button>
      ) : null}
    </section>
  );
}
