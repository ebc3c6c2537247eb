// Action items (アクション): a list whose items' status can be changed in place (PATCH
// /api/v1/action-items/{id} with If-Match), and the form that adds one to a meeting (POST
// /api/v1/meetings/{id}/action-items). Shared by the meeting page and "my action items".
import { useState } from "preact/hooks";
import { patch, post } from "../../api.js";
import { codes, formatDate, label, tr } from "../../i18n.js";
import { ErrorSummary, problemToErrors } from "../../components/errors.jsx";
import { SelectField, TextField } from "../../components/fields.jsx";
import { None } from "../../components/common.jsx";
import { caseDataIn } from "./case-hint.js";

const T = {
  ja: {
    owner: "担当",
    due: "期限 {date}",
    noDue: "期限なし",
    overdue: "期限切れ",
    status: "状態",
    statusOf: "「{title}」の状態",
    saved: "「{title}」を「{status}」にしました。",
    none: "アクションはありません。",
    addTitle: "アクションを追加",
    title: "内容",
    titleHint: "誰が何をするかを短く書きます。",
    ownerPick: "担当する機関・職員",
    ownerHint: "招待した関係機関か、区の職員から選びます。",
    choose: "選んでください",
    dueOn: "期限",
    add: "追加する",
    added: "アクションを追加しました。",
    orgs: "関係機関",
    users: "区の職員",
    caseWarn: "ケース番号やイニシャルのような記載があります（{found}）。座談会の記録には世帯を特定できる情報を書かないでください。",
    unknownOwner: "（担当未設定）",
    meeting: "会議",
  },
  en: {
    owner: "Owner",
    due: "due {date}",
    noDue: "no due date",
    overdue: "Overdue",
    status: "Status",
    statusOf: "Status of “{title}”",
    saved: "“{title}” is now “{status}”.",
    none: "No action items.",
    addTitle: "Add an action item",
    title: "What",
    titleHint: "Who does what, in a few words.",
    ownerPick: "Owner",
    ownerHint: "An invited organization or a ward staff member.",
    choose: "Choose",
    dueOn: "Due",
    add: "Add",
    added: "The action item was added.",
    orgs: "Organizations",
    users: "Ward staff",
    caseWarn: "This looks like a case number or initials ({found}). Roundtable records must not identify a household.",
    unknownOwner: "(no owner)",
    meeting: "Meeting",
  },
};

/**
 * The owner's name: the one the server gives beside the id (`owner_organization_name`,
 * `owner_user_name`), else from the maps of names the page holds.
 */
export function ownerName(item, orgs = {}, users = {}) {
  if (item.owner_organization_id) {
    return item.owner_organization_name || orgs[item.owner_organization_id]?.name || label("roles", "partner");
  }
  if (item.owner_user_id) return item.owner_user_name || users[item.owner_user_id] || label("roles", "ward_staff");
  return tr(T, "unknownOwner");
}

/**
 * The items as cards; with `editable` each has a status select that saves at once.
 * `onChanged(item)` receives the updated item; `meetingLinks` adds each item's meeting, by its
 * title (`meeting_title`), as a link.
 */
