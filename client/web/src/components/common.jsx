// Small pieces most screens share: a page heading that takes focus, risk and status badges in
// the reference words, a loading line, and useLoad() for a read that can be repeated.
import { useCallback, useEffect, useState } from "preact/hooks";
import { label, lang, tr } from "../i18n.js";

const T = {
  ja: { loading: "読み込み中…", none: "ありません", urgent: "至急" },
  en: { loading: "Loading…", none: "None", urgent: "Urgent" },
};

export function PageTitle({ children }) {
  return (
    <h1 class="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading() {
  return (
    <p class="muted" role="status">
      {tr(T, "loading")}
    </p>
  );
}

export function None({ children }) {
  return <p class="muted">{children || tr(T, "none")}</p>;
}

/** 特定妊婦 / 虐待認定 / 育児困難 … and the risk level, in the reference words. */
export function RiskBadges({ categories, level }) {
  return (
    <span class="badges">
      {level ? <span class={"badge badge--" + level}>{label("risk_levels", level)}</span> : null}
      {(categories || []).map((c) => (
        <span key={c} class="badge badge--risk">
          {label("risk_categories", c)}
        </span>
      ))}
    </span>
  );
}

export function SectionBadges({ sections }) {
  return (
    <span class="badges">
      {(sections || []).map((s) => (
        <span key={s} class="badge badge--info">
          {label("sections", s)}
        </span>
      ))}
    </span>
  );
}

const statusTone = {
  sent: "info", accepted: "ok", completed: "ok", declined: "risk", withdrawn: "muted",
  expired: "risk", draft: "muted", open: "info", closed: "muted",
};
export function StatusBadge({ status, set = "referral_statuses" }) {
  if (!status) return null;
  return <span class={"badge badge--" + (statusTone[status] || "muted")}>{label(set, status)}</span>;
}

export function UrgentBadge({ urgency }) {
  return urgency === "urgent" ? <span class="badge badge--urgent">{label("urgencies", "urgent") || tr(T, "urgent")}</span> : null;
}

/**
 * One term of a facts list (<dl class="facts">) and what it says, left out when there is nothing
 * to say (null, undefined, "" or false); `class` goes on the <dd>.
 */
export function Fact({ term, class: cls, children }) {
  if (children === null || children === undefined || children === "" || children === false) return null;
  return (
    <>
      <dt>{term}</dt>
      <dd class={cls}>{children}</dd>
    </>
  );
}

/**
 * useLoad(fn, deps) → {data, error, loading, reload}: runs fn() now and whenever deps change;
 * the answer of an older run never overwrites a newer one.
 */
export function useLoad(fn, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error) => current && setState({ data: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, n, lang.value]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { ...state, reload };
}
