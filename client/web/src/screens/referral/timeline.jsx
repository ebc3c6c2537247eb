// A referral's history from /referrals/{id}/events: each step with when, which side took it,
// the status it moved to, and the reason or note given.
import { get } from "../../api.js";
import { formatDate, label, lang, tr } from "../../i18n.js";
import { LoadError } from "../../components/errors.jsx";
import { useLoad } from "../../components/common.jsx";

const T = {
  ja: {
    title: "経過",
    created: "作成",
    by: { coordinator: "区・係長", ward_staff: "区・担当職員", partner: "紹介先", system: "システム", admin: "管理者" },
  },
  en: {
    title: "History",
    created: "Created",
    by: { coordinator: "Ward (coordinator)", ward_staff: "Ward (staff)", partner: "Partner", system: "System", admin: "Administrator" },
  },
};

export function ReferralTimeline({ id, compact = false }) {
  const { data, error } = useLoad(() => get(`/referrals/${encodeURIComponent(id)}/events`, { per_page: 100 }), [id]);
  if (error) return <LoadError error={error} />;
  if (!data) return null;
  const items = data.items || [];
  return (
    <div class={compact ? "timeline-wrap timeline-wrap--compact" : "timeline-wrap"}>
      {compact ? <p class="small muted timeline__label">{tr(T, "title")}</p> : <h2>{tr(T, "title")}</h2>}
      <ol class="timeline">
        {items.map((e) => (
          <li key={e.seq}>
            <span class="small muted">{formatDate(e.at, true)}</span>{" "}
            <strong>{e.to ? label("referral_statuses", e.to) : tr(T, "created")}</strong>{" "}
            <span class="small">（{T[lang.value].by[e.actor_role] || e.actor_role}）</span>
            {e.reason_code ? <span>：{label("decline_reasons", e.reason_code)}</span> : null}
            {e.note ? <span class="timeline__note">「{e.note}」</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
