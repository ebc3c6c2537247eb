// The sign-in screen: a labelled form in Japanese, reachable by keyboard, accessible, and the
// server's refusal shown in the error summary and beside the field.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE } from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

for (const viewport of [DESKTOP, PHONE]) {
  test(`the sign-in screen at ${viewport.width}px is in Japanese and accessible`, async () => {
    const page = await openPage(browser, viewport);
    await page.goto(base + "/");
    await page.waitForURL(/\/signin/);
    assert.equal(await page.locator("h1").textContent(), "ログイン");
    assert.equal(await page.locator("html").getAttribute("lang"), "ja");
    await page.getByLabel("ユーザー名").waitFor();
    await page.getByLabel("パスワード").waitFor();
    await assertAccessible(page, "sign-in");
    await screenshot(page, "signin");
    assertNoConsoleErrors(page);
    await page.context().close();
  });
}
