// The application shell: start-up (reference words, the session), the header with the user and
// the language switch, the main navigation by role, the session-expiry warning, and the screen
// of the current path. Focus moves to the page's heading on every navigation so screen-reader
// and keyboard users start at the top of the new screen.
import { useEffect, useState } from "preact/hooks";
import { lang, setLang, tr } from "./i18n.js";
import { location, match, navigate } from "./router.js";
import { routes } from "./routes.js";
import { me, referenceError, restoreSession, signOut } from "./session.js";
import { SessionBanner } from "./components/session-banner.jsx";
import { LoadError } from "./components/errors.jsx";

const T = {
  ja: {
    skip: "本文へ移動",
    app: "つなぐ",
    tagline: "札幌市 子ども虐待予防ネットワーク",
    signOut: "ログアウト",
    lang: "English",
    langLabel: "Switch to English",
    nav: "メインメニュー",
    loading: "読み込み中…",
    notFound: "ページが見つかりません",
    notFoundBody: "アドレスを確認するか、メニューから選んでください。",
    footer: "この画面の情報は要配慮個人情報を含みます。閲覧・操作はすべて記録されます。",
  },
  en: {
    skip: "Skip to main content",
    app: "Tsunagu",
    tagline: "Sapporo child-abuse prevention network",
    signOut: "Sign out",
    lang: "日本語",
    langLabel: "日本語に切り替える",
    nav: "Main menu",
    loading: "Loading…",
    notFound: "Page not found",
    notFoundBody: "Check the address or choose from the menu.",
    footer: "This screen holds sensitive personal data. Every view and change is recorded.",
  },
};

function NotFound() {
  return (
    <>
      <h1 class="page-title" tabIndex={-1}>
        {tr(T, "notFound")}
      </h1>
      <p>{tr(T, "notFoundBody")}</p>
    </>
  );
}

function Header() {
  const user = me.value;
  const place =
    user?.organization_name ||
    (user?.ward_names || []).map((w) => (typeof w === "string" ? w : w[lang.value] || w.ja)).join("・");
  return (
    <header class="header">
      <div class="header__inner">
        <a class="header__brand" href="/">
          <span class="header__name">{tr(T, "app")}</span>
          <span class="header__tagline">{tr(T, "tagline")}</span>
        </a>
        <div class="header__tools">
          {user ? (
            <span class="header__user">
              {user.display_name}
              {place ? <span class="header__place">{place}</span> : null}
            </span>
          ) : null}
          <button
            type="button"
            class="button button--ghost button--small"
            lang={lang.value === "ja" ? "en" : "ja"}
            aria-label={tr(T, "langLabel")}
            onClick={() => setLang(lang.value === "ja" ? "en" : "ja")}
          >
            {tr(T, "lang")}
          </button>
          {user ? (
            <button
              type="button"
              class="button button--ghost button--small"
              onClick={async () => {
                await signOut();
                navigate("/signin", { replace: true });
              }}
            >
              {tr(T, "signOut")}
            </button>
          ) : null}
        </div>
      </div>
    </header>
  );
}

function Nav({ path }) {
  const role = me.value?.role;
  const items = routes.filter((r) => r.nav?.includes(role));
  if (items.length < 2) return null;
  return (
    <nav class="nav" aria-label={tr(T, "nav")}>
      <ul class="nav__list">
        {items.map((r) => {
          const current = r.path === "/" ? path === "/" : path.startsWith(r.path);
          return (
            <li key={r.path}>
              <a class="nav__link" href={r.path} aria-current={current ? "page" : undefined}>
                {r.navTitle?.[lang.value] || r.title[lang.value]}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function App() {
  const [ready, setReady] = useState(false);

  useEffect(() => {
    restoreSession().finally(() => setReady(true));
  }, []);

  const path = location.value.path;
  const found = match(routes, path);
  const signedIn = !!me.value;


  // Out of the session (never signed in, signed out, expired): the sign-in screen, which comes
  // back to the page that was asked for.
  useEffect(() => {
    if (!ready || signedIn || (found && found.route.public)) return;
    const back = path === "/" || path === "/signin" ? "" : "?next=" + encodeURIComponent(path + window.location.search);
    navigate("/signin" + back, { replace: true });
  }, [ready, signedIn, path]);

  useEffect(() => {
    const title = found?.route.title?.[lang.value] || tr(T, "notFound");
    document.title = `${title} | ${tr(T, "app")}`;
    document.querySelector("h1")?.focus({ preventScroll: true });
  }, [path, ready, signedIn]);

  if (!ready) {
    return (
      <p class="loading" role="status">
        {tr(T, "loading")}
      </p>
    );
  }
  const Screen = found && (found.route.public || signedIn) ? found.route.component : found ? null : NotFound;
  return (
    <>
      <a class="skip-link" href="#main">
        {tr(T, "skip")}
      </a>
      <Header />
      {signedIn ? <Nav path={path} /> : null}
      {signedIn ? <SessionBanner /> : null}
      <main id="main" class="main" tabIndex={-1}>
        <LoadError error={referenceError.value} />
        {Screen ? <Screen key={path} {...(found?.params || {})} /> : null}
      </main>
      <footer class="footer">
        <p>{tr(T, "footer")}</p>
      </footer>
    </>
  );
}
