// The administrator's accounts: the list (GET /api/v1/users, by role and enabled/disabled), a
// new account (POST with an Idempotency-Key, so a double click makes one account), and one
// account's page (PATCH with If-Match: name, role, wards, organization, disable/enable, a new
// password). The server checks every rule; its messages appear beside the fields.
import { useEffect, useState } from "preact/hooks";
import { get, patch, post } from "../../api.js";
import { codes, formatDate, label, tr } from "../../i18n.js";
import { navigate } from "../../router.js";
import { ErrorSummary, LoadError, problemToErrors } from "../../components/errors.jsx";
import { CheckboxField, RadioField, SelectField, TextField } from "../../components/fields.jsx";
import { Loading, None, PageTitle, useLoad } from "../../components/common.jsx";
import "./admin.css";
import "../../components/responsive-table.css";

const T = {
  ja: {
    title: "アカウント管理",
    intro: "職員・関係機関・監査担当のアカウントを作成し、無効化やパスワードの再設定を行います。",
    create: "アカウントを作成する",
    filters: "絞り込み",
    role: "役割",
    state: "状態",
    all: "すべて",
    enabled: "有効",
    disabled: "無効",
    apply: "表示する",
    count: "{n}件",
    username: "ユーザー名",
    displayName: "表示名",
    scope: "区・所属",
    caption: "アカウントの一覧",
    newTitle: "アカウントの作成",
    usernameHint: "ログインに使う半角英数字の名前です（例：staff.kita2）。あとから変更できません。",
    displayNameHint: "画面に表示される名前です（例：北区 保健師）。",
    roleLegend: "役割",
    wards: "担当する区",
    wardsHint: "おやこ支援担当係長・区の職員は、担当する区を1つ以上選びます。",
    organization: "所属する関係機関",
    organizationHint: "関係機関の職員は、所属する機関を選びます。",
    choose: "選んでください",
    password: "初期パスワード",
    passwordHint: "12文字以上。ユーザー名を含むもの、よく使われるものは使えません。本人に安全な方法で伝え、初回ログイン後に変更してもらいます。",
    submit: "作成する",
    created: "アカウント「{name}」を作成しました。",
    back: "アカウントの一覧へ戻る",
    editTitle: "アカウント：{name}",
    details: "登録内容",
    save: "変更を保存する",
    saved: "保存しました。",
    disable: "このアカウントを無効にする",
    enable: "このアカウントを有効に戻す",
    confirmDisable: "「{name}」を無効にします。ログイン中のセッションもすぐに終了します。よろしいですか。",
    disabledNotice: "このアカウントは無効です。ログインできません。",
    nowDisabled: "アカウントを無効にしました。",
    nowEnabled: "アカウントを有効に戻しました。",
    reset: "パスワードの再設定",
    resetIntro: "新しいパスワードを設定すると、このアカウントのすべてのセッションが終了します。",
    newPassword: "新しいパスワード",
    resetSubmit: "パスワードを再設定する",
    resetDone: "パスワードを再設定しました。",
    createdAt: "作成日",
    open: "開く",
  },
  en: {
    title: "Accounts",
    intro: "Create accounts for staff, partners and auditors; disable them and reset passwords.",
    create: "Create an account",
    filters: "Filters",
    role: "Role",
    state: "State",
    all: "All",
    enabled: "Enabled",
    disabled: "Disabled",
    apply: "Show",
    count: "{n} accounts",
    username: "User name",
    displayName: "Display name",
    scope: "Wards / organization",
    caption: "Accounts",
    newTitle: "New account",
    usernameHint: "The name used to sign in (letters and digits, e.g. staff.kita2). It cannot be changed later.",
    displayNameHint: "The name shown on screens (e.g. Kita ward nurse).",
    roleLegend: "Role",
    wards: "Wards",
    wardsHint: "Coordinators and ward staff need at least one ward.",
    organization: "Organization",
    organizationHint: "Partner staff belong to one organization.",
    choose: "Choose",
    password: "First password",
    passwordHint: "At least 12 characters; not containing the user name, not a common password. Hand it over safely; the user changes it after signing in.",
    submit: "Create",
    created: "The account “{name}” was created.",
    back: "Back to accounts",
    editTitle: "Account: {name}",
    details: "Details",
    save: "Save changes",
    saved: "Saved.",
    disable: "Disable this account",
    enable: "Enable this account again",
    confirmDisable: "Disable “{name}”? Its sessions end at once.",
    disabledNotice: "This account is disabled and cannot sign in.",
    nowDisabled: "The account is disabled.",
    nowEnabled: "The account is enabled again.",
    reset: "Reset the password",
    resetIntro: "Setting a new password ends every session of this account.",
    newPassword: "New password",
    resetSubmit: "Reset the password",
    resetDone: "The password was reset.",
    createdAt: "Created",
    open: "Open",
  },
};

