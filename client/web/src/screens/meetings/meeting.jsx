// One meeting: when and where, the invited organizations and attendance, the agenda (for a
// 実務者会議 built from the suggested list), the minutes, decisions and action items. Ward roles
// edit it (one PATCH with If-Match for the record, action items one by one); partners read what
// the server lets them see. A roundtable (座談会) warns before saving text that looks like case
// data; the server's refusal (422) is shown beside the field it names.
import { useEffect, useState } from "preact/hooks";
import { get, patch } from "../../api.js";
import { formatDate, formatTime, label, tr } from "../../i18n.js";
import { can } from "../../session.js";
import { ErrorSummary, LoadError, fieldId, problemToErrors } from "../../components/errors.jsx";
import { TextArea } from "../../components/fields.jsx";
import { Loading, PageTitle, useLoad } from "../../components/common.jsx";
import { MeetingStatus } from "./index.jsx";
import { organizations, wardUsers } from "../../names.js";
import { withoutMissing } from "./names.js";
import { caseDataInFields } from "./case-hint.js";
import { Attendance, Invitations } from "./attendance.jsx";
import { Agenda, SuggestedAgenda } from "./agenda.jsx";
import { ActionItemList, AddActionItem } from "./action-items.jsx";
import "./meetings.css";

const T = {
  ja: {
    back: "会議の一覧へ戻る",
    kind: "種類",
    when: "日時",
    place: "場所",
    district: "地区",
    status: "状態",
    print: "印刷用の表示（議題・議事録）",
    wall: "座談会には守秘義務のない住民も参加します。ケース番号・イニシャル・世帯を特定できる事柄は、議題・議事録・アクションに書かないでください。",
    redacted: "この会議の議題・議事録・決定事項は、区の職員だけが閲覧できます。",
    cancelled: "この会議は中止になりました。記録は変更できません。",
    minutes: "議事録",
    minutesHint: "話し合った内容と決まったことを書きます。",
    decisions: "決定事項",
    noDecisions: "記録された決定事項はありません。",
    actionItems: "アクション",
    save: "会議の記録を保存する",
    saving: "保存しています…",
    saved: "保存しました。",
    warnTitle: "世帯を特定できる情報が含まれていないか確認してください",
    warnBody: "次の記載はケース番号やイニシャルのように見えます。座談会の記録には書かないでください。",
    warnIn: "{field}：{found}",
    fix: "戻って修正する",
    saveAnyway: "確認したので保存する",
    fieldHint: "ケース番号やイニシャルのような記載があります：{found}",
    markHeld: "開催済みにする",
    markCancelled: "中止にする",
    confirmCancel: "この会議を中止にします。よろしいですか。",
    agendaField: "議題{n}",
    agendaNotes: "議題{n}のメモ",
    attendeeName: "参加者{n}の氏名",
  },
  en: {
    back: "Back to meetings",
    kind: "Kind",
    when: "When",
    place: "Place",
    district: "District",
    status: "Status",
    print: "Printable agenda and minutes",
    wall: "Residents without a duty of confidentiality attend roundtables. Never write case numbers, initials or anything that identifies a household in the agenda, minutes or action items.",
    redacted: "Only ward staff may read this meeting's agenda, minutes and decisions.",
    cancelled: "This meeting was cancelled; its record cannot be changed.",
    minutes: "Minutes",
    minutesHint: "What was discussed and decided.",
    decisions: "Decisions",
    noDecisions: "No decisions recorded.",
    actionItems: "Action items",
    save: "Save the meeting record",
    saving: "Saving…",
    saved: "Saved.",
    warnTitle: "Check that nothing identifies a household",
    warnBody: "These look like case numbers or initials. Do not write them in a roundtable's record.",
    warnIn: "{field}: {found}",
    fix: "Go back and edit",
    saveAnyway: "I have checked: save",
    fieldHint: "This looks like a case number or initials: {found}",
    markHeld: "Mark as held",
    markCancelled: "Cancel the meeting",
    confirmCancel: "Cancel this meeting?",
    agendaField: "Agenda item {n}",
    agendaNotes: "Notes on agenda item {n}",
    attendeeName: "Name of attendee {n}",
  },
};

// The parts of a meeting the page edits, in the shape PATCH takes (nulls left out).
function draftOf(m) {
  const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
  return {
    invited_organization_ids: [...(m.invited_organization_ids || [])],
    attendees: (m.attendees || []).map(clean),
    agenda: (m.agenda || []).map(clean),
    minutes: m.minutes || "",
  };
}

