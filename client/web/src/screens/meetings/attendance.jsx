// Who was invited and who came. Both edit the page's draft of the meeting (saved with the rest
// of the record): invitations are organizations of the directory; attendees are an organization,
// a user of the ward or a resident named in words, each with a role and present / absent / not
// yet taken (null).
import { useEffect, useState } from "preact/hooks";
import { label, tr } from "../../i18n.js";
import { fieldId } from "../../components/errors.jsx";
import { None } from "../../components/common.jsx";
import { organizationsOfWard } from "./names.js";

const T = {
  ja: {
    invited: "招待した関係機関",
    noInvited: "招待した関係機関はありません。",
    uninvite: "{name}の招待を取り消す",
    remove: "取り消す",
    invite: "招待する関係機関",
    inviteButton: "招待に追加",
    choose: "選んでください",
    attendance: "出欠",
    noAttendees: "参加者はまだ登録されていません。",
    role: "{name}の役割",
    roleShort: "役割",
    present: "{name}の出欠",
    presentShort: "出欠",
    unknown: "未確認",
    yes: "出席",
    no: "欠席",
    removeAttendee: "{name}を参加者から外す",
    removeShort: "外す",
    addAttendee: "参加者を追加",
    who: "追加する参加者",
    residentName: "アカウントのない参加者（住民など）",
    residentHint: "「町内会 役員」「民生委員」のように立場で書きます。個人名は書きません。",
    add: "追加する",
    orgs: "関係機関",
    users: "区の職員",
    user: "区の職員",
    partner: "関係機関",
  },
  en: {
    invited: "Invited organizations",
    noInvited: "No organizations invited.",
    uninvite: "Withdraw the invitation of {name}",
    remove: "Withdraw",
    invite: "Organization to invite",
    inviteButton: "Invite",
    choose: "Choose",
    attendance: "Attendance",
    noAttendees: "No attendees yet.",
    role: "Role of {name}",
    roleShort: "Role",
    present: "Attendance of {name}",
    presentShort: "Attendance",
    unknown: "Not taken",
    yes: "Present",
    no: "Absent",
    removeAttendee: "Remove {name} from the attendees",
    removeShort: "Remove",
    addAttendee: "Add an attendee",
    who: "Attendee to add",
    residentName: "Attendee without an account (resident etc.)",
    residentHint: "Write their position, such as “neighbourhood association officer”, not a personal name.",
    add: "Add",
    orgs: "Organizations",
    users: "Ward staff",
    user: "Ward staff",
    partner: "Organization",
  },
};

export function attendeeName(a, orgs, users) {
  if (a.organization_id) return orgs[a.organization_id]?.name || tr(T, "partner");
  if (a.user_id) return users[a.user_id] || tr(T, "user");
  return a.name || "";
}

/** The errors the server named for one element of a list field, e.g. invited_organization_ids[1]. */
function errorAt(errors, prefix) {
  if (!errors) return null;
  const hit = Object.entries(errors.fields).find(([f]) => f === prefix || f.startsWith(prefix + "."));
  return hit ? hit[1] : null;
}

