// The network map: cytoscape draws the ward's organizations on a canvas (loaded on demand, from
// our own server only), the legend explains shapes and colours, and the text alternative lists
// the same nodes and links. Checked at desktop and phone width, with axe-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch, openPage, signIn, base, assertAccessible, assertNoConsoleErrors, screenshot, DESKTOP, PHONE,
} from "./lib.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

for (const viewport of [DESKTOP, PHONE]) {
  test(`the network graph is drawn with its text alternative at ${viewport.width}px`, async (t) => {
    const page = await openPage(browser, viewport);
    const origins = new Set();
    page.on("request", (r) => origins.add(new URL(r.url()).origin));
    await signIn(page, "coord.chuo", { next: "/network" });
    await page.getByRole("heading", { level: 1, name: "ネットワーク図" }).waitFor();
    const graph = page.locator("#network-graph[data-state=drawn]");
    await graph.waitFor({ timeout: 15000 });
    assert.ok((await graph.locator("canvas").count()) > 0, "cytoscape drew on a canvas");
    const drawn = Number(await graph.getAttribute("data-nodes"));
    const rows = await page.locator("#network-nodes tbody tr").count();
    assert.ok(drawn > 0, "nodes drawn");
    assert.equal(drawn, rows, "the table lists the nodes the graph draws");
    const links = Number(await graph.getAttribute("data-edges"));
    const linkRows = await page.locator("#network-edges tbody tr").count();
    assert.equal(links, linkRows, "the table lists the links the graph draws");
    // Partners never referred to are marked in the table as in the graph.
    const never = await page.locator("#network-nodes tbody tr[data-never]").count();
    assert.match(await page.locator(".muted", { hasText: "未紹介" }).first().textContent(), new RegExp(`未紹介 ${never}件`));
    await page.getByRole("heading", { name: "凡例" }).waitFor();
    assert.deepEqual([...origins], [new URL(base).origin], "nothing is loaded from elsewhere");
    await assertAccessible(page, "the network map");
    await screenshot(page, "network");
    assertNoConsoleErrors(page);
    await page.context().close();
  });
}

test("cytoscape is not in the JavaScript the sign-in and home screens load", async () => {
  // Both screens run on the client's one entry chunk; the network screen fetches the rest.
  const page = await openPage(browser, DESKTOP);
  const scripts = [];
  page.on("response", async (r) => {
    if (r.url().endsWith(".js")) scripts.push({ url: r.url(), body: await r.text().catch(() => "") });
  });
  await page.goto(base + "/signin");
  await page.getByLabel("ユーザー名").waitFor();
  await page.waitForLoadState("networkidle");
  assert.ok(scripts.length > 0);
  for (const s of scripts) assert.ok(!/cytoscape/i.test(s.body), "cytoscape is in " + s.url);
  assertNoConsoleErrors(page);
  await page.context().close();
});
