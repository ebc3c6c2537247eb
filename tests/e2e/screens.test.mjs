// The main screens of ward staff and partners, each at desktop and phone width: drawn from the
// demo data, accessible (axe-core: no serious or critical violations), screenshots saved; the
// keyboard reaches the main menu; the session's end is announced before it comes; signing out.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, signIn, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE } from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

// A drawn screen: accessible, its screenshot saved, nothing wider than the screen (no sideways
// scrolling on a phone), no console errors; then its page is closed.
async function checkScreen(page, name) {
  await page.waitForLoadState("networkidle");
  await assertAccessible(page, name);
  await screenshot(page, name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px`);
  assertNoConsoleErrors(page);
  await page.context().close();
}

const screens = [
  ["coord.chuo", "/cases", "cases", async (p) => p.getByRole("link", { name: /中央-2026-0012/ }).waitFor()],
  ["coord.chuo", "/cases?q=M.S.", "cases-search", async (p) => {
    await p.getByRole("link", { name: /中央-2026-0019/ }).waitFor();
    assert.equal(await p.getByRole("link", { name: /中央-2026-0012/ }).count(), 0);
  }],
  ["partner.night", "/inbox", "inbox", async (p) => p.getByRole("link", { name: /新着/ }).waitFor()],
  ["partner.night", "/my-organization", "my-organization", async (p) => p.getByRole("heading", { name: "受付時間（毎週）" }).waitFor()],
];

for (const [user, path, name, ready] of screens) {
  for (const viewport of [DESKTOP, PHONE]) {
    test(`${name} at ${viewport.width}px`, async () => {
      const page = await openPage(browser, viewport);
      await signIn(page, user, { next: path });
      await ready(page);
      await checkScreen(page, name);
    });
  }
}

// Pages of one record at both widths, the record found through the API with the page's session:
// a case and its referral form (a referral, as the ward and the partner see it, is taken at both
// widths by referral.test.mjs, which makes one).
async function apiFirst(page, path) {
  const res = await page.request.get(base + "/api/v1" + path);
  assert.equal(res.status(), 200, path);
  const first = (await res.json()).items[0];
  assert.ok(first, "the demo data has one: " + path);
  return first;
}
const caseOf = (p) => apiFirst(p, "/cases?q=" + encodeURIComponent("中央-2026-0012"));
const records = [
  ["coord.chuo", "case-page", async (p) => `/cases/${(await caseOf(p)).id}`, (p) => p.getByRole("heading", { name: "サポートプラン" })],
  ["coord.chuo", "referral-form", async (p) => `/cases/${(await caseOf(p)).id}/refer`, (p) => p.getByRole("button", { name: "この条件で探す" })],
];
for (const [user, name, pathOf, ready] of records) {
  for (const viewport of [DESKTOP, PHONE]) {
    test(`${name} at ${viewport.width}px`, async () => {
      const page = await openPage(browser, viewport);
      await signIn(page, user);
      await page.goto(base + (await pathOf(page)));
      await ready(page).waitFor();
      await checkScreen(page, name);
    });
  }
}

// The case numbers the list shows, in order.
const shownRefs = (page) => page.locator("main .cards .card__title a").evaluateAll((as) => as.map((a) => a.textContent.split("　")[0]));
// The case numbers the server answers for a query, in order (the page's cookie session).
async function serverRefs(page, query) {
  const res = await page.request.get(base + "/api/v1/cases?" + query);
  assert.equal(res.status(), 200, query);
  return (await res.json()).items.map((c) => c.case_ref);
}
// Waits until the list shows these case numbers (the answer to the last query: the one before
// may still be on the screen for a moment), then checks it.
async function expectList(page, expected) {
  const selector = "main .cards .card__title a";
  await page
    .waitForFunction(
      ([sel, want]) => JSON.stringify([...document.querySelectorAll(sel)].map((a) => a.textContent.split("　")[0])) === want,
      [selector, JSON.stringify(expected)],
      { timeout: 10000 },
    )
    .catch(() => {});
  assert.deepEqual(await shownRefs(page), expected);
}
// Waits for the list of a URL to be drawn (its count line names the number of cases).
async function listDrawn(page, re) {
  await page.waitForURL(re);
  await page.locator("main p[role=status]", { hasText: /件/ }).waitFor();
  await page.waitForLoadState("networkidle");
}

test("the cases' filters go to the server, stay in the URL and page with the server", async () => {
  const page = await openPage(browser, DESKTOP);
  await signIn(page, "coord.chuo", { next: "/cases" });
  await page.getByRole("link", { name: /中央-2026-0012/ }).waitFor();
  await expectList(page, await serverRefs(page, "status=open"));

  // Risk category and section from the form: the URL holds them and the list is the server's.
  await page.getByLabel("リスク区分").selectOption("specified_pregnancy");
  await page.getByLabel("担当", { exact: true }).selectOption("maternal_child_health");
  await page.getByRole("button", { name: "検索" }).click();
  await listDrawn(page, /risk_category=specified_pregnancy/);
  const pregnant = await serverRefs(page, "status=open&risk_category=specified_pregnancy&section=maternal_child_health");
  assert.ok(pregnant.length >= 2 && !pregnant.includes("中央-2026-0012"), pregnant.join());
  await expectList(page, pregnant);
  assert.match(new URL(page.url()).search, /section=maternal_child_health/);
  await screenshot(page, "cases-filtered");

  // The lead: "me" is coord.chuo, the lead of one case.
  await page.getByLabel("リスク区分").selectOption("");
  await page.getByLabel("担当", { exact: true }).selectOption("");
  await page.getByLabel("主担当").selectOption("me");
  await page.getByRole("button", { name: "検索" }).click();
  await listDrawn(page, /lead=me/);
  const mine = await serverRefs(page, "status=open&lead=me");
  assert.ok(mine.length >= 1 && mine.length < (await serverRefs(page, "status=open")).length, mine.join());
  await expectList(page, mine);

  // Back: the previous filters, in the form and in the list; a reload keeps them.
  await page.goBack();
  await listDrawn(page, /risk_category=specified_pregnancy/);
  await expectList(page, pregnant);
  assert.equal(await page.getByLabel("リスク区分").inputValue(), "specified_pregnancy");
  await page.reload();
  await listDrawn(page, /risk_category=specified_pregnancy/);
  await expectList(page, pregnant);
  assert.equal(await page.getByLabel("担当", { exact: true }).inputValue(), "maternal_child_health");

  // Full-width digits find the case number (the server folds the width).
  await page.goto(base + "/cases");
  await page.getByLabel("ケース番号・世帯の呼び名で探す").fill("００１９");
  await page.getByRole("button", { name: "検索" }).click();
  await listDrawn(page, /q=/);
  await expectList(page, ["中央-2026-0019"]);

  // Paging is the server's: two a page, the second page holds the rest, in the server's order.
  const all = await serverRefs(page, "per_page=200");
  assert.ok(all.length >= 4, all.join());
  await page.goto(base + "/cases?status=&per_page=2");
  await listDrawn(page, /per_page=2/);
  assert.match(await page.locator("main p[role=status]").textContent(), new RegExp(`全${all.length}件中 1〜2件目`));
  await expectList(page, all.slice(0, 2));
  await page.getByRole("link", { name: "次のページ" }).click();
  await listDrawn(page, /page=2/);
  await expectList(page, all.slice(2, 4));
  await page.getByRole("link", { name: "前のページ" }).waitFor();
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("a filter the server does not know is refused on the page, not ignored", async () => {
  const page = await openPage(browser, DESKTOP);
  page.expectErrors(/status of 400/);
  await signIn(page, "coord.chuo", { next: "/cases?section=police" });
  const error = page.locator("main .notice--error");
  await error.waitFor();
  assert.match(await error.textContent(), /担当：.*母子保健/, "the field and the values it takes are named");
  assert.equal(await page.locator("main .cards").count(), 0, "no list passes for a filtered one");
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("a partner updates its capacity on a phone and keeps its week of hours", async () => {
  const page = await openPage(browser, PHONE);
  await signIn(page, "partner.night", { next: "/my-organization" });
  await page.getByRole("heading", { name: "受付時間（毎週）" }).waitFor();
  const slotsBefore = await page.locator(".slot").count();
  assert.ok(slotsBefore >= 6, "the night nursery's week is shown");
  await page.locator("input[name=status][value=full]").check();
  await page.getByLabel("補足（任意）").fill("今夜は満員です");
  await page.getByRole("button", { name: "受入状況を更新する" }).click();
  await page.getByText("受入状況を更新しました。").waitFor();
  await page.waitForLoadState("networkidle");  // the organization's new version is in hand
  // One slot's closing time changes; the others stay.
  await page.locator("#f-hours\\.0\\.closes").fill("03:00");
  await page.getByRole("button", { name: "受付時間を保存する" }).click();
  await page.getByText("受付時間を保存しました。").waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "受付時間（毎週）" }).waitFor();
  assert.equal(await page.locator(".slot").count(), slotsBefore);
  assert.equal(await page.locator("#f-hours\\.0\\.closes").inputValue(), "03:00");
  assert.equal(await page.locator("input[name=status][value=full]").isChecked(), true);
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("the keyboard alone reaches the main menu and the cases", async () => {
  const page = await openPage(browser);
  await signIn(page, "coord.chuo", { next: "/directory" });
  // After a navigation focus is on the page's heading; the menu is just before it.
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H1");
  const back = async (until) => {
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Shift+Tab");
      if (await page.evaluate(until)) return true;
    }
    return false;
  };
  assert.ok(await back(() => document.activeElement.getAttribute("href") === "/cases"), "Shift+Tab reaches the cases link");
  await page.keyboard.press("Enter");
  await page.locator("h1", { hasText: "ケース一覧" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H1", "focus moves to the new page's heading");
  // The first stop of the page is the skip link, which leads to the main content.
  assert.ok(await back(() => document.activeElement.textContent === "本文へ移動"), "a skip link opens the page");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("the session's end is announced before it comes, can be put off, and ends on the sign-in screen", async () => {
  const page = await openPage(browser);
  await page.clock.install();
  await signIn(page, "coord.chuo", { next: "/cases" });
  await page.getByRole("link", { name: /中央-2026-0012/ }).waitFor();
  const banner = page.locator(".session-banner");
  assert.equal(await banner.count(), 0);
  // 26 minutes idle of the server's 30: the warning and its button.
  await page.clock.fastForward("26:00");
  await banner.waitFor();
  assert.match(await banner.textContent(), /まもなくログインの有効期限が切れます/);
  await screenshot(page, "session-warning");
  await page.getByRole("button", { name: "ログインを延長" }).click();
  await banner.waitFor({ state: "detached" });
  // Then idle past the end: back to the sign-in screen, saying why.
  await page.clock.fastForward("31:00");
  await page.waitForURL(/\/signin\?next=%2Fcases/);
  await page.getByText("ログインの有効期限が切れました").waitFor();
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("signing out ends the session", async () => {
  const page = await openPage(browser);
  await signIn(page, "staff.chuo", { next: "/cases" });
  await page.getByRole("button", { name: "ログアウト" }).click();
  await page.waitForURL(/\/signin/);
  await page.getByText("ログアウトしました。").waitFor();
  await page.goto(base + "/cases");
  await page.waitForURL(/\/signin\?next=%2Fcases/);
  assertNoConsoleErrors(page);
  await page.context().close();
});