export function Invitations({ meeting, draft, setDraft, orgs, setOrgs, editable, errors }) {
  const [ward, setWard] = useState([]);
  const [pick, setPick] = useState("");
  useEffect(() => {
    if (!editable) return;
    organizationsOfWard(meeting.ward).then(
      (list) => {
        setWard(list);
        setOrgs((o) => ({ ...o, ...Object.fromEntries(list.map((x) => [x.id, x])) }));
      },
      () => setWard([]),
    );
  }, [editable, meeting.ward]);

  const ids = draft.invited_organization_ids;
  const remaining = ward.filter((o) => !ids.includes(o.id));
  return (
    <section aria-labelledby="invited-heading">
      <h2 id="invited-heading">{tr(T, "invited")}</h2>
      {ids.length ? (
        <ul class="plain-list">
          {ids.map((id, i) => {
            const name = orgs[id]?.name || id;
            const err = errorAt(errors, `invited_organization_ids[${i}]`);
            return (
              <li key={id} class={"row-item" + (err ? " field--error" : "")} id={fieldId(`invited_organization_ids[${i}]`)} tabIndex={err ? -1 : undefined}>
                <span class="row-item__main">
                  {name}
                  {orgs[id]?.category ? <span class="muted small">（{label("categories", orgs[id].category)}）</span> : null}
                </span>
                {err ? <span class="field__error">{err}</span> : null}
                {editable ? (
                  <button
                    type="button"
                    class="button button--ghost button--small"
                    aria-label={tr(T, "uninvite", { name })}
                    onClick={() => setDraft({ ...draft, invited_organization_ids: ids.filter((x) => x !== id) })}
                  >
                    {tr(T, "remove")}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <None>{tr(T, "noInvited")}</None>
      )}
      {editable && remaining.length ? (
        <div class="inline-add">
          <div class="field">
            <label class="field__label" for="invite-pick">
              {tr(T, "invite")}
            </label>
            <select id="invite-pick" class="input select" value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
              <option value="">{tr(T, "choose")}</option>
              {remaining.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}（{label("categories", o.category)}）
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            class="button button--secondary"
            disabled={!pick}
            onClick={() => {
              setDraft({ ...draft, invited_organization_ids: [...ids, pick] });
              setPick("");
            }}
          >
            {tr(T, "inviteButton")}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function presentValue(p) {
  return p === true ? "yes" : p === false ? "no" : "";
}

export function Attendance({ draft, setDraft, orgs, users, editable, errors, hintFor }) {
  const [pick, setPick] = useState("");
  const [resident, setResident] = useState("");
  const list = draft.attendees;
  const update = (i, change) => {
    const next = list.map((a, k) => {
      if (k !== i) return a;
      const out = { ...a, ...change };
      for (const key of Object.keys(out)) if (out[key] === null || out[key] === "") delete out[key];
      return out;
    });
    setDraft({ ...draft, attendees: next });
  };
  const candidates = [
    ...draft.invited_organization_ids
      .filter((id) => !list.some((a) => a.organization_id === id))
      .map((id) => ["org:" + id, (orgs[id]?.name || id) + "（" + tr(T, "orgs") + "）"]),
    ...Object.entries(users || {})
      .filter(([id]) => !list.some((a) => a.user_id === id))
      .map(([id, name]) => ["user:" + id, name + "（" + tr(T, "users") + "）"]),
  ];

  return (
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{tr(T, "attendance")}</h2>
      {list.length ? (
        <ul class="plain-list attendees">
          {list.map((a, i) => {
            const name = attendeeName(a, orgs, users);
            const err = errorAt(errors, `attendees[${i}]`);
            const hint = a.name !== undefined ? hintFor?.(`attendees[${i}].name`) : null;
            return (
              <li
                key={i}
                class={"attendee" + (err ? " field--error" : "")}
                id={a.name === undefined ? fieldId(`attendees[${i}].${a.organization_id ? "organization_id" : "user_id"}`) : undefined}
                tabIndex={err ? -1 : undefined}
              >
                <span class="attendee__name" id={fieldId(`attendees[${i}].name`)} tabIndex={-1}>
                  {name}
                </span>
                {err ? <span class="field__error">{err}</span> : null}
                {hint ? <span class="field__hint hint--warning">{hint}</span> : null}
                {editable ? (
                  <span class="attendee__controls">
                    <label class="small" for={fieldId(`attendees[${i}].role`)}>
                      <span aria-hidden="true">{tr(T, "roleShort")}</span>
                      <span class="visually-hidden">{tr(T, "role", { name })}</span>
                    </label>
                    <input
                      id={fieldId(`attendees[${i}].role`)}
                      class="input input--inline input--short"
                      value={a.role || ""}
                      onInput={(e) => update(i, { role: e.currentTarget.value })}
                    />
                    <label class="small" for={fieldId(`attendees[${i}].present`)}>
                      <span aria-hidden="true">{tr(T, "presentShort")}</span>
                      <span class="visually-hidden">{tr(T, "present", { name })}</span>
                    </label>
                    <select
                      id={fieldId(`attendees[${i}].present`)}
                      class="input select input--inline input--short"
                      value={presentValue(a.present)}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        update(i, { present: v === "yes" ? true : v === "no" ? false : null });
                      }}
                    >
                      <option value="">{tr(T, "unknown")}</option>
                      <option value="yes">{tr(T, "yes")}</option>
                      <option value="no">{tr(T, "no")}</option>
                    </select>
                    <button
                      type="button"
                      class="button button--ghost button--small"
                      aria-label={tr(T, "removeAttendee", { name })}
                      onClick={() => setDraft({ ...draft, attendees: list.filter((_, k) => k !== i) })}
                    >
                      {tr(T, "removeShort")}
                    </button>
                  </span>
                ) : (
                  <span class="attendee__controls muted">
                    {a.role ? a.role + "・" : ""}
                    {a.present === true ? tr(T, "yes") : a.present === false ? tr(T, "no") : tr(T, "unknown")}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <None>{tr(T, "noAttendees")}</None>
      )}
      {editable ? (
        <details class="add-attendee">
          <summary>{tr(T, "addAttendee")}</summary>
          {candidates.length ? (
            <div class="inline-add">
              <div class="field">
                <label class="field__label" for="attendee-pick">
                  {tr(T, "who")}
                </label>
                <select id="attendee-pick" class="input select" value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
                  <option value="">{tr(T, "choose")}</option>
                  {candidates.map(([v, text]) => (
                    <option key={v} value={v}>
                      {text}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                class="button button--secondary"
                disabled={!pick}
                onClick={() => {
                  const a = pick.startsWith("org:") ? { organization_id: pick.slice(4) } : { user_id: pick.slice(5) };
                  setDraft({ ...draft, attendees: [...list, a] });
                  setPick("");
                }}
              >
                {tr(T, "add")}
              </button>
            </div>
          ) : null}
          <div class="inline-add">
            <div class="field">
              <label class="field__label" for="resident-name">
                {tr(T, "residentName")}
              </label>
              <p class="field__hint" id="resident-name-hint">
                {tr(T, "residentHint")}
              </p>
              <input
                id="resident-name"
                class="input"
                aria-describedby="resident-name-hint"
                value={resident}
                onInput={(e) => setResident(e.currentTarget.value)}
              />
            </div>
            <button
              type="button"
              class="button button--secondary"
              disabled={!resident.trim()}
              onClick={() => {
                setDraft({ ...draft, attendees: [...list, { name: resident.trim() }] });
                setResident("");
              }}
            >
              {tr(T, "add")}
            </button>
          </div>
        </details>
      ) : null}
    </section>
  );
}
