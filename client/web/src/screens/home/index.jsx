// Home: what needs doing now, from one call (GET /api/v1/overview), by role. Ward roles see what
// is slipping (the gaps report's sections), referrals awaiting an answer or an outcome, their
// action items and the next meetings; a partner sees its inbox in three piles and how old its
// capacity is; the administrator and the auditor see counts.
import { get } from "../../api.js";
import { formatDate, label, tr } from "../../i18n.js";
import { me } from "../../session.js";
import { LoadError } from "../../components/errors.jsx";
import { Loading, None, PageTitle, RiskBadges, useLoad } from "../../components/common.jsx";

const T = {
  ja: {
    title: "ホーム",
    today: "本日 {date}",
    slipping: "対応が滞っているもの",
    slippingNone: "滞っているものはありません。",
    unanswered_referrals: "回答のない紹介",
    accepted_without_outcome: "結果の報告がない紹介",
    quiet_high_risk_cases: "動きのない高リスクケース",
    plans_past_review: "見直し期限を過ぎた支援計画",
    pending_transfers: "回答待ちのケース移管",
    transfer_to_answer: "受入の回答待ち（当区）",
    transfer_awaiting_other_ward: "相手区の回答待ち",
    overdue_action_items: "期限を過ぎたアクション",
    stale_capacity: "受入状況が古い関係機関",
    awaiting_answer: "回答待ちの紹介",
    my_action_items: "自分のアクション",
    next_meetings: "今後の会議",
    new_referrals: "新しい紹介",
    accepted: "受け入れた紹介（結果未報告）",
    overdue: "回答期限を過ぎた紹介",
    action_items: "アクション",
    capacity: "受入状況",
    capacityAge: "最終更新 {date}（{days}日前）",
    capacityToday: "最終更新 {date}（今日）",
    capacityNever: "受入状況がまだ登録されていません。",
    capacityStale: "30日以上更新されていません。最新の状況に更新してください。",
    updateCapacity: "受入状況・受付時間を更新する",
    openInbox: "紹介の受信箱を開く",
    allCases: "ケース一覧へ",
    due: "期限 {date}",
    since: "{date}から",
    days: "{n}日経過",
    more: "ほか{n}件",
    counts: "概要",
    organizations_active: "活動中の関係機関",
    capacity_stale: "受入状況が古い関係機関",
    users_enabled: "有効なアカウント",
    audit_entries: "監査ログの件数",
    audit_entries_last_24h: "直近24時間の監査ログ",
  },
  en: {
    title: "Home",
    today: "Today {date}",
    slipping: "What is slipping",
    slippingNone: "Nothing is slipping.",
    unanswered_referrals: "Referrals without an answer",
    accepted_without_outcome: "Referrals without an outcome",
    quiet_high_risk_cases: "High-risk cases with no activity",
    plans_past_review: "Support plans past review",
    pending_transfers: "Transfers waiting for an answer",
    transfer_to_answer: "Waiting for our answer",
    transfer_awaiting_other_ward: "Waiting for the other ward",
    overdue_action_items: "Overdue action items",
    stale_capacity: "Partners with old capacity",
    awaiting_answer: "Referrals awaiting an answer",
    my_action_items: "My action items",
    next_meetings: "Next meetings",
    new_referrals: "New referrals",
    accepted: "Accepted (no outcome yet)",
    overdue: "Past their answer date",
    action_items: "Action items",
    capacity: "Capacity",
    capacityAge: "Last updated {date} ({days} days ago)",
    capacityToday: "Last updated {date} (today)",
    capacityNever: "No capacity has been given yet.",
    capacityStale: "Not updated for over 30 days. Please update it.",
    updateCapacity: "Update capacity and hours",
    openInbox: "Open the referral inbox",
    allCases: "All cases",
    due: "due {date}",
    since: "since {date}",
    days: "{n} days",
    more: "{n} more",
    counts: "Overview",
    organizations_active: "Active partners",
    capacity_stale: "Partners with old capacity",
    users_enabled: "Enabled accounts",
    audit_entries: "Audit log entries",
    audit_entries_last_24h: "Audit entries in the last 24 hours",
  },
};

