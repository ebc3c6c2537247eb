// A screen whose code is fetched the first time it is opened (a dynamic import: Vite makes it a
// separate chunk), so the JavaScript every user downloads for the sign-in and home screens stays
// small. While the chunk loads the page says so; once it is drawn, focus goes to its heading, as
// the shell does for every other screen.
import { useEffect, useState } from "preact/hooks";
import { Loading } from "./components/common.jsx";
import { LoadError } from "./components/errors.jsx";

/** lazyScreen(() => import("./screens/x/index.jsx"), "X") → a component for routes.js. */
export function lazyScreen(load, name) {
  let Screen = null;
  let loading = null;
  return function LazyScreen(props) {
    const [state, setState] = useState(Screen ? "ready" : "loading");
    useEffect(() => {
      if (Screen) return undefined;
      let alive = true;
      loading ||= load().then((module) => {
        Screen = module[name];
      });
      loading.then(
        () => alive && setState("ready"),
        (error) => {
          loading = null; // a later visit tries again
          if (alive) setState(error);
        },
      );
      return () => {
        alive = false;
      };
    }, []);
    useEffect(() => {
      if (state === "ready") document.querySelector("main h1")?.focus({ preventScroll: true });
    }, [state]);
    if (state === "ready") return <Screen {...props} />;
    if (state === "loading") return <Loading />;
    return <LoadError error={{ status: 0, problem: { status: 0 } }} />;
  };
}