const wardRoles = ["coordinator", "ward_staff"];

/** Names of every organization, for the partner's select (active ones, by name). */
function useOrganizations() {
  return useLoad(() => get("/organizations", { status: "active", per_page: 200 }).then((p) => p.items || []), []);
}

function scopeText(u, orgNames) {
  if (u.organization_id) return orgNames[u.organization_id] || u.organization_id;
  return (u.wards || []).map((w) => label("wards", w)).join("・");
}

export function AdminUsers() {
  const [form, setForm] = useState({ role: "", disabled: "" });
  const [shown, setShown] = useState(form);
  const list = useLoad(() => get("/users", { ...shown, per_page: 200 }), [JSON.stringify(shown)]);
  const orgs = useOrganizations();
  const orgNames = Object.fromEntries((orgs.data || []).map((o) => [o.id, o.name]));
  const set = (k) => (v) => setForm({ ...form, [k]: v });

  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <p class="lead">{tr(T, "intro")}</p>
      <p>
        <a class="button" href="/admin/users/new">
          {tr(T, "create")}
        </a>
      </p>
      <form
        class="filters"
        aria-label={tr(T, "filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setShown(form);
        }}
      >
        <SelectField name="role" label={tr(T, "role")} value={form.role} onInput={set("role")} blank={tr(T, "all")} options={codes("roles").map((c) => [c, label("roles", c)])} />
        <SelectField
          name="disabled"
          label={tr(T, "state")}
          value={form.disabled}
          onInput={set("disabled")}
          blank={tr(T, "all")}
          options={[
            ["false", tr(T, "enabled")],
            ["true", tr(T, "disabled")],
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
                    <th scope="col">{tr(T, "displayName")}</th>
                    <th scope="col">{tr(T, "username")}</th>
                    <th scope="col">{tr(T, "role")}</th>
                    <th scope="col">{tr(T, "scope")}</th>
                    <th scope="col">{tr(T, "state")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">
                        <a href={"/admin/users/" + encodeURIComponent(u.id)}>{u.display_name}</a>
                      </th>
                      <td data-label={tr(T, "username")}>
                        <code>{u.username}</code>
                      </td>
                      <td data-label={tr(T, "role")}>{label("roles", u.role)}</td>
                      <td data-label={tr(T, "scope")}>{scopeText(u, orgNames) || "—"}</td>
                      <td data-label={tr(T, "state")}>
                        {u.disabled ? <span class="badge badge--muted">{tr(T, "disabled")}</span> : <span class="badge badge--ok">{tr(T, "enabled")}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <None />
          )}
        </>
      ) : null}
    </>
  );
}

