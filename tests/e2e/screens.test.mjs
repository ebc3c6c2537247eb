// The main screens of ward staff and partners, each at desktop and phone width: drawn from the
// demo data, accessible (axe-core: no serious or critical violations), screenshots saved; the
// keyboard reaches the main menu; the session's end is announced before it comes; signing out.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, signIn, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE } from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const screens = [
  ["coord.chuo", "/cases", "cases", async (p) => p.getByText("中央-2026-0012").waitFor()],
  ["coord.chuo", "/cases?q=M.S.", "cases-search", async (p) => {
    await p.getByText("中央-2026-0019").waitFor();
    assert.equal(await p.getByText("中央-2026-0012").count(), 0);
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
      await page.waitForLoadState("networkidle");
      await assertAccessible(page, name);
      await screenshot(page, name);
      // Nothing wider than the screen: no sideways scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px`);
      assertNoConsoleErrors(page);
      await page.context().close();
    });
  }
}

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
  await signIn(page, "coord.chuo");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "本文へ移動");
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement.getAttribute("href") === "/cases");
  }
  assert.ok(reached, "Tab reaches the cases link");
  await page.keyboard.press("Enter");
  await page.locator("h1", { hasText: "ケース一覧" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H1", "focus moves to the new page's heading");
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("the session's end is announced before it comes, can be put off, and ends on the sign-in screen", async () => {
  const page = await openPage(browser);
  await page.clock.install();
  await signIn(page, "coord.chuo");
  await page.getByRole("heading", { name: "対応が滞っているもの" }).waitFor();
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
  await page.waitForURL(/\/signin/);
  await page.getByText("ログインの有効期限が切れました").waitFor();
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("signing out ends the session", async () => {
  const page = await openPage(browser);
  await signIn(page, "staff.chuo");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await page.waitForURL(/\/signin/);
  await page.getByText("ログアウトしました。").waitFor();
  await page.goto(base + "/cases");
  await page.waitForURL(/\/signin\?next=%2Fcases/);
  assertNoConsoleErrors(page);
  await page.context().close();
});
