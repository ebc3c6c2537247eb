// A meeting's agenda and minutes as a document to print or save as PDF (A4): title, time and
// place, attendance, agenda, minutes, decisions and action items, without the application's
// navigation. The print stylesheet is in meetings.css (body.print-doc).
import { useEffect, useState } from "preact/hooks";
import { get } from "../../api.js";
import { formatDate, formatTime, label, tr } from "../../i18n.js";
import { can } from "../../session.js";
import { LoadError } from "../../components/errors.jsx";
import { Loading, PageTitle, useLoad } from "../../components/common.jsx";
import { organizations, wardUsers } from "../../names.js";
import { withoutMissing } from "./names.js";
import { attendeeName } from "./attendance.jsx";
import { ownerName } from "./action-items.jsx";
import "./meetings.css";

const T = {
  ja: {
    back: "会議のページへ戻る",
    print: "印刷する",
    printHint: "印刷画面で「PDFに保存」を選ぶと、PDFとして保存できます。",
    when: "日時",
    place: "場所",
    kind: "種類",
    attendees: "出席者",
    absent: "欠席",
    agenda: "議題",
    minutes: "議事録",
    decisions: "決定事項",
    actionItems: "アクション",
    owner: "担当",
    due: "期限",
    status: "状態",
    none: "なし",
    notice: "取扱注意：この資料には要配慮個人情報が含まれることがあります。会議後は回収・廃棄してください。",
    roundtableNotice: "この資料は座談会の記録です。",
    printed: "出力日 {date}",
  },
  en: {
    back: "Back to the meeting",
    print: "Print",
    printHint: "Choose “Save as PDF” in the print dialog to keep a PDF.",
    when: "When",
    place: "Place",
    kind: "Kind",
    attendees: "Present",
    absent: "Absent",
    agenda: "Agenda",
    minutes: "Minutes",
    decisions: "Decisions",
    actionItems: "Action items",
    owner: "Owner",
    due: "Due",
    status: "Status",
    none: "None",
    notice: "Handle with care: this paper may hold sensitive personal data. Collect and destroy it after the meeting.",
    roundtableNotice: "This is the record of a roundtable.",
    printed: "Printed {date}",
  },
};

export function MeetingPrint({ id }) {
  const path = "/meetings/" + encodeURIComponent(id);
  const loaded = useLoad(() => get(path), [id]);
  const [orgs, setOrgs] = useState({});
  const [users, setUsers] = useState({});
  const m = loaded.data;

  useEffect(() => {
    document.body.classList.add("print-doc");
    return () => document.body.classList.remove("print-doc");
  }, []);
  useEffect(() => {
    if (!m) return;
    organizations([
      ...(m.attendees || []).map((a) => a.organization_id),
      ...(m.action_items || []).map((a) => a.owner_organization_id),
    ]).then((found) => setOrgs(withoutMissing(found)));
    if (can("meeting.write")) wardUsers().then(setUsers);
  }, [m?.id]);

  if (loaded.error) return <LoadError error={loaded.error} />;
  if (!m) return <Loading />;
  const present = (m.attendees || []).filter((a) => a.present !== false);
  const absent = (m.attendees || []).filter((a) => a.present === false);
  const who = (a) => attendeeName(a, orgs, users) + (a.role ? `（${a.role}）` : "");

  return (
    <article class="print-sheet">
      <div class="no-print">
        <p>
          <a href={path}>{tr(T, "back")}</a>
        </p>
        <div class="button-row">
          <button type="button" class="button" onClick={() => window.print()}>
            {tr(T, "print")}
          </button>
          <span class="small muted">{tr(T, "printHint")}</span>
        </div>
      </div>
      <p class="print-sheet__notice">{m.kind === "roundtable" ? tr(T, "roundtableNotice") : tr(T, "notice")}</p>
      <PageTitle>{m.title}</PageTitle>
      <dl class="facts print-sheet__facts">
        <dt>{tr(T, "kind")}</dt>
        <dd>{label("meeting_kinds", m.kind)}</dd>
        <dt>{tr(T, "when")}</dt>
        <dd>
          {formatDate(m.starts_at)} {formatTime(m.starts_at)}〜{formatTime(m.ends_at)}
        </dd>
        {m.place ? (
          <>
            <dt>{tr(T, "place")}</dt>
            <dd>{m.place}</dd>
          </>
        ) : null}
        <dt>{tr(T, "attendees")}</dt>
        <dd>{present.length ? present.map(who).join("、") : tr(T, "none")}</dd>
        {absent.length ? (
          <>
            <dt>{tr(T, "absent")}</dt>
            <dd>{absent.map(who).join("、")}</dd>
          </>
        ) : null}
      </dl>

      <h2>{tr(T, "agenda")}</h2>
      {(m.agenda || []).length ? (
        <ol class="print-sheet__agenda">
          {m.agenda.map((a, i) => (
            <li key={i}>
              <strong>{a.title}</strong>
              {a.notes ? <p class="print-sheet__notes">{a.notes}</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{tr(T, "none")}</p>
      )}

      <h2>{tr(T, "minutes")}</h2>
      <p class="minutes-text">{m.minutes || tr(T, "none")}</p>

      <h2>{tr(T, "decisions")}</h2>
      {(m.decisions || []).length ? (
        <ol>
          {m.decisions.map((d) => (
            <li key={d.id}>{d.text}</li>
          ))}
        </ol>
      ) : (
        <p>{tr(T, "none")}</p>
      )}

      <h2>{tr(T, "actionItems")}</h2>
      {(m.action_items || []).length ? (
        <table class="table print-sheet__items">
          <thead>
            <tr>
              <th scope="col">{tr(T, "actionItems")}</th>
              <th scope="col">{tr(T, "owner")}</th>
              <th scope="col">{tr(T, "due")}</th>
              <th scope="col">{tr(T, "status")}</th>
            </tr>
          </thead>
          <tbody>
            {m.action_items.map((a) => (
              <tr key={a.id}>
                <td>{a.title}</td>
                <td>{ownerName(a, orgs, users)}</td>
                <td>{a.due_on ? formatDate(a.due_on) : "—"}</td>
                <td>{label("action_item_statuses", a.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{tr(T, "none")}</p>
      )}
      <p class="print-sheet__footer small">{tr(T, "printed", { date: formatDate(new Date().toISOString()) })}</p>
    </article>
  );
}
