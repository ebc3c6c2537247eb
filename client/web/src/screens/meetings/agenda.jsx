// The agenda: items edited in the page's draft (title and notes; an item that names a case links
// to it), and for a 実務者会議 the suggested agenda from live data — every open case of the ward,
// highest risk first — which the coordinator adopts in one step (POST …/suggested-agenda/adopt).
import { useState } from "preact/hooks";
import { get, post } from "../../api.js";
import { formatDate, tr } from "../../i18n.js";
import { ErrorSummary, LoadError, problemToErrors } from "../../components/errors.jsx";
import { TextArea, TextField } from "../../components/fields.jsx";
import { Loading, None, RiskBadges, StatusBadge, useLoad } from "../../components/common.jsx";
import "../../components/responsive-table.css";

const T = {
  ja: {
    agenda: "議題",
    none: "議題はまだありません。",
    item: "議題{n}",
    notes: "議題{n}のメモ",
    openCase: "ケースを開く",
    remove: "議題{n}を削除",
    removeShort: "この議題を削除",
    add: "議題を追加",
    suggested: "提案された議題（区の継続ケース）",
    suggestedIntro: "区のすべての継続ケースを、リスクの高い順、見直しから日が経っている順に並べています。「提案をすべて議題に追加する」を押すと、まだ議題にないケースがすぐに追加・保存されます（保存していない編集は破棄されます）。",
    adopt: "提案をすべて議題に追加する",
    adopting: "追加しています…",
    adopted: "議題に追加しました（{n}件）。",
    noSuggested: "継続中のケースはありません。",
    caseRef: "ケース番号",
    household: "世帯",
    risk: "リスク",
    lead: "担当",
    lastReview: "前回の見直し",
    never: "未実施",
    daysAgo: "{date}（{n}日前）",
    referrals: "紹介中",
    overdue: "期限切れ",
    onAgenda: "議題に追加済み",
    caption: "提案された議題の一覧",
  },
  en: {
    agenda: "Agenda",
    none: "No agenda items yet.",
    item: "Agenda item {n}",
    notes: "Notes on agenda item {n}",
    openCase: "Open the case",
    remove: "Remove agenda item {n}",
    removeShort: "Remove this item",
    add: "Add an agenda item",
    suggested: "Suggested agenda (the ward's open cases)",
    suggestedIntro: "Every open case of the ward, highest risk first, then the longest since its last review. Adding them saves at once the cases not yet on the agenda (unsaved edits are discarded).",
    adopt: "Add all suggestions to the agenda",
    adopting: "Adding…",
    adopted: "Added to the agenda ({n} items).",
    noSuggested: "No open cases.",
    caseRef: "Case no.",
    household: "Household",
    risk: "Risk",
    lead: "Lead",
    lastReview: "Last review",
    never: "Never",
    daysAgo: "{date} ({n} days ago)",
    referrals: "Open referrals",
    overdue: "overdue",
    onAgenda: "On the agenda",
    caption: "Suggested agenda",
  },
};

