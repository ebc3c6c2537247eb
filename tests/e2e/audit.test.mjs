// The auditor: searches the audit log ("who saw this household" by its case number and ward, and
// by actor), pages through it, and verifies the hash chain. Checked with axe-core at desktop and
// phone width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch, openPage, signIn, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE,
} from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

test("the auditor finds who saw a household, searches by actor and verifies the chain", async (t) => {
  const page = await openPage(browser, DESKTOP);
  await signIn(page, "auditor", { next: "/audit" });
  await page.getByRole("heading", { level: 1, name: "監査ログ" }).waitFor();

  // Who saw 中央-2026-0012: the demo's meetings and reviews read it.
  {
    await page.getByLabel("ケース番号").fill("中央-2026-0012");
    await page.getByLabel("区", { exact: true }).selectOption("chuo");
    await page.getByRole("button", { name: "検索する" }).click();
    const rows = page.locator(".audit-table tbody tr");
    await rows.first().waitFor();
    const household = await rows.count();
    assert.ok(household > 0, "entries about the household");
    // Every entry is about that one household (the demo's reads and reviews of its case).
    const cases = await rows.evaluateAll((trs) => [...new Set(trs.map((tr) => tr.dataset.case || ""))]);
    assert.equal(cases.length, 1, "one household: " + cases.join(", "));
    assert.ok(cases[0], "entries name the case");
    const text = await page.locator(".audit-table").textContent();
    assert.ok(!text.includes("A.K."), "the household's label is never shown");
  }

  // By actor: everything coord.chuo did, newest first, page by page.
  await page.getByRole("button", { name: "条件をクリア" }).click();
  await page.getByLabel("操作した人").fill("coord.chuo");
  await page.getByRole("button", { name: "検索する" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll(".audit-table tbody tr")].every((r) => r.textContent.includes("coord.chuo")));
  const seqs = await page.locator(".audit-table tbody th").allTextContents();
  const numbers = seqs.map((s) => Number(s.match(/番号\s*(\d+)/)[1]));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), "newest first");
  await assertAccessible(page, "the audit search");
  await screenshot(page, "audit");

  await page.getByRole("button", { name: "ハッシュチェーンを検証する" }).click();
  const result = page.locator(".verify-result .notice");
  await result.waitFor();
  assert.match(await result.textContent(), /改ざんは見つかりませんでした（\d+件を検証）/);
  await screenshot(page, "audit-verified");
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("the audit search works at 360px", async () => {
  const page = await openPage(browser, PHONE);
  await signIn(page, "auditor", { next: "/audit" });
  await page.getByLabel("操作した人").fill("admin");
  await page.getByRole("button", { name: "検索する" }).click();
  await page.locator(".audit-table tbody tr").first().waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `no sideways scrolling (${width}px)`);
  await assertAccessible(page, "the audit search on a phone");
  await screenshot(page, "audit");
  assertNoConsoleErrors(page);
  await page.context().close();
});
