import { chromium } from "playwright-core";
const base = "http://127.0.0.1:18432";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
async function as(user, width, shots) {
  const ctx = await b.newContext({ viewport: { width, height: width < 600 ? 740 : 800 }, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  const page = await ctx.newPage();
  page.on("console", (m) => m.type() === "error" && console.log("CONSOLE", user, m.text()));
  page.on("pageerror", (e) => console.log("PAGEERROR", user, e.message));
  await page.goto(base + "/signin");
  await page.getByLabel("ユーザー名").fill(user);
  await page.getByLabel("パスワード").fill("e2e-demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  for (const [name, path, fn] of shots) {
    await page.goto(base + path);
    await page.locator("h1").first().waitFor();
    if (fn) await fn(page);
    await page.waitForTimeout(700);
    await page.screenshot({ path: `/tmp/web2-shots/${name}-${width}.png`, fullPage: true });
  }
  await ctx.close();
}
const which = process.argv[2] || "all";
const clickFirst = (text) => async (p) => { await p.getByRole("link", { name: text }).first().click(); await p.waitForTimeout(800); };
if (which === "all" || which === "coord") await as("coord.chuo", 1280, [
  ["meetings", "/meetings"],
  ["roundtable", "/meetings", clickFirst("すすきの 子ども・若者の居場所 座談会（第3回）")],
  ["practitioners", "/meetings", clickFirst("実務者会議")],
  ["action-items", "/action-items"],
]);
if (which === "all" || which === "admin") await as("admin", 1280, [["admin-users", "/admin/users"], ["admin-orgs", "/admin/organizations"], ["admin-user-new", "/admin/users/new"]]);
if (which === "all" || which === "audit") await as("auditor", 1280, [["audit", "/audit", async (p) => { await p.getByLabel("操作した人").fill("coord.chuo"); await p.getByRole("button", { name: "検索する" }).click(); await p.waitForTimeout(800); }]]);
if (which === "all" || which === "phone") await as("coord.chuo", 360, [["meetings", "/meetings"], ["roundtable", "/meetings", clickFirst("すすきの 子ども・若者の居場所 座談会（第3回）")]]);
await b.close();
