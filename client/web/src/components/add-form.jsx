// Adding a record from within a section of a page (the case page's contacts, assessments and
// transfer request): a button opens the form in its place; cancelling closes the form and puts
// focus back on the button; saving closes it and shows a success notice that takes focus. The form
// itself creates the record with useCreate().
import { useEffect, useRef, useState } from "preact/hooks";
import { post, submissionKeys } from "../api.js";
import { prefixErrors, problemToErrors } from "./errors.jsx";

/**
 * useFormToggle() → the state behind <OpenFormButton> and <SuccessNotice>: `open`, `notice`;
 * `cancel()` closes the form (focus back on the button), `saved(notice)` closes it and shows
 * `notice` (any value; <SuccessNotice> turns it into words), `setNotice(notice)` shows one without
 * the form (after another step in the same section).
 */
export function useFormToggle() {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState(null);
  const buttonRef = useRef(null);
  const noticeRef = useRef(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  return {
    open,
    notice,
    setNotice,
    buttonRef,
    noticeRef,
    start() {
      setNotice(null);
      setOpen(true);
    },
    cancel() {
      setOpen(false);
      requestAnimationFrame(() => buttonRef.current?.focus());
    },
    saved(x) {
      setOpen(false);
      setNotice(x);
    },
  };
}

/** The button that opens the form (children: its text); nothing while the form is open. */
export function OpenFormButton({ toggle, children }) {
  if (toggle.open) return null;
  return (
    <p>
      <button type="button" class="button button--secondary" ref={toggle.buttonRef} onClick={toggle.start}>
        {children}
      </button>
    </p>
  );
}

/**
 * The success notice (role=status, focused when it appears) while the toggle holds one;
 * children: a function from the notice to its words (the notice itself by default).
 */
export function SuccessNotice({ toggle, children = (x) => x }) {
  if (!toggle.notice) return null;
  return (
    <div class="notice notice--success" role="status" tabIndex={-1} ref={toggle.noticeRef}>
      <p>{children(toggle.notice)}</p>
    </div>
  );
}

/**
 * useCreate(prefix) → {errors, busy, create(path, body, onSaved)}: a form's POST that creates a
 * record with an Idempotency-Key. The key is kept while the body stays the same, so a retry after
 * a lost answer is not recorded twice, and a new one is drawn once saved. The server's problem
 * lands in `errors`, its fields named `prefix + field` (see prefixErrors).
 */
export function useCreate(prefix) {
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);
  const keys = useRef(submissionKeys());
  const create = async (path, body, onSaved) => {
    setBusy(true);
    try {
      const saved = await post(path, body, { idempotencyKey: keys.current.for(body) });
      keys.current.done();
      onSaved(saved);
    } catch (err) {
      setErrors(prefixErrors(problemToErrors(err), prefix));
      setBusy(false);
    }
  };
  return { errors, busy, create };
}
