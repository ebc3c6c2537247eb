// Sign-in: user name and password into a cookie session. The server's answer (wrong password,
// locked out, missing field) is shown in the summary and beside the field it names.
import { useState } from "preact/hooks";
import { tr } from "../../i18n.js";
import { navigate, location } from "../../router.js";
import { signIn, signInReason } from "../../session.js";
import { ErrorSummary, problemToErrors } from "../../components/errors.jsx";
import { TextField } from "../../components/fields.jsx";

const T = {
  ja: {
    title: "ログイン",
    intro: "つなぐは、札幌市の子ども家庭センターと関係機関が、支援の必要な家庭を切れ目なくつなぐための業務システムです。",
    username: "ユーザー名",
    password: "パスワード",
    submit: "ログイン",
    busy: "確認しています…",
    expired: "ログインの有効期限が切れました。もう一度ログインしてください。",
    signed_out: "ログアウトしました。",
  },
  en: {
    title: "Sign in",
    intro: "Tsunagu lets Sapporo's family centres and their partners connect families who need support, without gaps.",
    username: "User name",
    password: "Password",
    submit: "Sign in",
    busy: "Checking…",
    expired: "Your session has expired. Please sign in again.",
    signed_out: "You have signed out.",
  },
};

export function SignIn() {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    try {
      await signIn(username, password);
      const next = location.value.search.get("next");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
    } catch (err) {
      setErrors(problemToErrors(err));
      setBusy(false);
    }
  };

  const reason = signInReason.value;
  return (
    <div class="narrow">
      <h1 class="page-title" tabIndex={-1}>
        {tr(T, "title")}
      </h1>
      {reason ? (
        <div class="notice" role="status">
          <p>{tr(T, reason)}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <p class="lead">{tr(T, "intro")}</p>
      <form onSubmit={submit} novalidate>
        <TextField
          name="username"
          label={tr(T, "username")}
          value={username}
          onInput={setUsername}
          error={errors?.fields.username}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
        />
        <TextField
          name="password"
          type="password"
          label={tr(T, "password")}
          value={password}
          onInput={setPassword}
          error={errors?.fields.password}
          autocomplete="current-password"
        />
        <button type="submit" class="button" disabled={busy}>
          {busy ? tr(T, "busy") : tr(T, "submit")}
        </button>
      </form>
    </div>
  );
}
