import { chromium } from "playwright-core";
const [user, path, name, width = "360", click] = process.argv.slice(2);
const base = "http://127.0.0.1:18432";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--lang=ja-JP"] });
const ctx = await b.newContext({ viewport: { width: Number(width), height: 740 }, locale: "ja-JP", timezoneId: "Asia/Tokyo", isMobile: Number(width) < 600, hasTouch: Number(width) < 600 });
const page = await ctx.newPage();
page.on("pageerror", (e) => console.log("PAGEERROR", e.message)); page.on("console", (m) => m.type() === "error" && console.log("CONSOLE", m.text()));
await page.goto(base + "/signin");
await page.getByLabel("ユーザー名").fill(user);
await page.getByLabel("パスワード").fill("e2e-demo-password-1");
await page.getByRole("button", { name: "ログイン" }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
await page.goto(base + path);
await page.locator("h1").first().waitFor();
if (click) { await page.getByRole("link", { name: click }).first().click(); await page.waitForTimeout(1000); }
await page.waitForTimeout(800);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
const sw = await page.evaluate(() => document.documentElement.scrollWidth);
console.log("height", h, "scrollWidth", sw);
const W = Number(width), H = W < 600 ? 1100 : 900;
for (let y = 0, i = 0; y < h && i < 8; y += H, i++) {
  await page.screenshot({ path: `/tmp/web2-shots/${name}-s${i}.png`, fullPage: true, clip: { x: 0, y, width: W, height: Math.min(H, h - y) } });
}
await b.close();