/** Wards as checkboxes (the server's `wards` field); errors on `wards` or `wards[i]` show here. */
function WardChoices({ value, onInput, errors }) {
  const err = errors && Object.entries(errors.fields).find(([f]) => f === "wards" || f.startsWith("wards["))?.[1];
  return (
    <fieldset class={"field fieldset" + (err ? " field--error" : "")} aria-describedby="f-wards-hint">
      <legend class="field__label" id="f-wards" tabIndex={-1}>
        {tr(T, "wards")}
      </legend>
      <p class="field__hint" id="f-wards-hint">
        {tr(T, "wardsHint")}
      </p>
      {err ? <p class="field__error">{err}</p> : null}
      <div class="choice-grid">
        {codes("wards").map((w) => (
          <CheckboxField
            key={w}
            name={"ward-" + w}
            label={label("wards", w)}
            checked={value.includes(w)}
            onInput={(on) => onInput(on ? [...value, w] : value.filter((x) => x !== w))}
          />
        ))}
      </div>
    </fieldset>
  );
}

function RoleScopeFields({ form, set, errors, orgs }) {
  return (
    <>
      <RadioField
        name="role"
        legend={tr(T, "roleLegend")}
        value={form.role}
        onInput={set("role")}
        error={errors?.fields.role}
        options={codes("roles").map((c) => [c, label("roles", c)])}
      />
      {wardRoles.includes(form.role) ? <WardChoices value={form.wards} onInput={set("wards")} errors={errors} /> : null}
      {form.role === "partner" ? (
        <SelectField
          name="organization_id"
          label={tr(T, "organization")}
          hint={tr(T, "organizationHint")}
          value={form.organization_id}
          onInput={set("organization_id")}
          blank={tr(T, "choose")}
          options={(orgs.data || []).map((o) => [o.id, o.name])}
          error={errors?.fields.organization_id}
        />
      ) : null}
    </>
  );
}

// The body's role-dependent part: wards for ward roles, an organization for partners.
function scopeBody(form) {
  return {
    wards: wardRoles.includes(form.role) ? form.wards : [],
    ...(form.role === "partner" && form.organization_id ? { organization_id: form.organization_id } : {}),
  };
}

export function AdminUserNew() {
  const [form, setForm] = useState({ username: "", display_name: "", role: "ward_staff", wards: [], organization_id: "", password: "" });
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const orgs = useOrganizations();
  const set = (k) => (v) => setForm({ ...form, [k]: v });

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { username: form.username, display_name: form.display_name, role: form.role, password: form.password, ...scopeBody(form) };
      const created = await post("/users", body, { headers: { "Idempotency-Key": key } });
      navigate("/admin/users/" + encodeURIComponent(created.id) + "?created=1");
    } catch (err) {
      setErrors(problemToErrors(err));
      setBusy(false);
    }
  };

  return (
    <div class="narrow-wide">
      <p>
        <a href="/admin/users">{tr(T, "back")}</a>
      </p>
      <PageTitle>{tr(T, "newTitle")}</PageTitle>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} novalidate>
        <TextField name="username" label={tr(T, "username")} hint={tr(T, "usernameHint")} value={form.username} onInput={set("username")} error={errors?.fields.username} required autocomplete="off" autocapitalize="none" spellcheck={false} />
        <TextField name="display_name" label={tr(T, "displayName")} hint={tr(T, "displayNameHint")} value={form.display_name} onInput={set("display_name")} error={errors?.fields.display_name} required />
        <RoleScopeFields form={form} set={set} errors={errors} orgs={orgs} />
        <TextField name="password" type="password" label={tr(T, "password")} hint={tr(T, "passwordHint")} value={form.password} onInput={set("password")} error={errors?.fields.password} required autocomplete="new-password" />
        <button type="submit" class="button" disabled={busy}>
          {tr(T, "submit")}
        </button>
      </form>
    </div>
  );
}

