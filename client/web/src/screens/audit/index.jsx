// The auditor's screen: "who saw this household" — the audit log searched by a case's own number
// and ward (case_ref=&ward=, without showing the case's content), by actor, case id, organization
// and period, page by page (GET /api/v1/audit) — and the check that the hash chain is unbroken
// (GET /api/v1/audit/verify). Searching is itself recorded by the server.
import { useState } from "preact/hooks";
import { get } from "../../api.js";
import { codes, formatDate, label, lang, tr } from "../../i18n.js";
import { ErrorSummary, problemToErrors } from "../../components/errors.jsx";
import { SelectField, TextField } from "../../components/fields.jsx";
import { Loading, None, PageTitle } from "../../components/common.jsx";
import "../admin-users/admin.css";
import "../../components/responsive-table.css";

const T = {
  ja: {
    title: "監査ログ",
    intro: "「誰が、いつ、どの記録を見たか・変えたか」を調べます。検索した操作も記録されます。",
    household: "世帯の記録を見た人を調べる",
    householdHint: "区のケース番号と区を指定すると、その世帯の記録への操作だけを表示します（ケースの内容は表示されません）。",
    case_ref: "ケース番号",
    caseRefHint: "例：中央-2026-0012",
    ward: "区",
    choose: "選んでください",
    other: "そのほかの条件",
    actor: "操作した人",
    actorHint: "ユーザー名（例：staff.chuo）またはユーザーID",
    case_id: "ケースID",
    organization_id: "関係機関ID",
    from: "期間（開始日）",
    to: "期間（終了日）",
    search: "検索する",
    clear: "条件をクリア",
    results: "検索結果",
    count: "{n}件",
    none: "条件に合う記録はありません。",
    at: "日時",
    who: "操作した人",
    action: "操作",
    target: "対象",
    source: "送信元",
    caption: "監査ログの検索結果（新しい順）",
    prev: "前のページ",
    next: "次のページ",
    pageOf: "{page} / {pages}ページ",
    system: "システム",
    verify: "改ざんの検証",
    verifyIntro: "監査ログは1件ごとに前の記録のハッシュを含む「ハッシュチェーン」で保存されています。すべての記録をたどり、途中で書き換えや削除がないかを確かめます。",
    verifyButton: "ハッシュチェーンを検証する",
    verifying: "検証しています…",
    ok: "改ざんは見つかりませんでした（{n}件を検証）。",
    broken: "第{seq}件で不整合が見つかりました：{reason}（検証した件数 {n}件）。システム管理者と個人情報保護の担当者に直ちに連絡してください。",
    checkedAt: "{time} に検証",
    seq: "番号",
    request: "要求ID",
    listed: "一覧の1ページに表示した紹介 {n}件",
    listedRow: "紹介 {id}（ケースID {case}）",
  },
  en: {
    title: "Audit log",
    intro: "Find who saw or changed which record, and when. Searching is recorded too.",
    household: "Who saw a household's record",
    householdHint: "Give the ward's case number and the ward to see only the entries about that household (the case's content is not shown).",
    case_ref: "Case number",
    caseRefHint: "e.g. 中央-2026-0012",
    ward: "Ward",
    choose: "Choose",
    other: "Other filters",
    actor: "Actor",
    actorHint: "User name (e.g. staff.chuo) or user id",
    case_id: "Case id",
    organization_id: "Organization id",
    from: "From",
    to: "To",
    search: "Search",
    clear: "Clear",
    results: "Results",
    count: "{n} entries",
    none: "No entries match.",
    at: "When",
    who: "Who",
    action: "Action",
    target: "Record",
    source: "From",
    caption: "Audit entries (newest first)",
    prev: "Previous page",
    next: "Next page",
    pageOf: "Page {page} of {pages}",
    system: "System",
    verify: "Tamper check",
    verifyIntro: "Each audit entry holds the hash of the one before it. The check walks the whole chain and reports the first entry that was changed or removed.",
    verifyButton: "Verify the hash chain",
    verifying: "Verifying…",
    ok: "No tampering found ({n} entries checked).",
    broken: "Broken at entry {seq}: {reason} ({n} entries checked). Tell the administrator and the privacy officer at once.",
    checkedAt: "checked at {time}",
    seq: "No.",
    request: "Request id",
    listed: "{n} referrals shown on one list page",
    listedRow: "Referral {id} (case id {case})",
  },
};

const PER_PAGE = 50;