// The texts of a draft a roundtable must not use for case data, by the server's field names.
function textsOf(draft) {
  const out = { minutes: draft.minutes };
  draft.agenda.forEach((a, i) => {
    out[`agenda[${i}].title`] = a.title;
    out[`agenda[${i}].notes`] = a.notes;
  });
  draft.attendees.forEach((a, i) => {
    if (a.name !== undefined) out[`attendees[${i}].name`] = a.name;
  });
  return out;
}

function fieldLabel(name) {
  let m = name.match(/^agenda\[(\d+)\]\.(title|notes)$/);
  if (m) return tr(T, m[2] === "title" ? "agendaField" : "agendaNotes", { n: Number(m[1]) + 1 });
  m = name.match(/^attendees\[(\d+)\]\.name$/);
  if (m) return tr(T, "attendeeName", { n: Number(m[1]) + 1 });
  return tr(T, name);
}

const quote = (list) => list.map((w) => "「" + w + "」").join("");

export function MeetingPage({ id }) {
  const path = "/meetings/" + encodeURIComponent(id);
  const loaded = useLoad(() => get(path), [id]);
  const [m, setM] = useState(null);
  const [draft, setDraft] = useState(null);
  const [orgs, setOrgs] = useState({});
  const [users, setUsers] = useState({});
  const [items, setItems] = useState([]);
  const [errors, setErrors] = useState(null);
  const [warning, setWarning] = useState(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState("");

  const show = (meeting) => {
    setM(meeting);
    setDraft(draftOf(meeting));
    setItems(meeting.action_items || []);
  };
  useEffect(() => {
    if (loaded.data) show(loaded.data);
  }, [loaded.data]);

  // Names of every organization the meeting mentions, and the ward's users.
  useEffect(() => {
    if (!m) return;
    const ids = [
      ...(m.invited_organization_ids || []),
      ...(m.attendees || []).map((a) => a.organization_id),
      ...(m.action_items || []).map((a) => a.owner_organization_id),
    ];
    organizations(ids).then((found) => setOrgs((o) => ({ ...o, ...withoutMissing(found) })));
    if (can("meeting.write")) wardUsers().then(setUsers);
  }, [m?.id, m?.version]);

  if (loaded.error) return <LoadError error={loaded.error} />;
  if (!m || !draft) return <Loading />;

  const roundtable = m.kind === "roundtable";
  const editable = can("meeting.write") && !m.redacted && m.status !== "cancelled";
  const hints = roundtable && editable ? caseDataInFields(textsOf(draft)) : {};

  const save = async (confirmed, extra = {}) => {
    setSaved("");
    if (roundtable && !confirmed && !extra.status && Object.keys(hints).length) {
      setErrors(null);
      setWarning(hints);
      return;
    }
    setWarning(null);
    setBusy(true);
    try {
      const body = extra.status ? extra : { ...draft };
      const updated = await patch(path, body, { ifMatch: m.version });
      show(updated);
      setErrors(null);
      setSaved(tr(T, "saved"));
    } catch (e) {
      setErrors(problemToErrors(e));
    } finally {
      setBusy(false);
    }
  };

  const focusFirstWarned = () => {
    const first = Object.keys(warning || {})[0];
    setWarning(null);
    const el = first && document.getElementById(fieldId(first));
    if (el) {
      el.focus();
      el.scrollIntoView({ block: "center" });
    }
  };

  const fieldHint = (name) => (hints[name] ? tr(T, "fieldHint", { found: quote(hints[name]) }) : undefined);

  return (
    <article class="meeting">
      <p class="no-print">
        <a href="/meetings">{tr(T, "back")}</a>
      </p>
      <PageTitle>{m.title}</PageTitle>
      <dl class="facts">
        <dt>{tr(T, "kind")}</dt>
        <dd>{label("meeting_kinds", m.kind)}</dd>
        <dt>{tr(T, "when")}</dt>
        <dd>
          <time datetime={m.starts_at}>{formatDate(m.starts_at)}</time> {formatTime(m.starts_at)}〜{formatTime(m.ends_at)}
        </dd>
        {m.place ? (
          <>
            <dt>{tr(T, "place")}</dt>
            <dd>{m.place}</dd>
          </>
        ) : null}
        {m.district ? (
          <>
            <dt>{tr(T, "district")}</dt>
            <dd>{m.district}</dd>
          </>
        ) : null}
        <dt>{tr(T, "status")}</dt>
        <dd>
          <MeetingStatus status={m.status} />
        </dd>
      </dl>
      <div class="button-row">
        {!m.redacted ? (
          <a class="button button--secondary" href={path + "/print"}>
            {tr(T, "print")}
          </a>
        ) : null}
        {editable && m.status === "planned" && Date.parse(m.starts_at) <= Date.now() ? (
          <button type="button" class="button button--secondary" disabled={busy} onClick={() => save(true, { status: "held" })}>
            {tr(T, "markHeld")}
          </button>
        ) : null}
        {editable && m.status === "planned" ? (
          <button
            type="button"
            class="button button--ghost"
            disabled={busy}
            onClick={() => window.confirm(tr(T, "confirmCancel")) && save(true, { status: "cancelled" })}
          >
            {tr(T, "markCancelled")}
          </button>
        ) : null}
      </div>
      {roundtable ? (
        <div class="notice notice--warning">
          <p>{tr(T, "wall")}</p>
        </div>
      ) : null}
      {m.redacted ? (
        <div class="notice">
          <p>{tr(T, "redacted")}</p>
        </div>
      ) : null}
      {m.status === "cancelled" ? (
        <div class="notice">
          <p>{tr(T, "cancelled")}</p>
        </div>
      ) : null}

      <ErrorSummary errors={errors} />

      <form
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          save(false);
        }}
      >
        <Invitations meeting={m} draft={draft} setDraft={setDraft} orgs={orgs} setOrgs={setOrgs} editable={editable} errors={errors} />
        <Attendance draft={draft} setDraft={setDraft} orgs={orgs} users={users} editable={editable} errors={errors} hintFor={fieldHint} />
        {!m.redacted ? (
          <>
            <Agenda draft={draft} setDraft={setDraft} editable={editable} errors={errors} hintFor={fieldHint} />
            {m.kind === "practitioners" && editable ? <SuggestedAgenda meeting={m} onAdopted={show} /> : null}
            <section aria-labelledby="minutes-heading">
              <h2 id="minutes-heading">{tr(T, "minutes")}</h2>
              {editable ? (
                <div class={hints.minutes ? "case-hinted" : undefined}>
                  <TextArea
                    name="minutes"
                    label={tr(T, "minutes")}
                    hint={fieldHint("minutes") || tr(T, "minutesHint")}
                    rows={8}
                    value={draft.minutes}
                    onInput={(v) => setDraft({ ...draft, minutes: v })}
                    error={errors?.fields.minutes}
                  />
                </div>
              ) : (
                <p class="minutes-text">{m.minutes || "—"}</p>
              )}
            </section>
          </>
        ) : null}
        {warning ? (
          <div class="notice notice--warning case-warning" role="alert" aria-labelledby="case-warning-title">
            <p class="notice__title" id="case-warning-title">
              {tr(T, "warnTitle")}
            </p>
            <p>{tr(T, "warnBody")}</p>
            <ul>
              {Object.entries(warning).map(([field, found]) => (
                <li key={field}>
                  <a href={"#" + fieldId(field)}>{tr(T, "warnIn", { field: fieldLabel(field), found: quote(found) })}</a>
                </li>
              ))}
            </ul>
            <div class="button-row">
              <button type="button" class="button" onClick={focusFirstWarned}>
                {tr(T, "fix")}
              </button>
              <button type="button" class="button button--secondary" onClick={() => save(true)}>
                {tr(T, "saveAnyway")}
              </button>
            </div>
          </div>
        ) : null}
        {editable ? (
          <div class="button-row">
            <button type="submit" class="button" disabled={busy}>
              {busy ? tr(T, "saving") : tr(T, "save")}
            </button>
            <span role="status">{saved}</span>
          </div>
        ) : null}
      </form>

      {!m.redacted ? (
        <section aria-labelledby="decisions-heading">
          <h2 id="decisions-heading">{tr(T, "decisions")}</h2>
          {(m.decisions || []).length ? (
            <ul>
              {m.decisions.map((d) => (
                <li key={d.id}>{d.text}</li>
              ))}
            </ul>
          ) : (
            <p class="muted">{tr(T, "noDecisions")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="action-items-heading">
        <h2 id="action-items-heading">{tr(T, "actionItems")}</h2>
        <ActionItemList
          items={items}
          orgs={orgs}
          users={users}
          editable={can("action_item.update") && m.status !== "cancelled"}
          onChanged={(u) => setItems(items.map((i) => (i.id === u.id ? u : i)))}
        />
        {editable ? (
          <AddActionItem meeting={m} orgs={orgs} users={users} roundtable={roundtable} onAdded={(a) => setItems([...items, a])} />
        ) : null}
      </section>
    </article>
  );
}
