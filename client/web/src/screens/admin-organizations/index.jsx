// The administrator's directory: every organization, active or archived (GET
// /api/v1/organizations), a new entry (POST with an Idempotency-Key), an entry's page to edit
// (PATCH with If-Match, only the fields that changed) and to archive (DELETE keeps its history:
// the entry becomes inactive) or bring back. Hours and capacity are kept by the partner itself.
import { useEffect, useState } from "preact/hooks";
import { del, get, patch, post } from "../../api.js";
import { codes, formatDate, label, tr } from "../../i18n.js";
import { navigate } from "../../router.js";
import { ErrorSummary, LoadError, problemToErrors } from "../../components/errors.jsx";
import { CheckboxField, RadioField, SelectField, TextArea, TextField } from "../../components/fields.jsx";
import { Loading, None, PageTitle, useLoad } from "../../components/common.jsx";
import "../admin-users/admin.css";
import "../../components/responsive-table.css";

const T = {
  ja: {
    title: "関係機関の管理",
    intro: "関係機関（ネットワークの参加団体）の登録・編集・アーカイブを行います。受付時間と受入状況は各機関が更新します。",
    create: "関係機関を登録する",
    filters: "絞り込み",
    q: "名称・よみがな",
    category: "種別",
    ward: "区",
    status: "状態",
    all: "すべて",
    apply: "検索する",
    count: "{n}件",
    name: "名称",
    council: "要対協",
    councilYes: "構成機関",
    caption: "関係機関の一覧",
    prev: "前の{n}件",
    next: "次の{n}件",
    pageOf: "{page} / {pages}ページ",
    newTitle: "関係機関の登録",
    editTitle: "関係機関：{name}",
    back: "関係機関の一覧へ戻る",
    name_kana: "よみがな",
    kanaHint: "ひらがなで入力します。検索に使います。",
    description: "紹介文",
    wards: "対象の区",
    wardsHint: "活動している区を1つ以上選びます。",
    district: "地区",
    districtHint: "例：すすきの",
    address: "所在地",
    address_visibility: "所在地の公開範囲",
    phone: "電話番号",
    email: "メールアドレス",
    website: "ウェブサイト",
    council_member: "要保護児童対策地域協議会の構成機関",
    visibility: "掲載範囲",
    choose: "選んでください",
    submit: "登録する",
    save: "変更を保存する",
    saved: "保存しました。",
    nothing: "変更はありません。",
    created: "「{name}」を登録しました。",
    archive: "アーカイブする",
    archiveTitle: "アーカイブ",
    archiveIntro: "アーカイブした機関は検索や紹介先に表示されなくなります。これまでの紹介の記録は残ります。",
    confirmArchive: "「{name}」をアーカイブします。よろしいですか。",
    archived: "アーカイブしました。",
    restore: "活動中に戻す",
    restored: "活動中に戻しました。",
    archivedNotice: "この機関はアーカイブされています。",
    updated: "最終更新 {date}",
    active: "活動中",
    inactive: "アーカイブ済み",
    v_public: "一般公開",
    v_network: "ネットワーク内のみ",
    v_hidden: "非公開",
  },
  en: {
    title: "Organizations",
    intro: "Register, edit and archive the network's organizations. Each organization keeps its own hours and capacity.",
    create: "Register an organization",
    filters: "Filters",
    q: "Name or reading",
    category: "Category",
    ward: "Ward",
    status: "Status",
    all: "All",
    apply: "Search",
    count: "{n} organizations",
    name: "Name",
    council: "Council",
    councilYes: "Member",
    caption: "Organizations",
    prev: "Previous {n}",
    next: "Next {n}",
    pageOf: "Page {page} of {pages}",
    newTitle: "New organization",
    editTitle: "Organization: {name}",
    back: "Back to organizations",
    name_kana: "Reading (kana)",
    kanaHint: "In hiragana; used by search.",
    description: "Description",
    wards: "Wards",
    wardsHint: "At least one ward it works in.",
    district: "District",
    districtHint: "e.g. Susukino",
    address: "Address",
    address_visibility: "Who may see the address",
    phone: "Phone",
    email: "E-mail",
    website: "Website",
    council_member: "Member of the regional council for children needing protection",
    visibility: "Listed for",
    choose: "Choose",
    submit: "Register",
    save: "Save changes",
    saved: "Saved.",
    nothing: "Nothing changed.",
    created: "“{name}” was registered.",
    archive: "Archive",
    archiveTitle: "Archive",
    archiveIntro: "Archived organizations leave search and referral choices; their referral history is kept.",
    confirmArchive: "Archive “{name}”?",
    archived: "Archived.",
    restore: "Make active again",
    restored: "Active again.",
    archivedNotice: "This organization is archived.",
    updated: "Last updated {date}",
    active: "Active",
    inactive: "Archived",
    v_public: "Public",
    v_network: "Network only",
    v_hidden: "Hidden",
  },
};