// The audit log's action codes in words. They are the server's own names (not a reference word
// set); a code not listed here is shown as it is.
const ACTIONS = {
  ja: {
    "auth.login": "ログイン", "auth.login_failed": "ログイン失敗", "auth.logout": "ログアウト",
    "user.create": "アカウント作成", "user.update": "アカウント変更", "user.password_change": "パスワード変更",
    "audit.search": "監査ログの検索", "audit.verify": "監査ログの検証",
    "case.create": "ケース登録", "case.read": "ケース閲覧", "case.list": "ケース一覧の閲覧", "case.update": "ケース更新",
    "case.close": "ケース終結", "case.events": "ケース履歴の閲覧",
    "referral.create": "紹介の作成", "referral.read": "紹介の閲覧", "referral.list": "紹介一覧の閲覧",
    "referral.transition": "紹介の状態変更", "referral.events": "紹介履歴の閲覧", "referral.expire": "紹介の期限切れ",
    "meeting.create": "会議の登録", "meeting.read": "会議の閲覧", "meeting.update": "会議の更新",
    "meeting.decision": "決定事項の記録", "meeting.suggested_agenda": "提案議題の閲覧",
    "action_item.create": "アクションの登録", "action_item.update": "アクションの更新",
    "organization.create": "関係機関の登録", "organization.update": "関係機関の更新", "organization.archive": "関係機関のアーカイブ",
    "capacity.update": "受入状況の更新", "service.create": "サービスの登録", "service.update": "サービスの更新",
    "service.archive": "サービスのアーカイブ", "calendar_link.issue": "カレンダー連携の発行", "calendar_link.revoke": "カレンダー連携の停止",
  },
};
const actionName = (code) => ACTIONS[lang.value]?.[code];
const empty = { case_ref: "", ward: "", actor: "", case_id: "", organization_id: "", from: "", to: "" };

