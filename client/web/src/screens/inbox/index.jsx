// A partner's referral inbox, made for a phone at night: three piles — new (sent, awaiting our
// answer), accepted (awaiting our outcome) and overdue — with urgent ones first, then by due
// date. Each referral opens on its own page, where it is accepted, declined or completed.
import { get } from "../../api.js";
import { formatDate, label, lang, tr } from "../../i18n.js";
import { location } from "../../router.js";
import { LoadError } from "../../components/errors.jsx";
import { WardContactLine } from "../../components/ward-contact.jsx";
import { Loading, None, PageTitle, StatusBadge, UrgentBadge, useLoad } from "../../components/common.jsx";

const T = {
  ja: {
    title: "紹介の受信箱",
    new: "新着",
    accepted: "受入中",
    overdue: "期限超過",
    closed: "終了",
    piles: "表示する紹介",
    dueBy: "回答期限 {date}",
    sentAt: "{date} 受信",
    from: "{ward}から",
    none: { new: "新しい紹介はありません。", accepted: "受け入れ中の紹介はありません。", overdue: "期限を過ぎた紹介はありません。", closed: "終了した紹介はありません。" },
    overdueBadge: "期限超過",
  },
  en: {
    title: "Referral inbox",
    new: "New",
    accepted: "Accepted",
    overdue: "Overdue",
    closed: "Closed",
    piles: "Referrals to show",
    dueBy: "answer by {date}",
    sentAt: "received {date}",
    from: "from {ward}",
    none: { new: "No new referrals.", accepted: "No accepted referrals.", overdue: "Nothing overdue.", closed: "No closed referrals." },
    overdueBadge: "Overdue",
  },
};

const PILES = {
  new: { status: "sent" },
  accepted: { status: "accepted" },
  overdue: { overdue: "true" },
  closed: { status: "completed" },
};

/** Urgent first, then the earliest answer date, then the oldest. */
export function inboxOrder(a, b) {
  if ((a.urgency === "urgent") !== (b.urgency === "urgent")) return a.urgency === "urgent" ? -1 : 1;
  const da = a.due_by || "9999", db = b.due_by || "9999";
  if (da !== db) return da < db ? -1 : 1;
  return (a.sent_at || "") < (b.sent_at || "") ? -1 : 1;
}

export function Inbox() {
  const pile = PILES[location.value.search.get("pile")] ? location.value.search.get("pile") : "new";
  const counts = useLoad(
    () =>
      Promise.all(["new", "accepted", "overdue"].map((p) => get("/referrals", { ...PILES[p], per_page: 1 }).then((b) => [p, b.total]))).then(
        Object.fromEntries,
      ),
    [],
  );
  const { data, error, loading } = useLoad(() => get("/referrals", { ...PILES[pile], per_page: 200 }), [pile]);
  const items = [...(data?.items || [])].sort(inboxOrder);
  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <nav aria-label={tr(T, "piles")}>
        <ul class="tabs">
          {Object.keys(PILES).map((p) => (
            <li key={p}>
              <a class="tabs__link" href={`/inbox?pile=${p}`} aria-current={p === pile ? "page" : undefined}>
                {tr(T, p)}
                {counts.data?.[p] != null ? <span class="tabs__count">{counts.data[p]}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <LoadError error={error || counts.error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        items.length ? (
          <ul class="cards">
            {items.map((r) => (
              <li key={r.id} class={"card" + (r.urgency === "urgent" ? " card--urgent" : "")}>
                <p class="card__title">
                  <a href={`/referrals/${encodeURIComponent(r.id)}`}>{r.summary ? r.summary.slice(0, 60) + (r.summary.length > 60 ? "…" : "") : label("referral_statuses", r.status)}</a>
                </p>
                <p class="card__meta">
                  <UrgentBadge urgency={r.urgency} /> <StatusBadge status={r.status} />{" "}
                  {r.overdue ? <span class="badge badge--risk">{tr(T, "overdueBadge")}</span> : null}{" "}
                  {tr(T, "from", { ward: label("wards", r.ward) })}
                  {r.due_by ? `・${tr(T, "dueBy", { date: formatDate(r.due_by) })}` : ""}
                  {r.sent_at ? `・${tr(T, "sentAt", { date: formatDate(r.sent_at, true) })}` : ""}
                </p>
                <WardContactLine referral={r} />
              </li>
            ))}
          </ul>
        ) : (
          <None>{T[lang.value].none[pile]}</None>
        )
      ) : null}
    </>
  );
}
