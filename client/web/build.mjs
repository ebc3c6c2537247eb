// Builds the client into the folder given (CMake passes ${PROJECT_BINARY_DIR}/client/web/dist)
// and prints the weight of its JavaScript and CSS, raw and gzip — what the first screen loads and
// all chunks together — so a build shows what a user downloads. Fails with a clear message when `npm ci` has not been run.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const outDir = path.resolve(process.argv[2] || "dist");
if (!fs.existsSync(new URL("./node_modules/vite/package.json", import.meta.url))) {
  console.error("client/web: node_modules is missing; run scripts/setup (npm ci in client/web)");
  process.exit(1);
}
const { build } = await import("vite");
await build({ logLevel: "warn", build: { outDir, emptyOutDir: true } });

// The entry files are those index.html names (what every screen, sign-in and home included, needs);
// the other chunks are fetched only when a screen that needs them opens (meetings, the network
// map with cytoscape, the administrator's and auditor's screens).
const html = fs.readFileSync(path.join(outDir, "index.html"), "utf8");
const entry = new Set([...html.matchAll(/\/assets\/([^"]+)"/g)].map((m) => m[1]));
const sum = () => ({ js: 0, jsGz: 0, css: 0, cssGz: 0 });
const total = sum(), first = sum();
for (const name of fs.readdirSync(path.join(outDir, "assets"))) {
  const data = fs.readFileSync(path.join(outDir, "assets", name));
  const gz = zlib.gzipSync(data, { level: 9 }).length;
  for (const t of entry.has(name) ? [total, first] : [total]) {
    if (name.endsWith(".js")) (t.js += data.length), (t.jsGz += gz);
    if (name.endsWith(".css")) (t.css += data.length), (t.cssGz += gz);
  }
}
const kb = (n) => (n / 1024).toFixed(1) + " KiB";
const line = (t) => `JavaScript ${kb(t.js)} (gzip ${kb(t.jsGz)}), CSS ${kb(t.css)} (gzip ${kb(t.cssGz)})`;
console.log(`client/web: loaded first: ${line(first)}; all chunks: ${line(total)}`);
