// The cookie session's CSRF guard seen from the page: a change without X-CSRF-Token is 403,
// the same request with the token passes the guard (and meets the server's own checks).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, signIn, assertNoConsoleErrors } from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

test("a change without X-CSRF-Token is refused with 403", async () => {
  const page = await openPage(browser);
  await signIn(page, "coord.chuo");
  page.expectErrors(/status of 403/);
  page.expectErrors(/status of 422/);
  const answers = await page.evaluate(async () => {
    const body = JSON.stringify({ case_id: "x" });
    const headers = { "Content-Type": "application/json", "Accept-Language": "ja" };
    const without = await fetch("/api/v1/referrals", { method: "POST", headers, body });
    const withToken = await fetch("/api/v1/referrals", {
      method: "POST",
      headers: { ...headers, "X-CSRF-Token": sessionStorage.getItem("tsunagu.csrf") },
      body,
    });
    const signOut = await fetch("/api/v1/auth/session", { method: "DELETE" });
    const still = await fetch("/api/v1/me");
    return {
      without: without.status,
      code: (await without.json()).code,
      withToken: withToken.status,
      signOut: signOut.status,
      still: still.status,
    };
  });
  assert.equal(answers.without, 403);
  assert.equal(answers.code, "csrf.missing");
  assert.equal(answers.withToken, 422, "with the token the request reaches the referral's checks");
  assert.equal(answers.signOut, 403, "signing out needs the token too");
  assert.equal(answers.still, 200, "the refused sign-out left the session alone");
  assertNoConsoleErrors(page);
  await page.context().close();
});
