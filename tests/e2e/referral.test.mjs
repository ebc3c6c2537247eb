// The closed loop in the browser: the coordinator finds a partner in the directory and sends a
// referral (the server's 422 for a missing legal basis shows on the field first); the partner,
// on a 360 px phone, finds it in the inbox, accepts and completes it with an outcome; the
// coordinator sees the outcome on the case.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, signIn, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE } from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const CASE_REF = "中央-2025-0150";
const marker = `確認番号 ${Date.now() % 100000}`;
const summary = `夜間に行き場のない中学生（${marker}）。放課後から夜の居場所を探しています。`;

test("a referral goes round: sent, accepted and completed on a phone, outcome seen by the ward", async () => {
  // The coordinator: cases → the case → refer.
  const coord = await openPage(browser, DESKTOP);
  await signIn(coord, "coord.chuo", { next: "/cases" });
  await coord.getByRole("link", { name: new RegExp(CASE_REF) }).click();
  await coord.getByRole("heading", { name: "サポートプラン" }).waitFor();
  await assertAccessible(coord, "case page");
  await screenshot(coord, "case");
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
  await partner.getByRole("link", { name: marker }).click();
  await partner.getByRole("button", { name: "受け入れる" }).waitFor();
  await screenshot(partner, "referral-partner");
  await assertAccessible(partner, "referral page (partner)");
  await partner.getByRole("button", { name: "受け入れる" }).click();
  await partner.getByText("「受入」にしました").or(partner.getByRole("button", { name: "支援の結果を報告する" })).first().waitFor();
  await partner.getByRole("button", { name: "支援の結果を報告する" }).click();
  await partner.locator("input[name=outcome][value=enrolled]").check();
  await partner.getByRole("button", { name: "結果を報告する" }).click();
  await partner.locator(".notice--success").waitFor();
  assert.equal(new URL(partner.url()).pathname, new URL(referralUrl).pathname);
  assertNoConsoleErrors(partner);

  // The coordinator sees the outcome on the referral and on the case.
  await coord.goto(referralUrl);
  const outcome = coord.locator(".badge--ok").first();
  await outcome.waitFor();
  assert.ok((await outcome.textContent()).length > 0);
  const timeline = await coord.locator(".timeline").textContent();
  assert.match(timeline, /紹介先/, "the partner's steps are in the timeline");
  await coord.getByRole("link", { name: "ケースに戻る" }).click();
  await coord.getByRole("heading", { name: "紹介" }).waitFor();
  assertNoConsoleErrors(coord);
  await coord.context().close();
  await partner.context().close();
});