function Verify() {
  const [state, setState] = useState({ busy: false, result: null, errors: null, at: null });
  const run = async () => {
    setState({ busy: true, result: null, errors: null, at: null });
    try {
      const result = await get("/audit/verify");
      setState({ busy: false, result, errors: null, at: new Date().toISOString() });
    } catch (e) {
      setState({ busy: false, result: null, errors: problemToErrors(e), at: null });
    }
  };
  const r = state.result;
  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">{tr(T, "verify")}</h2>
      <p>{tr(T, "verifyIntro")}</p>
      <button type="button" class="button button--secondary" disabled={state.busy} onClick={run}>
        {state.busy ? tr(T, "verifying") : tr(T, "verifyButton")}
      </button>
      <div aria-live="polite" class="verify-result">
        <ErrorSummary errors={state.errors} />
        {r ? (
          <div class={"notice " + (r.ok ? "notice--success" : "notice--error")}>
            <p class="notice__title">
              {r.ok ? tr(T, "ok", { n: r.entries }) : tr(T, "broken", { seq: r.broken_at, reason: r.reason, n: r.entries })}
            </p>
            <p class="small">{tr(T, "checkedAt", { time: formatDate(state.at, true) })}</p>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function target(e) {
  const parts = [e.resource_type, e.resource_id].filter(Boolean).join(" ");
  return parts || "—";
}

/** The rows of a list page an entry records (the server's `listed` text), or []. */
function listedRows(e) {
  if (!e.listed) return [];
  try {
    const rows = JSON.parse(e.listed);
    return Array.isArray(rows) ? rows : [];
  } catch {
    return [];
  }
}

/** The case an entry is about: its own id when it is a case, else the case it names. */
const caseOf = (e) => (e.resource_type === "case" ? e.resource_id : e.case_id);

export function Audit() {
  const [form, setForm] = useState(empty);
  const [search, setSearch] = useState(null);
  const [page, setPage] = useState(null);
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (v) => setForm({ ...form, [k]: v });

  const load = async (criteria, n) => {
    setBusy(true);
    try {
      const data = await get("/audit", { ...criteria, page: n, per_page: PER_PAGE });
      setSearch(criteria);
      setPage(data);
      setErrors(null);
    } catch (e) {
      setErrors(problemToErrors(e));
      setPage(null);
    } finally {
      setBusy(false);
    }
  };
  const pages = page ? Math.max(1, Math.ceil(page.total / PER_PAGE)) : 1;

  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <p class="lead">{tr(T, "intro")}</p>
      <ErrorSummary errors={errors} />
      <form
        role="search"
        aria-label={tr(T, "title")}
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          load(form, 1);
        }}
      >
        <fieldset class="fieldset">
          <legend class="field__label">
            <h2 class="legend-heading">{tr(T, "household")}</h2>
          </legend>
          <p class="field__hint">{tr(T, "householdHint")}</p>
          <div class="filters">
            <TextField name="case_ref" label={tr(T, "case_ref")} hint={tr(T, "caseRefHint")} value={form.case_ref} onInput={set("case_ref")} error={errors?.fields.case_ref} />
            <SelectField
              name="ward"
              label={tr(T, "ward")}
              value={form.ward}
              onInput={set("ward")}
              blank={tr(T, "choose")}
              options={codes("wards").map((w) => [w, label("wards", w)])}
              error={errors?.fields.ward}
            />
          </div>
        </fieldset>
        <fieldset class="fieldset">
          <legend class="field__label">
            <h2 class="legend-heading">{tr(T, "other")}</h2>
          </legend>
          <div class="filters">
            <TextField name="actor" label={tr(T, "actor")} hint={tr(T, "actorHint")} value={form.actor} onInput={set("actor")} error={errors?.fields.actor} autocapitalize="none" spellcheck={false} />
            <TextField name="case_id" label={tr(T, "case_id")} value={form.case_id} onInput={set("case_id")} error={errors?.fields.case_id} spellcheck={false} />
            <TextField name="organization_id" label={tr(T, "organization_id")} value={form.organization_id} onInput={set("organization_id")} error={errors?.fields.organization_id} spellcheck={false} />
            <TextField name="from" type="date" label={tr(T, "from")} value={form.from} onInput={set("from")} error={errors?.fields.from} />
            <TextField name="to" type="date" label={tr(T, "to")} value={form.to} onInput={set("to")} error={errors?.fields.to} />
          </div>
        </fieldset>
        <div class="button-row">
          <button type="submit" class="button" disabled={busy}>
            {tr(T, "search")}
          </button>
          <button
            type="button"
            class="button button--ghost"
            onClick={() => {
              setForm(empty);
              setErrors(null);
            }}
          >
            {tr(T, "clear")}
          </button>
        </div>
      </form>

      <section aria-labelledby="audit-results" aria-busy={busy ? "true" : "false"}>
        {page || busy ? <h2 id="audit-results">{tr(T, "results")}</h2> : <h2 id="audit-results" class="visually-hidden">{tr(T, "results")}</h2>}
        {busy && !page ? <Loading /> : null}
        {page ? (
          <>
            <p class="muted" aria-live="polite">
              {tr(T, "count", { n: page.total })}
            </p>
            {page.items.length ? (
              <div class="table-wrap">
                <table class="table responsive-table audit-table">
                  <caption class="visually-hidden">{tr(T, "caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{tr(T, "at")}</th>
                      <th scope="col">{tr(T, "who")}</th>
                      <th scope="col">{tr(T, "action")}</th>
                      <th scope="col">{tr(T, "target")}</th>
                      <th scope="col">{tr(T, "source")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((e) => (
                      <tr key={e.seq} data-case={caseOf(e) || undefined} data-listed={e.listed ? listedRows(e).map((r) => r.case_id).join(" ") : undefined}>
                        <th scope="row">
                          <span class="small muted">
                            {tr(T, "seq")} {e.seq}
                          </span>
                          <br />
                          {formatDate(e.at, true)}
                        </th>
                        <td data-label={tr(T, "who")}>
                          {e.actor ? (
                            <>
                              <span class="mono">{e.actor.username || e.actor.id}</span>
                              {e.actor.role ? <span class="small muted">（{label("roles", e.actor.role)}）</span> : null}
                            </>
                          ) : (
                            tr(T, "system")
                          )}
                        </td>
                        <td data-label={tr(T, "action")}>
                          {actionName(e.action) ? <span class="audit-action">{actionName(e.action)}</span> : null}
                          <span class="mono small">{e.action}</span>
                        </td>
                        <td data-label={tr(T, "target")}>
                          <span class="mono">{target(e)}</span>
                          {e.case_id && e.case_id !== e.resource_id ? (
                            <span class="small audit-detail">
                              {tr(T, "case_id")} <span class="mono audit-case">{e.case_id}</span>
                            </span>
                          ) : null}
                          {e.detail ? <span class="small muted audit-detail">{e.detail}</span> : null}
                          {e.listed ? (
                            <details class="small audit-detail audit-listed">
                              <summary>{tr(T, "listed", { n: listedRows(e).length })}</summary>
                              <ul>
                                {listedRows(e).map((row) => (
                                  <li key={row.id} class="mono">
                                    {tr(T, "listedRow", { id: row.id, case: row.case_id })}
                                  </li>
                                ))}
                              </ul>
                            </details>
                          ) : null}
                        </td>
                        <td data-label={tr(T, "source")}>
                          <span class="mono">{e.source_address || "—"}</span>
                          {e.request_id ? (
                            <span class="small muted audit-detail">
                              {tr(T, "request")} <span class="mono">{e.request_id}</span>
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <None>{tr(T, "none")}</None>
            )}
            {pages > 1 ? (
              <nav class="pager" aria-label={tr(T, "pageOf", { page: page.page, pages })}>
                <button type="button" class="button button--secondary button--small" disabled={busy || page.page <= 1} onClick={() => load(search, page.page - 1)}>
                  {tr(T, "prev")}
                </button>
                <span>{tr(T, "pageOf", { page: page.page, pages })}</span>
                <button type="button" class="button button--secondary button--small" disabled={busy || page.page >= pages} onClick={() => load(search, page.page + 1)}>
                  {tr(T, "next")}
                </button>
              </nav>
            ) : null}
          </>
        ) : null}
      </section>

      <Verify />
    </>
  );
}