const PER_PAGE = 50;
const EDITED = ["name", "name_kana", "description", "category", "wards", "district", "address", "address_visibility", "phone", "email", "website", "council_member", "visibility"];

// Entry statuses are not among the reference word sets; the screen words them itself.
const statusBadge = (s) =>
  s === "inactive" ? <span class="badge badge--muted">{tr(T, "inactive")}</span> : <span class="badge badge--ok">{tr(T, "active")}</span>;

export function AdminOrganizations() {
  const [form, setForm] = useState({ q: "", category: "", ward: "", status: "" });
  const [shown, setShown] = useState({ ...form, page: 1 });
  const list = useLoad(() => get("/organizations", { ...shown, per_page: PER_PAGE }), [JSON.stringify(shown)]);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PER_PAGE)) : 1;

  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <p class="lead">{tr(T, "intro")}</p>
      <p>
        <a class="button" href="/admin/organizations/new">
          {tr(T, "create")}
        </a>
      </p>
      <form
        class="filters"
        role="search"
        aria-label={tr(T, "filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setShown({ ...form, page: 1 });
        }}
      >
        <TextField name="q" type="search" label={tr(T, "q")} value={form.q} onInput={set("q")} />
        <SelectField name="category" label={tr(T, "category")} value={form.category} onInput={set("category")} blank={tr(T, "all")} options={codes("categories").map((c) => [c, label("categories", c)])} />
        <SelectField name="ward" label={tr(T, "ward")} value={form.ward} onInput={set("ward")} blank={tr(T, "all")} options={codes("wards").map((c) => [c, label("wards", c)])} />
        <SelectField
          name="status"
          label={tr(T, "status")}
          value={form.status}
          onInput={set("status")}
          blank={tr(T, "all")}
          options={[
            ["active", tr(T, "active")],
            ["inactive", tr(T, "inactive")],
          ]}
        />
        <div class="field">
          <button type="submit" class="button">
            {tr(T, "apply")}
          </button>
        </div>
      </form>
      <LoadError error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <p class="muted" aria-live="polite">
            {tr(T, "count", { n: list.data.total })}
          </p>
          {list.data.items.length ? (
            <div class="table-wrap">
              <table class="table responsive-table">
                <caption class="visually-hidden">{tr(T, "caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr(T, "name")}</th>
                    <th scope="col">{tr(T, "category")}</th>
                    <th scope="col">{tr(T, "ward")}</th>
                    <th scope="col">{tr(T, "council")}</th>
                    <th scope="col">{tr(T, "status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">
                        <a href={"/admin/organizations/" + encodeURIComponent(o.id)}>{o.name}</a>
                      </th>
                      <td data-label={tr(T, "category")}>{label("categories", o.category)}</td>
                      <td data-label={tr(T, "ward")}>{(o.wards || []).map((w) => label("wards", w)).join("・")}</td>
                      <td data-label={tr(T, "council")}>{o.council_member ? tr(T, "councilYes") : "—"}</td>
                      <td data-label={tr(T, "status")}>{statusBadge(o.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <None />
          )}
          {pages > 1 ? (
            <nav class="pager" aria-label={tr(T, "pageOf", { page: shown.page, pages })}>
              <button type="button" class="button button--secondary button--small" disabled={shown.page <= 1} onClick={() => setShown({ ...shown, page: shown.page - 1 })}>
                {tr(T, "prev", { n: PER_PAGE })}
              </button>
              <span>{tr(T, "pageOf", { page: shown.page, pages })}</span>
              <button type="button" class="button button--secondary button--small" disabled={shown.page >= pages} onClick={() => setShown({ ...shown, page: shown.page + 1 })}>
                {tr(T, "next", { n: PER_PAGE })}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function visibilityOptions(set, values) {
  return values.map((v) => [v, label(set, v) !== v ? label(set, v) : tr(T, "v_" + v)]);
}

/** The fields of an entry; `form` holds the API's names, so the server's errors land beside them. */
function OrganizationFields({ form, setForm, errors }) {
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const err = (k) => errors?.fields[k];
  const wardErr = errors && Object.entries(errors.fields).find(([f]) => f === "wards" || f.startsWith("wards["))?.[1];
  return (
    <>
      <TextField name="name" label={tr(T, "name")} value={form.name} onInput={set("name")} error={err("name")} required />
      <TextField name="name_kana" label={tr(T, "name_kana")} hint={tr(T, "kanaHint")} value={form.name_kana} onInput={set("name_kana")} error={err("name_kana")} />
      <SelectField
        name="category"
        label={tr(T, "category")}
        value={form.category}
        onInput={set("category")}
        blank={tr(T, "choose")}
        options={codes("categories").map((c) => [c, label("categories", c)])}
        error={err("category")}
        required
      />
      <fieldset class={"field fieldset" + (wardErr ? " field--error" : "")} aria-describedby="f-wards-hint">
        <legend class="field__label" id="f-wards" tabIndex={-1}>
          {tr(T, "wards")}
        </legend>
        <p class="field__hint" id="f-wards-hint">
          {tr(T, "wardsHint")}
        </p>
        {wardErr ? <p class="field__error">{wardErr}</p> : null}
        <div class="choice-grid">
          {codes("wards").map((w) => (
            <CheckboxField
              key={w}
              name={"ward-" + w}
              label={label("wards", w)}
              checked={form.wards.includes(w)}
              onInput={(on) => setForm({ ...form, wards: on ? [...form.wards, w] : form.wards.filter((x) => x !== w) })}
            />
          ))}
        </div>
      </fieldset>
      <TextField name="district" label={tr(T, "district")} hint={tr(T, "districtHint")} value={form.district} onInput={set("district")} error={err("district")} />
      <TextArea name="description" label={tr(T, "description")} value={form.description} onInput={set("description")} error={err("description")} rows={3} />
      <TextField name="address" label={tr(T, "address")} value={form.address} onInput={set("address")} error={err("address")} autocomplete="off" />
      <RadioField
        name="address_visibility"
        legend={tr(T, "address_visibility")}
        value={form.address_visibility}
        onInput={set("address_visibility")}
        options={visibilityOptions("address_visibilities", ["public", "network", "hidden"])}
        error={err("address_visibility")}
      />
      <TextField name="phone" type="tel" label={tr(T, "phone")} value={form.phone} onInput={set("phone")} error={err("phone")} autocomplete="off" />
      <TextField name="email" type="email" label={tr(T, "email")} value={form.email} onInput={set("email")} error={err("email")} autocomplete="off" />
      <TextField name="website" type="url" label={tr(T, "website")} value={form.website} onInput={set("website")} error={err("website")} />
      <CheckboxField name="council_member" label={tr(T, "council_member")} checked={form.council_member} onInput={set("council_member")} error={err("council_member")} />
      <RadioField
        name="visibility"
        legend={tr(T, "visibility")}
        value={form.visibility}
        onInput={set("visibility")}
        options={visibilityOptions("visibilities", ["public", "network"])}
        error={err("visibility")}
      />
    </>
  );
}

const blank = {
  name: "", name_kana: "", description: "", category: "", wards: [], district: "", address: "",
  address_visibility: "network", phone: "", email: "", website: "", council_member: false, visibility: "network",
};

function formOf(o) {
  const f = { ...blank };
  for (const k of EDITED) if (o[k] !== undefined && o[k] !== null) f[k] = Array.isArray(o[k]) ? [...o[k]] : o[k];
  return f;
}

// What to send: every field that differs from `before` (all non-empty ones for a new entry).
function changes(form, before) {
  const out = {};
  for (const k of EDITED) {
    const now = form[k];
    if (before ? JSON.stringify(now) === JSON.stringify(before[k]) : now === "" || (Array.isArray(now) && !now.length)) continue;
    out[k] = now;
  }
  return out;
}

export function AdminOrganizationNew() {
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = changes(form, null);
      if (!body.wards) body.wards = [];
      const created = await post("/organizations", body, { headers: { "Idempotency-Key": key } });
      navigate("/admin/organizations/" + encodeURIComponent(created.id) + "?created=1");
    } catch (err) {
      setErrors(problemToErrors(err));
      setBusy(false);
    }
  };
  return (
    <div class="narrow-wide">
      <p>
        <a href="/admin/organizations">{tr(T, "back")}</a>
      </p>
      <PageTitle>{tr(T, "newTitle")}</PageTitle>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} novalidate>
        <OrganizationFields form={form} setForm={setForm} errors={errors} />
        <button type="submit" class="button" disabled={busy}>
          {tr(T, "submit")}
        </button>
      </form>
    </div>
  );
}

export function AdminOrganization({ id }) {
  const path = "/organizations/" + encodeURIComponent(id);
  const loaded = useLoad(() => get(path), [id]);
  const [org, setOrg] = useState(null);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const [message, setMessage] = useState("");
  const justCreated = new URLSearchParams(window.location.search).has("created");
  const show = (o) => {
    setOrg(o);
    setForm(formOf(o));
  };
  useEffect(() => {
    if (loaded.data) show(loaded.data);
  }, [loaded.data]);
  if (loaded.error) return <LoadError error={loaded.error} />;
  if (!org || !form) return <Loading />;

  const run = async (fn, done) => {
    setMessage("");
    try {
      show(await fn());
      setErrors(null);
      setMessage(done);
    } catch (err) {
      setErrors(problemToErrors(err));
    }
  };
  const save = (e) => {
    e.preventDefault();
    const body = changes(form, formOf(org));
    if (!Object.keys(body).length) {
      setMessage(tr(T, "nothing"));
      return;
    }
    run(() => patch(path, body, { ifMatch: org.version }), tr(T, "saved"));
  };

  return (
    <div class="narrow-wide">
      <p>
        <a href="/admin/organizations">{tr(T, "back")}</a>
      </p>
      <PageTitle>{tr(T, "editTitle", { name: org.name })}</PageTitle>
      {justCreated ? (
        <div class="notice notice--success" role="status">
          <p>{tr(T, "created", { name: org.name })}</p>
        </div>
      ) : null}
      {org.status === "inactive" ? (
        <div class="notice">
          <p>{tr(T, "archivedNotice")}</p>
        </div>
      ) : null}
      <p class="muted small">{tr(T, "updated", { date: formatDate(org.updated_at, true) })}</p>
      <ErrorSummary errors={errors} />
      <p role="status">{message}</p>
      <form onSubmit={save} novalidate>
        <OrganizationFields form={form} setForm={setForm} errors={errors} />
        <button type="submit" class="button">
          {tr(T, "save")}
        </button>
      </form>
      <h2>{tr(T, "archiveTitle")}</h2>
      <p>{tr(T, "archiveIntro")}</p>
      {org.status === "inactive" ? (
        <button type="button" class="button button--secondary" onClick={() => run(() => patch(path, { status: "active" }, { ifMatch: org.version }), tr(T, "restored"))}>
          {tr(T, "restore")}
        </button>
      ) : (
        <button
          type="button"
          class="button button--danger"
          onClick={() => window.confirm(tr(T, "confirmArchive", { name: org.name })) && run(() => del(path, { ifMatch: org.version }), tr(T, "archived"))}
        >
          {tr(T, "archive")}
        </button>
      )}
    </div>
  );
}