export function AdminUser({ id }) {
  const path = "/users/" + encodeURIComponent(id);
  const loaded = useLoad(() => get(path), [id]);
  const orgs = useOrganizations();
  const [user, setUser] = useState(null);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const [message, setMessage] = useState("");
  const [password, setPassword] = useState("");
  const [pwErrors, setPwErrors] = useState(null);
  const [pwDone, setPwDone] = useState("");
  const justCreated = new URLSearchParams(window.location.search).has("created");

  const show = (u) => {
    setUser(u);
    setForm({ display_name: u.display_name, role: u.role, wards: u.wards || [], organization_id: u.organization_id || "" });
  };
  useEffect(() => {
    if (loaded.data) show(loaded.data);
  }, [loaded.data]);
  if (loaded.error) return <LoadError error={loaded.error} />;
  if (!user || !form) return <Loading />;
  const set = (k) => (v) => setForm({ ...form, [k]: v });

  const change = async (body, done) => {
    setMessage("");
    try {
      const u = await patch(path, body, { ifMatch: user.version });
      show(u);
      setErrors(null);
      setMessage(done);
    } catch (err) {
      setErrors(problemToErrors(err));
    }
  };
  const save = (e) => {
    e.preventDefault();
    const body = { display_name: form.display_name, role: form.role, ...scopeBody(form) };
    if (form.role !== "partner" && user.organization_id) body.organization_id = null;
    change(body, tr(T, "saved"));
  };
  const resetPassword = async (e) => {
    e.preventDefault();
    setPwDone("");
    try {
      const u = await patch(path, { password }, { ifMatch: user.version });
      show(u);
      setPassword("");
      setPwErrors(null);
      setPwDone(tr(T, "resetDone"));
    } catch (err) {
      setPwErrors(problemToErrors(err, { password: "new_password" }));
    }
  };

  return (
    <div class="narrow-wide">
      <p>
        <a href="/admin/users">{tr(T, "back")}</a>
      </p>
      <PageTitle>{tr(T, "editTitle", { name: user.display_name })}</PageTitle>
      {justCreated ? (
        <div class="notice notice--success" role="status">
          <p>{tr(T, "created", { name: user.username })}</p>
        </div>
      ) : null}
      {user.disabled ? (
        <div class="notice">
          <p>{tr(T, "disabledNotice")}</p>
        </div>
      ) : null}
      <dl class="facts">
        <dt>{tr(T, "username")}</dt>
        <dd>
          <code>{user.username}</code>
        </dd>
        <dt>{tr(T, "createdAt")}</dt>
        <dd>{formatDate(user.created_at, true)}</dd>
      </dl>
      <ErrorSummary errors={errors} />
      <p role="status">{message}</p>
      <h2>{tr(T, "details")}</h2>
      <form onSubmit={save} novalidate>
        <TextField name="display_name" label={tr(T, "displayName")} value={form.display_name} onInput={set("display_name")} error={errors?.fields.display_name} required />
        <RoleScopeFields form={form} set={set} errors={errors} orgs={orgs} />
        <button type="submit" class="button">
          {tr(T, "save")}
        </button>
      </form>

      <h2>{tr(T, "reset")}</h2>
      <p>{tr(T, "resetIntro")}</p>
      <ErrorSummary errors={pwErrors} />
      <form onSubmit={resetPassword} novalidate>
        <TextField
          name="new_password"
          type="password"
          label={tr(T, "newPassword")}
          hint={tr(T, "passwordHint")}
          value={password}
          onInput={setPassword}
          error={pwErrors?.fields.new_password}
          autocomplete="new-password"
          required
        />
        <button type="submit" class="button button--secondary">
          {tr(T, "resetSubmit")}
        </button>
        <p role="status">{pwDone}</p>
      </form>

      <h2>{user.disabled ? tr(T, "enable") : tr(T, "disable")}</h2>
      <div class="button-row">
        {user.disabled ? (
          <button type="button" class="button button--secondary" onClick={() => change({ disabled: false }, tr(T, "nowEnabled"))}>
            {tr(T, "enable")}
          </button>
        ) : (
          <button
            type="button"
            class="button button--danger"
            onClick={() => window.confirm(tr(T, "confirmDisable", { name: user.display_name })) && change({ disabled: true }, tr(T, "nowDisabled"))}
          >
            {tr(T, "disable")}
          </button>
        )}
      </div>
    </div>
  );
}
