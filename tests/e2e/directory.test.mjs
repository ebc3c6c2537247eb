// The directory search: open at 23:30 on a weekday finds the night nursery (open 17:00–02:00)
// and not いとこんち (closes at 23:30); the filters are labelled and the page accessible.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, signIn, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE } from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

/** The next Wednesday in Tokyo, as YYYY-MM-DD (a day both partners are open in the evening). */
function nextWednesday() {
  const now = new Date(Date.now() + 9 * 3600 * 1000);
  const add = ((3 - now.getUTCDay() + 7) % 7) || 7;
  return new Date(now.getTime() + add * 86400 * 1000).toISOString().slice(0, 10);
}

for (const viewport of [DESKTOP, PHONE]) {
  test(`search open at 23:30 at ${viewport.width}px`, async () => {
    const page = await openPage(browser, viewport);
    await signIn(page, "coord.chuo", { next: "/directory" });
    await page.locator("h1", { hasText: "関係機関を探す" }).waitFor();
    await page.getByLabel("区").selectOption("chuo");
    await page.getByLabel("日時を指定する").check();
    await page.getByLabel("日付").fill(nextWednesday());
    await page.getByLabel("時刻").fill("23:30");
    await page.getByRole("button", { name: "この条件で探す" }).click();
    const results = page.locator(".results");
    await results.getByText("すすきの夜間保育園ほしぞら").waitFor();
    assert.equal(await results.getByRole("link", { name: "いとこんち", exact: true }).count(), 0,
                 "いとこんち closes at 23:30");
    await assertAccessible(page, "directory");
    await screenshot(page, "directory");
    assertNoConsoleErrors(page);
    await page.context().close();
  });
}
