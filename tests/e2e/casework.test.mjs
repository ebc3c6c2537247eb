// Casework in the browser: on a case, the coordinator records a contact (the server's 422 for a
// missing summary shows on the field first; a retry after a lost answer reuses its
// Idempotency-Key and makes one contact) and sees it in the timeline, makes an assessment from
// the newest form and records the determination, and the case's risk changes; a transfer is
// requested from a case page, listed on the home screen as waiting for the other ward, and
// withdrawn; the demo's pending 北区 → 中央区 transfer is accepted by 中央区's coordinator on a
// phone, the case is then 中央区's, and 北区 sees it read-only.
// Every screen passes axe at both widths, with screenshots and no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, signIn, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE } from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const marker = `確認番号 ${Date.now() % 100000}`;

async function caseId(page, ref) {
  const res = await page.request.get(base + "/api/v1/cases?q=" + encodeURIComponent(ref));
  assert.equal(res.status(), 200);
  const found = (await res.json()).items.find((c) => c.case_ref === ref);
  assert.ok(found, "the demo data has " + ref);
  return found.id;
}

async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow}px`);
}

test("a contact, an assessment and the determination on a case: the timeline and the risk show them", async () => {
  const page = await openPage(browser, DESKTOP);
  await signIn(page, "coord.chuo", { next: "/cases" });
  await page.getByRole("link", { name: /中央-2026-0023/ }).click();
  await page.getByRole("heading", { name: "アセスメントと判定" }).waitFor();
  await page.getByRole("heading", { name: "経過（タイムライン）" }).waitFor();
  assert.equal(await page.locator(".case-badges .badge--medium").textContent(), "中");

  // A contact without what happened: the server's 422 on the field and in the focused summary.
  await page.getByRole("button", { name: "支援を記録する" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.name), "contact.kind", "focus goes to the form");
  await page.getByLabel("種類").selectOption({ label: "家庭訪問" });
  page.expectErrors(/status of 422/);
  await page.getByRole("button", { name: "記録する", exact: true }).click();
  const summary = page.locator("#contacts .error-summary");
  await summary.waitFor();
  assert.ok(await summary.evaluate((el) => el === document.activeElement), "the error summary takes focus");
  const fieldError = page.locator('[id="f-contact.summary-error"]');
  await fieldError.waitFor();
  assert.match(await fieldError.textContent(), /[ぁ-んァ-ン一-龥]/, "the field's message is in Japanese");
  assert.equal(await page.locator('[name="contact.summary"]').getAttribute("aria-invalid"), "true");
  await assertAccessible(page, "contact form with errors");
  await screenshot(page, "case-contact-errors");
  await summary.getByRole("link").first().click();
  assert.equal(await page.evaluate(() => document.activeElement.name), "contact.summary");

  // Completed, it is recorded — but its answer is lost on the way back (the server made the
  // contact; the browser sees a dropped connection). Sent again, the same Idempotency-Key brings the
  // first answer back instead of a second contact.
  const keys = [];
  await page.route("**/api/v1/cases/*/contacts", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    keys.push(route.request().headers()["idempotency-key"]);
    if (keys.length === 1) {
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await page.locator('[name="contact.summary"]').fill(`自宅を訪問し、健診の予定を一緒に確認した（${marker}）。`);
  await page.getByLabel("次の対応（任意）").fill("2週間後に電話");
  page.expectErrors(/ERR_CONNECTION_RESET|ERR_FAILED/);
  await page.getByRole("button", { name: "記録する", exact: true }).click();
  await page.locator("#contacts .error-summary", { hasText: "サーバーに接続できません" }).waitFor();
  await page.getByRole("button", { name: "記録する", exact: true }).click();
  await page.getByText(/家庭訪問（.*）を記録しました。/).waitFor();
  await page.unroute("**/api/v1/cases/*/contacts");
  assert.equal(keys.length, 2);
  assert.match(keys[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "a random UUID");
  assert.equal(keys[1], keys[0], "the retry of the same submission reuses its key");
  await page.locator("#contacts .card", { hasText: marker }).waitFor();
  assert.equal(await page.locator("#contacts .card", { hasText: marker }).count(), 1, "one contact, not two");
  await page.locator("#timeline li", { hasText: marker }).waitFor();
  assert.match(await page.locator("#timeline li", { hasText: marker }).textContent(), /支援の記録.*家庭訪問/);

  // An assessment from the newest form: two items worth 4 + 3 points suggest a high risk.
  await page.getByRole("button", { name: "アセスメントを行う" }).click();
  await page.getByRole("heading", { name: /妊娠届出時の詳細アセスメント（特定妊婦）（第2版）/ }).waitFor();
  await page.getByLabel(/妊婦健康診査を受けていない/).check();
  await page.getByLabel(/配偶者・パートナーからの暴力/).check();
  await page.getByLabel("メモ（任意）").fill(`面談で確認（${marker}）`);
  await assertAccessible(page, "assessment form");
  await screenshot(page, "case-assessment-form");
  await page.getByRole("button", { name: "アセスメントを記録する" }).click();
  await page.getByText("アセスメントを記録しました。点数 7、目安はリスク高です。").waitFor();
  const card = page.locator("#assessments .card", { hasText: marker });
  await card.waitFor();
  assert.match(await card.textContent(), /未判定/);
  await page.locator("#timeline li", { hasText: "アセスメントを実施" }).first().waitFor();

  // The coordinator's determination: the case's risk goes from 中 to 高.
  await card.getByRole("button", { name: "判定を記録する" }).click();
  await card.getByLabel("特定妊婦として支援する").check();
  assert.equal(await card.getByLabel("ケースのリスク").inputValue(), "high", "the suggested level is offered");
  await card.getByLabel("判定の理由・合意した内容（任意）").fill("両係で合意");
  await card.getByRole("button", { name: "判定を記録する" }).click();
  await page.getByText("判定を記録しました。ケースのリスクは「高」になりました。").waitFor();
  await page.locator(".case-badges .badge--high").waitFor();
  assert.equal(await page.locator(".case-badges .badge--medium").count(), 0);
  await page.locator("#timeline li", { hasText: "判定（特定妊婦・リスク）" }).first().waitFor();
  await page.waitForLoadState("networkidle");
  await assertAccessible(page, "case page with casework");
  await screenshot(page, "case-casework");
  assertNoConsoleErrors(page);

  // The same page on a phone.
  const phone = await openPage(browser, PHONE);
  await signIn(phone, "coord.chuo", { next: `/cases/${await caseId(page, "中央-2026-0023")}` });
  await phone.locator("#timeline li", { hasText: marker }).waitFor();
  await phone.waitForLoadState("networkidle");
  await assertAccessible(phone, "case page on a phone");
  await noSidewaysScroll(phone, "case page");
  await screenshot(phone, "case-casework");
  assertNoConsoleErrors(phone);
  await page.context().close();
  await phone.context().close();
});

test("a transfer is requested from the case page (refused first without a ward) and withdrawn", async () => {
  const page = await openPage(browser, DESKTOP);
  await signIn(page, "coord.chuo", { next: "/cases" });
  await page.getByRole("link", { name: /中央-2025-0150/ }).click();
  await page.getByRole("heading", { name: "転居・ケース移管" }).waitFor();
  await page.getByRole("button", { name: "移管を依頼する" }).click();
  page.expectErrors(/status of 422/);
  await page.locator("#transfer form").getByRole("button", { name: "移管を依頼する" }).click();
  await page.locator('[id="f-transfer.to_ward-error"]').waitFor();
  await page.getByLabel("転居先の区").selectOption({ label: "北区" });
  await page.getByLabel("移管の理由・引き継いでほしいこと").fill(`北区へ転居予定（${marker}）`);
  await page.locator("#transfer form").getByRole("button", { name: "移管を依頼する" }).click();
  await page.getByText("北区へ移管を依頼しました。").waitFor();
  const pending = page.locator("#transfer .card", { hasText: marker });
  await pending.waitFor();
  assert.match(await pending.textContent(), /受け入れ待ち.*中央区 → 北区/);
  await assertAccessible(page, "case page with a pending transfer");
  await screenshot(page, "case-transfer-pending");

  // The home screen lists it among the transfers waiting for an answer (the other ward's).
  await page.goto(base + "/");
  const waiting = page.locator("section", { has: page.locator("#home-pending_transfers") });
  const row = waiting.locator("li", { hasText: "中央-2025-0150" });
  await row.waitFor();
  assert.match(await row.textContent(), /相手区の回答待ち/);
  await page.goBack();
  await page.getByRole("heading", { name: "転居・ケース移管" }).waitFor();

  await pending.getByRole("button", { name: /依頼を取り下げる/ }).click();
  await pending.getByLabel("取り下げる理由（任意）").fill("転居が取りやめになった");
  await pending.getByRole("button", { name: "取り下げる", exact: true }).click();
  await page.locator("#transfer").getByRole("button", { name: "移管を依頼する" }).waitFor();
  await page.locator("#timeline li", { hasText: "取り下げ" }).first().waitFor();
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("北区's pending transfer is accepted by 中央区 on a phone; the case is then 中央区's and read-only for 北区", async () => {
  // 北区 sees its request among the outgoing ones.
  const kita = await openPage(browser, DESKTOP);
  await signIn(kita, "coord.kita", { next: "/transfers" });
  const outgoing = kita.locator("#transfers-outgoing ~ ul .card", { hasText: "北-2026-0031" });
  await outgoing.waitFor();
  assert.match(await outgoing.textContent(), /受け入れ待ち/);
  assert.equal(await outgoing.getByRole("button", { name: /受け入れる/ }).count(), 0, "the sender cannot accept");
  await kita.waitForLoadState("networkidle");
  await assertAccessible(kita, "transfers (sending ward)");
  await screenshot(kita, "transfers");
  const id = await caseId(kita, "北-2026-0031");

  // 中央区's coordinator on a phone: the menu's 移管 → the incoming request → accept.
  const chuo = await openPage(browser, PHONE);
  await signIn(chuo, "coord.chuo");
  await chuo.getByRole("link", { name: "移管", exact: true }).click();
  const incoming = chuo.locator("#transfers-incoming ~ ul .card", { hasText: "北-2026-0031" });
  await incoming.waitFor();
  assert.match(await incoming.textContent(), /北区 → 中央区/);
  await chuo.waitForLoadState("networkidle");
  await assertAccessible(chuo, "transfers (receiving ward) on a phone");
  await noSidewaysScroll(chuo, "transfers");
  await screenshot(chuo, "transfers");
  await incoming.getByRole("button", { name: /受け入れる/ }).click();
  const done = chuo.getByText("北-2026-0031 を受け入れました。");
  await done.waitFor();
  await chuo.getByRole("link", { name: "ケースを開く" }).click();
  await chuo.getByRole("heading", { name: /北-2026-0031/ }).waitFor();
  await chuo.getByRole("heading", { name: "支援の記録（訪問・電話・来所・助言）" }).waitFor();
  assert.match(await chuo.locator("dl.facts").first().textContent(), /中央区/);
  await chuo.locator("#timeline li", { hasText: "移管済み" }).first().waitFor();
  await chuo.getByRole("button", { name: "支援を記録する" }).waitFor();
  // …and among 中央区's cases.
  await chuo.goto(base + "/cases?q=" + encodeURIComponent("北-2026-0031"));
  await chuo.getByRole("link", { name: /北-2026-0031/ }).waitFor();
  assertNoConsoleErrors(chuo);

  // 北区 still reads the case as it left, with nothing to change.
  await kita.goto(base + `/cases/${id}`);
  await kita.getByText("このケースは中央区へ移管されました").waitFor();
  await kita.getByRole("heading", { name: "経過（タイムライン）" }).waitFor();
  assert.equal(await kita.getByRole("button", { name: "支援を記録する" }).count(), 0);
  assert.equal(await kita.getByRole("button", { name: "アセスメントを行う" }).count(), 0);
  assert.equal(await kita.getByRole("link", { name: "関係機関に紹介する" }).count(), 0);
  await kita.waitForLoadState("networkidle");
  await assertAccessible(kita, "a case that moved away");
  await screenshot(kita, "case-moved");
  assertNoConsoleErrors(kita);
  await kita.context().close();
  await chuo.context().close();
});
