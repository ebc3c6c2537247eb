// What every browser test shares: Debian's chromium driven by playwright-core (nothing is
// downloaded), a page that records console errors and failed requests (a test fails on any it
// did not expect), signing in as a demo account, screenshots at desktop and phone width, and
// axe-core's check for serious or critical accessibility violations.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

export const base = process.env.TSUNAGU_E2E_BASE;
export const password = process.env.TSUNAGU_E2E_PASSWORD;
const shots = process.env.TSUNAGU_E2E_SHOTS;
if (!base) throw new Error("run the browser tests through run.mjs (TSUNAGU_E2E_BASE is not set)");

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

const executablePath = process.env.TSUNAGU_CHROMIUM || "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=ja-JP"],
    // The browser's own words (date and time fields: 年/月/日) follow its UI language, which
    // chromium on Linux takes from the environment (with chromium-l10n's Japanese strings).
    env: { ...process.env, LANG: "ja_JP.UTF-8", LANGUAGE: "ja" },
  });
}

/**
 * A fresh browser context (its own cookies) and page at a viewport. `page.consoleErrors` collects
 * console errors and uncaught exceptions; `expectErrors(re)` lets one expected error through
 * (e.g. the 422 a test provokes on purpose); `assertNoConsoleErrors(page)` checks at the end.
 */
export async function openPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({
    viewport,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
  });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.allowed = [];
  page.on("console", (m) => {
    if (m.type() === "error") page.consoleErrors.push(m.text() + " @ " + (m.location()?.url || ""));
  });
  page.on("pageerror", (e) => page.consoleErrors.push("pageerror: " + e.message));
  page.expectErrors = (re) => page.allowed.push(re);
  return page;
}

export function assertNoConsoleErrors(page) {
  const left = page.consoleErrors.filter((e) => !page.allowed.some((re) => re.test(e)));
  assert.deepEqual(left, [], "console errors on the page");
}

export async function signIn(page, username, { next = "/" } = {}) {
  await page.goto(base + (next === "/" ? "/signin" : "/signin?next=" + encodeURIComponent(next)));
  await page.getByLabel("ユーザー名").fill(username);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await page.locator("h1").first().waitFor();
}

/** Saves NAME-desktop.png or NAME-phone.png (by the page's width) under the screenshot folder. */
export async function screenshot(page, name) {
  if (!shots) return;
  const width = page.viewportSize().width;
  const file = path.join(shots, `${name}-${width < 600 ? "phone" : "desktop"}.png`);
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

/** axe-core on the page as it is: no serious or critical violations (WCAG 2.1 A/AA rules). */
export async function assertAccessible(page, what) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `accessibility violations on ${what}`,
  );
}
