// My action items (GET /api/v1/action-items?owner=me&status=&overdue=): what the caller (or its
// organization) promised at meetings, earliest due first, overdue ones marked; the status
// changes in place. Ward roles can widen the list to every item of their wards.
import { useEffect, useState } from "preact/hooks";
import { get } from "../../api.js";
import { codes, label, tr } from "../../i18n.js";
import { can, isWardRole } from "../../session.js";
import { LoadError } from "../../components/errors.jsx";
import { CheckboxField, SelectField } from "../../components/fields.jsx";
import { Loading, PageTitle, useLoad } from "../../components/common.jsx";
import { ActionItemList } from "../meetings/action-items.jsx";
import "../meetings/meetings.css";

const T = {
  ja: {
    title: "アクション",
    intro: "会議で決まった「誰が・いつまでに・何をするか」です。期限の早い順に並んでいます。",
    filters: "絞り込み",
    mine: "自分（自分の機関）の担当だけを表示",
    overdue: "期限を過ぎたものだけを表示",
    status: "状態",
    all: "すべて",
    apply: "表示する",
    count: "{n}件（うち期限切れ {m}件）",
    meetings: "会議の一覧へ",
  },
  en: {
    title: "Action items",
    intro: "Who does what by when, as agreed at meetings; earliest due first.",
    filters: "Filters",
    mine: "Only mine (or my organization's)",
    overdue: "Only overdue ones",
    status: "Status",
    all: "All",
    apply: "Show",
    count: "{n} items ({m} overdue)",
    meetings: "All meetings",
  },
};

export function ActionItems() {
  const [form, setForm] = useState({ mine: true, overdue: false, status: "open" });
  const [shown, setShown] = useState(form);
  const list = useLoad(
    () =>
      get("/action-items", {
        owner: shown.mine ? "me" : "",
        overdue: shown.overdue ? "true" : "",
        status: shown.status,
        per_page: 200,
      }),
    [JSON.stringify(shown)],
  );
  const [items, setItems] = useState([]);
  useEffect(() => setItems(list.data?.items || []), [list.data]);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const overdue = items.filter((a) => a.overdue).length;

  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <p class="lead">{tr(T, "intro")}</p>
      <form
        aria-label={tr(T, "filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setShown(form);
        }}
      >
        {isWardRole.value ? <CheckboxField name="mine" label={tr(T, "mine")} checked={form.mine} onInput={set("mine")} /> : null}
        <CheckboxField name="overdue" label={tr(T, "overdue")} checked={form.overdue} onInput={set("overdue")} />
        <SelectField
          name="status"
          label={tr(T, "status")}
          value={form.status}
          onInput={set("status")}
          blank={tr(T, "all")}
          options={codes("action_item_statuses").map((c) => [c, label("action_item_statuses", c)])}
        />
        <button type="submit" class="button">
          {tr(T, "apply")}
        </button>
      </form>
      <LoadError error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <div aria-live="polite">
          <h2 class="visually-hidden">{tr(T, "title")}</h2>
          <p class="muted">{tr(T, "count", { n: list.data.total, m: overdue })}</p>
          <ActionItemList
            items={items}
            editable={can("action_item.update")}
            meetingLinks
            onChanged={(u) => setItems(items.map((i) => (i.id === u.id ? u : i)))}
          />
        </div>
      ) : null}
      <p>
        <a href="/meetings">{tr(T, "meetings")}</a>
      </p>
    </>
  );
}