export function ActionItemList({ items, orgs = {}, users = {}, editable, onChanged, meetingLinks }) {
  const [errors, setErrors] = useState(null);
  const [message, setMessage] = useState("");
  if (!items.length) return <None>{tr(T, "none")}</None>;

  const change = async (item, status) => {
    setErrors(null);
    setMessage("");
    try {
      const updated = await patch("/action-items/" + encodeURIComponent(item.id), { status }, { ifMatch: item.version });
      setMessage(tr(T, "saved", { title: item.title, status: label("action_item_statuses", status) }));
      onChanged?.(updated);
    } catch (e) {
      const errs = problemToErrors(e);
      errs.items = errs.items.map((i) => ({ message: i.message }));  // the select has no field name of its own
      setErrors(errs);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} />
      <p class="visually-hidden" role="status">
        {message}
      </p>
      <ul class="cards">
        {items.map((item) => (
          <li key={item.id} class={"card action-item" + (item.overdue ? " card--urgent" : "")}>
            <p class="card__title">{item.title}</p>
            <p class="card__meta">
              {tr(T, "owner")}：{ownerName(item, orgs, users)}・
              {item.due_on ? tr(T, "due", { date: formatDate(item.due_on) }) : tr(T, "noDue")}
              {item.overdue ? (
                <>
                  {" "}
                  <span class="badge badge--urgent">{tr(T, "overdue")}</span>
                </>
              ) : null}
              {meetingLinks ? (
                <>
                  ・{tr(T, "meeting")}：<a href={"/meetings/" + encodeURIComponent(item.meeting_id)}>{item.meeting_title}</a>
                </>
              ) : null}
            </p>
            {editable ? (
              <div class="action-item__status">
                <label class="visually-hidden" for={"ai-status-" + item.id}>
                  {tr(T, "statusOf", { title: item.title })}
                </label>
                <select
                  id={"ai-status-" + item.id}
                  class="input select input--inline"
                  value={item.status}
                  onChange={(e) => change(item, e.currentTarget.value)}
                >
                  {codes("action_item_statuses").map((c) => (
                    <option key={c} value={c}>
                      {label("action_item_statuses", c)}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <p class="card__meta">
                {tr(T, "status")}：{label("action_item_statuses", item.status)}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Adds an action item to a meeting; owners are the invited organizations and the ward's users. */
export function AddActionItem({ meeting, orgs, users, onAdded, roundtable }) {
  const [form, setForm] = useState({ title: "", owner: "", due_on: "" });
  const [errors, setErrors] = useState(null);
  const [done, setDone] = useState("");
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const orgIds = [...new Set([...(meeting.invited_organization_ids || []), ...(meeting.attendees || []).map((a) => a.organization_id).filter(Boolean)])];
  const ownerOptions = [
    ...orgIds.map((id) => ["org:" + id, (orgs[id]?.name || id) + "（" + tr(T, "orgs") + "）"]),
    ...Object.entries(users).map(([id, name]) => ["user:" + id, name + "（" + tr(T, "users") + "）"]),
  ];
  const warn = roundtable ? caseDataIn(form.title) : [];

  const submit = async (e) => {
    e.preventDefault();
    setDone("");
    const body = { title: form.title };
    if (form.owner.startsWith("org:")) body.owner_organization_id = form.owner.slice(4);
    if (form.owner.startsWith("user:")) body.owner_user_id = form.owner.slice(5);
    if (form.due_on) body.due_on = form.due_on;
    try {
      const created = await post("/meetings/" + encodeURIComponent(meeting.id) + "/action-items", body);
      setForm({ title: "", owner: "", due_on: "" });
      setErrors(null);
      setDone(tr(T, "added"));
      onAdded?.(created);
    } catch (err) {
      setErrors(problemToErrors(err, { owner_organization_id: "owner", owner_user_id: "owner" }));
    }
  };

  return (
    <form class="subform" onSubmit={submit} novalidate aria-labelledby="add-action-item">
      <h3 id="add-action-item">{tr(T, "addTitle")}</h3>
      <ErrorSummary errors={errors} />
      <TextField
        name="title"
        label={tr(T, "title")}
        hint={warn.length ? tr(T, "caseWarn", { found: warn.map((w) => "「" + w + "」").join("") }) : tr(T, "titleHint")}
        value={form.title}
        onInput={set("title")}
        error={errors?.fields.title}
        required
      />
      <SelectField
        name="owner"
        label={tr(T, "ownerPick")}
        hint={tr(T, "ownerHint")}
        value={form.owner}
        onInput={set("owner")}
        blank={tr(T, "choose")}
        options={ownerOptions}
        error={errors?.fields.owner}
      />
      <TextField name="due_on" type="date" label={tr(T, "dueOn")} value={form.due_on} onInput={set("due_on")} error={errors?.fields.due_on} />
      <button type="submit" class="button button--secondary">
        {tr(T, "add")}
      </button>
      <p role="status" class="small">
        {done}
      </p>
    </form>
  );
}
