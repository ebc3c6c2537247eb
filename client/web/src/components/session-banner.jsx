// Warns before the session expires: from a few minutes ahead a banner says when it ends and
// offers to continue (one request resets the server's idle clock). Once the time has passed
// the shell returns to the sign-in screen with a note, rather than failing the next save.
import { useEffect, useState } from "preact/hooks";
import { formatTime, tr } from "../i18n.js";
import { sessionEnd, extendSession, expireSession, endIsAbsolute } from "../session.js";

const WARN_MS = 5 * 60 * 1000;

const T = {
  ja: {
    soon: "まもなくログインの有効期限が切れます（{time}まで）。作業を続ける場合は「ログインを延長」を押してください。",
    soonAbsolute: "ログインの有効期限は{time}までです。保存していない内容があれば、先に保存してください。",
    extend: "ログインを延長",
  },
  en: {
    soon: "Your session ends soon (at {time}). To keep working, choose “Stay signed in”.",
    soonAbsolute: "Your session ends at {time}. Save any unsaved work now.",
    extend: "Stay signed in",
  },
};

export function SessionBanner() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 10000);
    return () => clearInterval(id);
  }, []);
  const end = sessionEnd.value;
  useEffect(() => {
    if (end && now >= end) expireSession();
  }, [now, end]);
  if (!end || end - now > WARN_MS || now >= end) return null;
  // Near the absolute limit a request does not help; only saving does.
  const absolute = endIsAbsolute.value;
  return (
    <div class="session-banner" role="alert">
      <p>{tr(T, absolute ? "soonAbsolute" : "soon", { time: formatTime(end) })}</p>
      {absolute ? null : (
        <button type="button" class="button button--small" onClick={() => extendSession().then(() => setNow(Date.now()))}>
          {tr(T, "extend")}
        </button>
      )}
    </div>
  );
}
