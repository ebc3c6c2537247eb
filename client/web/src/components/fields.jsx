// Form fields in the GOV.UK pattern: a visible label on every field, an optional hint, and the
// server's message for the field between the label and the input, tied to it with
// aria-describedby. Ids come from fieldId() so the error summary can link to them.
import { fieldId } from "./errors.jsx";
import { tr } from "../i18n.js";

const T = { ja: { required: "必須", cancel: "やめる" }, en: { required: "required", cancel: "Cancel" } };

function describe(name, hint, error) {
  const ids = [];
  if (hint) ids.push(fieldId(name) + "-hint");
  if (error) ids.push(fieldId(name) + "-error");
  return ids.length ? ids.join(" ") : undefined;
}

function Wrap({ name, label, hint, error, children, required }) {
  return (
    <div class={"field" + (error ? " field--error" : "")}>
      <label class="field__label" for={fieldId(name)}>
        {label}
        {required ? <span class="field__required">{tr(T, "required")}</span> : null}
      </label>
      {hint ? (
        <p class="field__hint" id={fieldId(name) + "-hint"}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={fieldId(name) + "-error"}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField({ name, label, hint, error, value, onInput, type = "text", required, ...rest }) {
  return (
    <Wrap name={name} label={label} hint={hint} error={error} required={required}>
      <input
        id={fieldId(name)}
        name={name}
        type={type}
        class="input"
        value={value ?? ""}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-describedby={describe(name, hint, error)}
        aria-invalid={error ? "true" : undefined}
        {...rest}
      />
    </Wrap>
  );
}

export function TextArea({ name, label, hint, error, value, onInput, rows = 4, required, ...rest }) {
  return (
    <Wrap name={name} label={label} hint={hint} error={error} required={required}>
      <textarea
        id={fieldId(name)}
        name={name}
        class="input textarea"
        rows={rows}
        value={value ?? ""}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-describedby={describe(name, hint, error)}
        aria-invalid={error ? "true" : undefined}
        {...rest}
      />
    </Wrap>
  );
}

/** options: [[value, text], …]; `blank` adds a first empty choice with that text. */
export function SelectField({ name, label, hint, error, value, onInput, options, blank, required, ...rest }) {
  return (
    <Wrap name={name} label={label} hint={hint} error={error} required={required}>
      <select
        id={fieldId(name)}
        name={name}
        class="input select"
        value={value ?? ""}
        onChange={(e) => onInput(e.currentTarget.value)}
        aria-describedby={describe(name, hint, error)}
        aria-invalid={error ? "true" : undefined}
        {...rest}
      >
        {blank !== undefined ? <option value="">{blank}</option> : null}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function CheckboxField({ name, label, hint, error, checked, onInput }) {
  return (
    <div class={"field field--checkbox" + (error ? " field--error" : "")}>
      {error ? (
        <p class="field__error" id={fieldId(name) + "-error"}>
          {error}
        </p>
      ) : null}
      <input
        id={fieldId(name)}
        name={name}
        type="checkbox"
        class="checkbox"
        checked={!!checked}
        onChange={(e) => onInput(e.currentTarget.checked)}
        aria-describedby={describe(name, hint, error)}
        aria-invalid={error ? "true" : undefined}
      />
      <label class="checkbox__label" for={fieldId(name)}>
        {label}
      </label>
      {hint ? (
        <p class="field__hint" id={fieldId(name) + "-hint"}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A group of radio buttons in a fieldset; `name` is the server's field. */
export function RadioField({ name, legend, hint, error, value, onInput, options }) {
  return (
    <fieldset class={"field fieldset" + (error ? " field--error" : "")} aria-describedby={describe(name, hint, error)}>
      <legend class="field__label">{legend}</legend>
      {hint ? (
        <p class="field__hint" id={fieldId(name) + "-hint"}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={fieldId(name) + "-error"}>
          {error}
        </p>
      ) : null}
      {options.map(([v, text], i) => (
        <div class="radio" key={v}>
          <input
            type="radio"
            class="radio__input"
            id={i === 0 ? fieldId(name) : fieldId(name) + "-" + v}
            name={name}
            value={v}
            checked={value === v}
            onChange={() => onInput(v)}
          />
          <label class="radio__label" for={i === 0 ? fieldId(name) : fieldId(name) + "-" + v}>
            {text}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * The last row of a form opened in place: the submit button (children: its text; `danger` for a
 * step that refuses or withdraws) and やめる, which calls onCancel.
 */
export function FormButtons({ disabled, danger = false, onCancel, children }) {
  return (
    <div class="button-row">
      <button type="submit" class={"button" + (danger ? " button--danger" : "")} disabled={disabled}>
        {children}
      </button>
      <button type="button" class="button button--secondary" onClick={onCancel}>
        {tr(T, "cancel")}
      </button>
    </div>
  );
}