export function Agenda({ draft, setDraft, editable, errors, hintFor }) {
  const items = draft.agenda;
  const update = (i, change) => setDraft({ ...draft, agenda: items.map((a, k) => (k === i ? { ...a, ...change } : a)) });
  return (
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{tr(T, "agenda")}</h2>
      {!items.length ? <None>{tr(T, "none")}</None> : null}
      {editable ? (
        <>
          {items.map((a, i) => (
            <fieldset key={i} class={"agenda-item" + (hintFor?.(`agenda[${i}].title`) || hintFor?.(`agenda[${i}].notes`) ? " case-hinted" : "")}>
              <legend class="visually-hidden">{tr(T, "item", { n: i + 1 })}</legend>
              <TextField
                name={`agenda[${i}].title`}
                label={tr(T, "item", { n: i + 1 })}
                hint={hintFor?.(`agenda[${i}].title`)}
                value={a.title}
                onInput={(v) => update(i, { title: v })}
                error={errors?.fields[`agenda[${i}].title`] || errors?.fields[`agenda[${i}].case_id`]}
              />
              <TextArea
                name={`agenda[${i}].notes`}
                label={tr(T, "notes", { n: i + 1 })}
                hint={hintFor?.(`agenda[${i}].notes`)}
                rows={2}
                value={a.notes}
                onInput={(v) => update(i, { notes: v })}
                error={errors?.fields[`agenda[${i}].notes`]}
              />
              <div class="button-row">
                {a.case_id ? <a href={"/cases/" + encodeURIComponent(a.case_id)}>{tr(T, "openCase")}</a> : null}
                <button
                  type="button"
                  class="button button--ghost button--small"
                  aria-label={tr(T, "remove", { n: i + 1 })}
                  onClick={() => setDraft({ ...draft, agenda: items.filter((_, k) => k !== i) })}
                >
                  {tr(T, "removeShort")}
                </button>
              </div>
            </fieldset>
          ))}
          <button type="button" class="button button--secondary" onClick={() => setDraft({ ...draft, agenda: [...items, { title: "" }] })}>
            {tr(T, "add")}
          </button>
        </>
      ) : items.length ? (
        <ol class="agenda-list">
          {items.map((a, i) => (
            <li key={i}>
              <span class="agenda-list__title">{a.title}</span>
              {a.case_id ? (
                <>
                  {" "}
                  <a href={"/cases/" + encodeURIComponent(a.case_id)}>{tr(T, "openCase")}</a>
                </>
              ) : null}
              {a.notes ? <p class="agenda-list__notes">{a.notes}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

export function SuggestedAgenda({ meeting, onAdopted }) {
  const path = "/meetings/" + encodeURIComponent(meeting.id);
  const list = useLoad(() => get(path + "/suggested-agenda"), [meeting.id]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState(null);
  const [done, setDone] = useState("");
  const onAgenda = new Set((meeting.agenda || []).map((a) => a.case_id).filter(Boolean));

  const adopt = async () => {
    setBusy(true);
    setDone("");
    try {
      const updated = await post(path + "/suggested-agenda/adopt", {}, { ifMatch: meeting.version });
      setErrors(null);
      setDone(tr(T, "adopted", { n: updated.agenda.length }));
      onAdopted(updated);
    } catch (e) {
      setErrors(problemToErrors(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="suggested-heading">
      <h3 id="suggested-heading">{tr(T, "suggested")}</h3>
      <p class="muted">{tr(T, "suggestedIntro")}</p>
      <LoadError error={list.error} />
      <ErrorSummary errors={errors} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        list.data.items.length ? (
          <>
            <div class="table-wrap">
              <table class="table suggested responsive-table">
                <caption class="visually-hidden">{tr(T, "caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr(T, "caseRef")}</th>
                    <th scope="col">{tr(T, "risk")}</th>
                    <th scope="col">{tr(T, "lead")}</th>
                    <th scope="col">{tr(T, "lastReview")}</th>
                    <th scope="col">{tr(T, "referrals")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((c) => (
                    <tr key={c.case_id}>
                      <th scope="row">
                        <a href={"/cases/" + encodeURIComponent(c.case_id)}>{c.case_ref}</a>
                        <span class="suggested__label">{c.household_label}</span>
                        {onAgenda.has(c.case_id) ? <span class="badge badge--ok">{tr(T, "onAgenda")}</span> : null}
                      </th>
                      <td data-label={tr(T, "risk")}>
                        <RiskBadges categories={c.risk_categories} level={c.risk_level} />
                      </td>
                      <td data-label={tr(T, "lead")}>{c.lead?.display_name || "—"}</td>
                      <td data-label={tr(T, "lastReview")}>
                        {c.last_reviewed_on
                          ? tr(T, "daysAgo", { date: formatDate(c.last_reviewed_on), n: c.days_since_last_review })
                          : tr(T, "never")}
                      </td>
                      <td data-label={tr(T, "referrals")}>
                        {(c.open_referrals || []).length ? (
                          <ul class="plain-list">
                            {c.open_referrals.map((r) => (
                              <li key={r.id}>
                                {r.organization_name} <StatusBadge status={r.status} />
                                {r.overdue ? <span class="badge badge--urgent">{tr(T, "overdue")}</span> : null}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          "—"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="button-row">
              <button type="button" class="button" disabled={busy} onClick={adopt}>
                {busy ? tr(T, "adopting") : tr(T, "adopt")}
              </button>
              <span role="status">{done}</span>
            </div>
          </>
        ) : (
          <None>{tr(T, "noSuggested")}</None>
        )
      ) : null}
    </section>
  );
}
