// The administrator: creates an account (the server's refusal of a weak password shown beside the
// field first), sees it in the list, disables it; registers an organization and archives it.
// Screens checked with axe-core and photographed at desktop and phone width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch, openPage, signIn, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE,
} from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

test("the administrator creates a user, then disables it", async () => {
  const page = await openPage(browser, DESKTOP);
  page.on("dialog", (d) => d.accept());
  await signIn(page, "admin", { next: "/admin/users" });
  await page.getByRole("heading", { level: 1, name: "アカウント管理" }).waitFor();
  await page.getByRole("cell", { name: "coord.chuo" }).waitFor();
  await assertAccessible(page, "the accounts list");
  await screenshot(page, "admin-users");

  await page.getByRole("link", { name: "アカウントを作成する" }).click();
  await page.getByRole("heading", { level: 1, name: "アカウントの作成" }).waitFor();
  await page.getByLabel("ユーザー名").fill("staff.chuo.e2e");
  await page.getByLabel("表示名").fill("中央区 家庭児童相談員（E2E）");
  await page.locator("input[name=role][value=ward_staff]").check();
  await page.getByLabel("中央区", { exact: true }).check();
  await page.getByLabel("初期パスワード").fill("short");
  page.expectErrors(/status of 422/);
  await page.getByRole("button", { name: "作成する" }).click();
  const error = page.locator("#f-password-error");
  await error.waitFor();
  assert.match(await error.textContent(), /[ぁ-んァ-ン一-龥]/, "the password rule in Japanese");
  await assertAccessible(page, "the new-account form with an error");
  await screenshot(page, "admin-user-new");

  await page.getByLabel("初期パスワード").fill("Kita-no-yoru-2026-e2e");
  await page.getByRole("button", { name: "作成する" }).click();
  await page.getByRole("heading", { level: 1, name: "アカウント：中央区 家庭児童相談員（E2E）" }).waitFor();
  await page.getByText("アカウント「staff.chuo.e2e」を作成しました。").waitFor();
  await assertAccessible(page, "an account's page");
  await screenshot(page, "admin-user");

  await page.getByRole("button", { name: "このアカウントを無効にする" }).click();
  await page.getByText("アカウントを無効にしました。").waitFor();
  await page.getByText("このアカウントは無効です。ログインできません。").waitFor();

  await page.getByRole("link", { name: "アカウントの一覧へ戻る" }).click();
  const row = page.getByRole("row", { name: /staff\.chuo\.e2e/ });
  await row.waitFor();
  assert.match(await row.textContent(), /無効/);
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("the administrator registers an organization and archives it", async () => {
  const page = await openPage(browser, DESKTOP);
  page.on("dialog", (d) => d.accept());
  await signIn(page, "admin", { next: "/admin/organizations" });
  await page.getByRole("heading", { level: 1, name: "関係機関の管理" }).waitFor();
  await page.getByRole("link", { name: "いとこんち" }).first().waitFor();
  await assertAccessible(page, "the organizations list");
  await screenshot(page, "admin-organizations");

  await page.getByRole("link", { name: "関係機関を登録する" }).click();
  await page.getByLabel("名称").fill("すすきの こども食堂（E2E）");
  await page.getByLabel("よみがな").fill("すすきの こどもしょくどう");
  await page.getByLabel("種別").selectOption("npo");
  await page.getByLabel("中央区", { exact: true }).check();
  await page.getByLabel("地区").fill("すすきの");
  await page.getByRole("button", { name: "登録する" }).click();
  await page.getByRole("heading", { level: 1, name: "関係機関：すすきの こども食堂（E2E）" }).waitFor();
  await assertAccessible(page, "an organization's page");
  await screenshot(page, "admin-organization");

  await page.getByLabel("電話番号").fill("011-555-0199");
  await page.getByRole("button", { name: "変更を保存する" }).click();
  await page.getByText("保存しました。").waitFor();
  await page.getByRole("button", { name: "アーカイブする" }).click();
  await page.getByText("この機関はアーカイブされています。").waitFor();
  assertNoConsoleErrors(page);
  await page.context().close();
});

test("the administrator's screens work at 360px", async () => {
  const page = await openPage(browser, PHONE);
  await signIn(page, "admin", { next: "/admin/users" });
  await page.getByRole("heading", { level: 1, name: "アカウント管理" }).waitFor();
  await page.getByRole("cell", { name: "coord.chuo" }).waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `no sideways scrolling (${width}px)`);
  await screenshot(page, "admin-users");
  await page.goto(base + "/admin/organizations");
  await page.getByRole("link", { name: "いとこんち" }).first().waitFor();
  await screenshot(page, "admin-organizations");
  await page.goto(base + "/admin/users/new");
  await page.getByRole("heading", { level: 1, name: "アカウントの作成" }).waitFor();
  await screenshot(page, "admin-user-new");
  assertNoConsoleErrors(page);
  await page.context().close();
});
