// The one place that turns a problem+json (RFC 9457) into what the user reads: an error summary
// at the top of the form that links to each field, and the message beside the field itself.
// The server words the messages (Japanese with Accept-Language: ja); the texts here only cover
// answers without a body (network down, a proxy's 502) and say what to do next.
import { useEffect, useRef } from "preact/hooks";
import { tr } from "../i18n.js";

const T = {
  ja: {
    summary: "入力内容を確認してください",
    problem: "問題が発生しました",
    network: "サーバーに接続できません。通信状況を確認して、もう一度お試しください。",
    401: "ログインの有効期限が切れました。もう一度ログインしてください。",
    403: "この操作を行う権限がありません。",
    404: "見つかりません。削除されたか、閲覧できる範囲にありません。",
    409: "ほかの操作と重なったため、処理できませんでした。画面を読み込み直してください。",
    412: "ほかの人が先に更新しました。最新の内容を読み込んでから、もう一度操作してください。",
    429: "操作が多すぎます。しばらく待ってから、もう一度お試しください。",
    500: "サーバーで問題が発生しました。時間をおいて、もう一度お試しください。",
  },
  en: {
    summary: "Check what you entered",
    problem: "There is a problem",
    network: "Cannot reach the server. Check the connection and try again.",
    401: "Your session has expired. Please sign in again.",
    403: "You are not allowed to do this.",
    404: "Not found: it was removed or is outside what you may see.",
    409: "This clashed with another change. Reload the page.",
    412: "Someone else changed this first. Reload it and try again.",
    429: "Too many attempts. Wait a little and try again.",
    500: "The server had a problem. Try again later.",
  },
};

/** The id of a field's input, shared by the summary's links and the fields. */
export const fieldId = (name) => "f-" + String(name).replace(/[^A-Za-z0-9_.-]/g, "_");

/**
 * problemToErrors(error) → {title, items: [{field?, message}], fields: {name: message}}.
 * Field names are the server's (`consent.obtained_on`, `to`, …); a form may map a server field
 * onto the input that carries it with `aliases` ({"consent": "consent.obtained_on"}).
 */
export function problemToErrors(error, aliases = {}) {
  const status = error?.status ?? error?.problem?.status ?? 0;
  const p = error?.problem || {};
  const generic = status === 0 ? tr(T, "network") : T.ja[status] ? tr(T, String(status)) : null;
  const fields = {};
  const items = [];
  for (const fe of Array.isArray(p.errors) ? p.errors : []) {
    const name = aliases[fe.field] ?? fe.field;
    const message = fe.message || fe.detail || p.detail || p.title;
    if (name) {
      if (!fields[name]) fields[name] = message;
      items.push({ field: name, message });
    } else items.push({ message });
  }
  if (!items.length) {
    const message =
      status === 0 || status >= 500 || (!p.detail && !p.title) ? generic || tr(T, "problem")
      : p.detail || p.title;
    items.push({ message });
  }
  const title = items.some((i) => i.field) ? tr(T, "summary") : p.title && status < 500 && status ? p.title : tr(T, "problem");
  return { status, code: p.code, title, items, fields };
}

/**
 * The same errors for a form whose inputs are named `prefix + field` (several forms on one page,
 * e.g. a case's contact and assessment forms, each with a `note`), so ids never clash.
 */
export function prefixErrors(errors, prefix) {
  if (!errors) return errors;
  const fields = {};
  for (const [k, v] of Object.entries(errors.fields)) fields[prefix + k] = v;
  const items = errors.items.map((i) => (i.field ? { ...i, field: prefix + i.field } : i));
  return { ...errors, fields, items };
}

// The visible label of a field (its <label> or its fieldset's legend), so a summary line says
// which field it is about even when the server's message does not.
function fieldLabel(field) {
  const el = document.getElementById(fieldId(field));
  const box = el?.closest(".field, .fieldset");
  const lab = box?.querySelector(":scope > .field__label, :scope > legend");
  return lab ? lab.firstChild?.textContent?.trim() || "" : "";
}

/** GOV.UK-style error summary: focused when it appears, each item links to its field. */
export function ErrorSummary({ errors, id = "error-summary-title" }) {
  const ref = useRef(null);
  useEffect(() => {
    if (errors) ref.current?.focus();
  }, [errors]);
  if (!errors) return null;
  const go = (e, field) => {
    const el = document.getElementById(fieldId(field));
    if (el) {
      e.preventDefault();
      el.focus();
      el.scrollIntoView({ block: "center" });
    }
  };
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={id}>
      <h2 id={id} class="error-summary__title">{errors.title}</h2>
      <ul class="error-summary__list">
        {errors.items.map((item, i) => (
          <li key={i}>
            {item.field ? (
              <a href={"#" + fieldId(item.field)} onClick={(e) => go(e, item.field)}>
                {fieldLabel(item.field) ? `${fieldLabel(item.field)}：` : ""}
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A whole-page error (a list or a record that could not be read). `labels` names the page's own
 * inputs by the server's field names ({section: "担当"}), for a refused query parameter.
 */
export function LoadError({ error, labels = {} }) {
  if (!error) return null;
  const e = problemToErrors(error);
  return (
    <div class="notice notice--error" role="alert">
      <p class="notice__title">{e.title}</p>
      {e.items.map((i, k) => (
        <p key={k}>
          {labels[i.field] ? `${labels[i.field]}：` : ""}
          {i.message}
        </p>
      ))}
    </div>
  );
}