/** The client's page for a record the API names by its href. */
export function pageOf(item) {
  const id = encodeURIComponent(item.id);
  switch (item.record_type) {
    case "referral": return `/referrals/${id}`;
    case "case": return `/cases/${id}`;
    case "meeting": return `/meetings/${id}`;
    case "organization": return `/directory/${id}`;
    case "transfer": return `/transfers/${id}`;
    default:
      return (item.href || "").replace(/^\/api\/v1/, "").replace(/^\/organizations\//, "/directory/") || "/";
  }
}

function itemTitle(item) {
  if (item.record_type === "case" || item.record_type === "transfer") {
    return `${item.case_ref || ""} ${item.household_label || ""}`.trim();
  }
  if (item.record_type === "referral") {
    const who = [item.case_ref, item.household_label].filter(Boolean).join(" ");
    return [who, item.organization_name].filter(Boolean).join(" → ") || item.title || item.id;
  }
  if (item.record_type === "meeting") return item.title || label("meeting_kinds", item.reason);
  return item.title || item.organization_name || item.id;
}

function ItemRow({ item }) {
  const meta = [];
  if (item.starts_at) meta.push(formatDate(item.starts_at, true));
  if (item.due) meta.push(tr(T, "due", { date: formatDate(item.due) }));
  else if (item.since) meta.push(tr(T, "since", { date: formatDate(item.since) }));
  if (item.days != null) meta.push(tr(T, "days", { n: item.days }));
  if (item.status && item.record_type === "referral") meta.push(label("referral_statuses", item.status));
  if (item.record_type === "transfer") meta.push(tr(T, item.reason));
  return (
    <li class="card">
      <p class="card__title">
        <a href={pageOf(item)}>{itemTitle(item)}</a>{" "}
        {item.record_type === "case" || item.record_type === "transfer" ? <RiskBadges categories={item.risk_categories} level={item.risk_level} /> : null}
      </p>
      {meta.length ? <p class="card__meta">{meta.join("・")}</p> : null}
    </li>
  );
}

function ItemList({ name, list, headingLevel = 2 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const total = list?.total ?? 0;
  const items = list?.items || [];
  return (
    <section aria-labelledby={"home-" + name}>
      <H id={"home-" + name}>
        {tr(T, name)} <span class="badge badge--muted">{total}</span>
      </H>
      {items.length ? (
        <ul class="cards">
          {items.map((i) => (
            <ItemRow key={i.record_type + i.id + i.reason} item={i} />
          ))}
        </ul>
      ) : (
        <None />
      )}
      {total > items.length ? <p class="small muted">{tr(T, "more", { n: total - items.length })}</p> : null}
    </section>
  );
}

// The gaps report's sections in the server's order, most urgent first (api.md); a JSON object
// does not keep that order (the server's writer sorts keys), so the page restores it.
const GAP_ORDER = [
  "unanswered_referrals",
  "accepted_without_outcome",
  "quiet_high_risk_cases",
  "plans_past_review",
  "pending_transfers",
  "overdue_action_items",
  "stale_capacity",
];
const gapRank = (name) => (GAP_ORDER.includes(name) ? GAP_ORDER.indexOf(name) : GAP_ORDER.length);

function WardHome({ o }) {
  const gaps = Object.entries(o.gaps || {}).sort(([a], [b]) => gapRank(a) - gapRank(b));
  const slipping = gaps.filter(([, l]) => l.total > 0);
  return (
    <>
      <section aria-labelledby="home-slipping">
        <h2 id="home-slipping">{tr(T, "slipping")}</h2>
        <ul class="stats">
          {gaps.map(([name, l]) => (
            <li key={name} class={"stat" + (l.total ? " stat--alert" : "")}>
              <a href={"#home-" + name} class="stat__link">
                <span class="stat__n">{l.total}</span>
                <span class="stat__label">{tr(T, name)}</span>
              </a>
            </li>
          ))}
        </ul>
        {slipping.length === 0 ? <p>{tr(T, "slippingNone")}</p> : null}
      </section>
      <div class="grid-2">
        <ItemList name="awaiting_answer" list={o.awaiting_answer} />
        <ItemList name="accepted_without_outcome" list={o.accepted_without_outcome} />
        <ItemList name="my_action_items" list={o.my_action_items} />
        <ItemList name="next_meetings" list={o.next_meetings} />
      </div>
      {slipping.map(([name, l]) => (
        <ItemList key={name} name={name} list={l} />
      ))}
      <p class="after-lists">
        <a href="/cases">{tr(T, "allCases")}</a>
      </p>
    </>
  );
}

function PartnerHome({ o }) {
  const c = o.capacity;
  return (
    <>
      <section aria-labelledby="home-capacity" class={"notice" + (c?.stale ? " notice--error" : "")}>
        <h2 id="home-capacity" class="notice__title">
          {tr(T, "capacity")}
          {c?.status ? <>：{label("capacity_statuses", c.status)}</> : null}
        </h2>
        {c?.updated_at ? (
          <p>{tr(T, c.age_days ? "capacityAge" : "capacityToday", { date: formatDate(c.updated_at), days: c.age_days })}</p>
        ) : (
          <p>{tr(T, "capacityNever")}</p>
        )}
        {c?.stale && c?.updated_at ? <p>{tr(T, "capacityStale")}</p> : null}
        <p>
          <a href="/my-organization">{tr(T, "updateCapacity")}</a>
        </p>
      </section>
      <ItemList name="new_referrals" list={o.new_referrals} />
      <ItemList name="overdue" list={o.overdue} />
      <ItemList name="accepted" list={o.accepted} />
      <ItemList name="action_items" list={o.action_items} />
      <p class="after-lists">
        <a href="/inbox">{tr(T, "openInbox")}</a>
      </p>
    </>
  );
}

function CountsHome({ o }) {
  return (
    <section aria-labelledby="home-counts">
      <h2 id="home-counts">{tr(T, "counts")}</h2>
      <ul class="stats">
        {Object.entries(o.counts || {}).map(([k, n]) => (
          <li key={k} class="stat">
            <span class="stat__n">{n}</span>
            <span class="stat__label">{tr(T, k)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Home() {
  const { data, error, loading } = useLoad(() => get("/overview"));
  const role = me.value?.role;
  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      {data?.today ? <p class="lead">{tr(T, "today", { date: formatDate(data.today) })}</p> : null}
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        role === "partner" ? <PartnerHome o={data} /> : data.counts ? <CountsHome o={data} /> : <WardHome o={data} />
      ) : null}
    </>
  );
}
