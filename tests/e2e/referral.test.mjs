// The closed loop in the browser: the coordinator finds a partner in the directory and sends a
// referral (the server's 422 for a missing legal basis shows on the field first); the partner,
// on a 360 px phone, finds it in the inbox with the ward's phone to call back, accepts and
// completes it with an outcome; the coordinator sees the outcome on the case.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, signIn, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE } from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const CASE_REF = "中央-2026-0012";
const marker = `確認番号 ${Date.now() % 100000}`;
const summary = `夜間に行き場のない中学生（${marker}）。放課後から夜の居場所を探しています。`;

// The ward's contact on a pending referral, as the partner sees it (demo: 中央区's office).
async function assertWardContact(box) {
  await box.waitFor();
  const tel = box.locator('a[href^="tel:"]');
  assert.equal(await tel.textContent(), "011-555-0013");
  assert.equal(await tel.getAttribute("href"), "tel:0115550013");
  const text = await box.textContent();
  assert.match(text, /中央区役所 保健福祉課/);
  assert.match(text, /紹介者：中央区 おやこ支援担当係長/);
}

test("a referral goes round: sent, accepted and completed on a phone, outcome seen by the ward", async () => {
  // The coordinator: cases → the case → refer.
  const coord = await openPage(browser, DESKTOP);
  await signIn(coord, "coord.chuo", { next: "/cases" });
  await coord.getByRole("link", { name: new RegExp(CASE_REF) }).click();
  await coord.getByRole("heading", { name: "サポートプラン" }).waitFor();
  // The family's own words come first in the plan.
  assert.equal(await coord.locator("#case-plan ~ h3").first().textContent(), "家族の思い・ことば");
  await coord.locator(".family-voice", { hasText: "夜、ひとりでいるのがこわい。" }).waitFor();
  await assertAccessible(coord, "case page");
  await coord.getByRole("link", { name: "関係機関に紹介する" }).click();
  await coord.locator("h1", { hasText: "関係機関に紹介する" }).waitFor();

  // The directory inside the form: いとこんち by name, any capacity.
  await coord.getByLabel("キーワード").fill("いとこんち");
  await coord.getByLabel("受入状況").selectOption("");
  await coord.getByRole("button", { name: "この条件で探す" }).click();
  await coord.getByRole("button", { name: "いとこんち：この機関を選ぶ" }).click();
  await coord.getByText("選んだ紹介先").or(coord.locator("#referral-picked")).first().waitFor();

  // Without a legal basis the server refuses to send: its message is in the summary and on the field.
  await coord.getByLabel("紹介の概要（紹介先に共有されます）").fill(summary);
  coord.expectErrors(/status of 422/);
  await coord.getByRole("button", { name: "紹介を送る" }).click();
  const errorSummary = coord.locator(".error-summary");
  await errorSummary.waitFor();
  assert.ok(await errorSummary.evaluate((el) => el === document.activeElement), "the error summary takes focus");
  const fieldError = coord.locator("#f-legal_basis-error");
  await fieldError.waitFor();
  assert.match(await fieldError.textContent(), /[ぁ-んァ-ン一-龥]/, "the field's message is in Japanese");
  await assertAccessible(coord, "referral form with errors");
  await screenshot(coord, "referral-form-errors");
  // The summary's link takes the keyboard to the field.
  await errorSummary.getByRole("link").first().click();
  assert.equal(await coord.evaluate(() => document.activeElement.name), "legal_basis");

  // With consent recorded it goes.
  await coord.locator("input[name=legal_basis][value=consent]").check();
  await coord.getByLabel("同意を得た日").fill("2026-11-30");
  await coord.getByLabel("同意を得た職員").fill("中央区 保健師");
  await coord.getByLabel("同意の範囲").fill("いとこんちへの紹介と受入に必要な情報の提供");
  await coord.getByRole("button", { name: "紹介を送る" }).click();
  await coord.getByText("紹介を送りました").waitFor();
  const referralUrl = coord.url();
  assertNoConsoleErrors(coord);

  // The partner on a phone: inbox → the referral → accept → complete.
  const partner = await openPage(browser, PHONE);
  await signIn(partner, "partner.itokonchi", { next: "/inbox" });
  // The inbox row and the referral's page give the ward's contact to call back: the office,
  // its phone as a tel: link, and who sent it.
  await assertWardContact(partner.locator(".card", { hasText: marker }));
  await screenshot(partner, "inbox-contact");
  await partner.getByRole("link", { name: marker }).click();
  await partner.getByRole("button", { name: "受け入れる" }).waitFor();
  await assertWardContact(partner.locator(".contact-box"));
  await screenshot(partner, "referral-partner");
  await partner.setViewportSize(DESKTOP);
  await screenshot(partner, "referral-partner");
  await partner.setViewportSize(PHONE);
  await assertAccessible(partner, "referral page (partner)");
  await partner.getByRole("button", { name: "受け入れる" }).click();
  await partner.getByText("「受入」にしました").or(partner.getByRole("button", { name: "支援の結果を報告する" })).first().waitFor();
  await partner.getByRole("button", { name: "支援の結果を報告する" }).click();
  await partner.locator("input[name=outcome][value=enrolled]").check();
  await partner.getByRole("button", { name: "結果を報告する" }).click();
  await partner.locator(".notice--success").waitFor();
  assert.equal(new URL(partner.url()).pathname, new URL(referralUrl).pathname);
  // Completed, it no longer waits on the partner: no call-back box.
  await partner.locator(".badge--ok").first().waitFor();
  await partner.locator(".contact-box").waitFor({ state: "detached" });
  assertNoConsoleErrors(partner);

  // The coordinator sees the outcome on the referral and on the case.
  await coord.goto(referralUrl);
  // The partner by its name (the referral's organization_name), never its id.
  await coord.locator("h1", { hasText: "紹介：いとこんち" }).waitFor();
  const outcome = coord.locator(".badge--ok").first();
  await outcome.waitFor();
  await coord.waitForLoadState("networkidle");
  await assertAccessible(coord, "referral page (ward)");
  await screenshot(coord, "referral-ward");
  await coord.setViewportSize(PHONE);
  await screenshot(coord, "referral-ward");
  await coord.setViewportSize(DESKTOP);
  assert.ok((await outcome.textContent()).length > 0);
  const timeline = await coord.locator(".timeline").textContent();
  assert.match(timeline, /紹介先/, "the partner's steps are in the timeline");
  await coord.getByRole("link", { name: "ケースに戻る" }).click();
  await coord.getByRole("heading", { name: "紹介", exact: true }).waitFor();
  const onCase = coord.locator(".card", { hasText: "いとこんち" }).filter({ has: coord.locator(".badge--ok") });
  await onCase.first().waitFor();
  await coord.waitForLoadState("networkidle");
  await screenshot(coord, "case");
  assertNoConsoleErrors(coord);
  await coord.context().close();
  await partner.context().close();
});
