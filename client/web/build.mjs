// Builds the client into the folder given (CMake passes ${PROJECT_BINARY_DIR}/client/web/dist)
// and prints the weight of its JavaScript and CSS, raw and gzip, so a build shows what a user
// downloads. Fails with a clear message when `npm ci` has not been run.
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

let js = 0, jsGz = 0, css = 0, cssGz = 0;
for (const name of fs.readdirSync(path.join(outDir, "assets"))) {
  const data = fs.readFileSync(path.join(outDir, "assets", name));
  const gz = zlib.gzipSync(data, { level: 9 }).length;
  if (name.endsWith(".js")) (js += data.length), (jsGz += gz);
  if (name.endsWith(".css")) (css += data.length), (cssGz += gz);
}
const kb = (n) => (n / 1024).toFixed(1) + " KiB";
console.log(`client/web: JavaScript ${kb(js)} (gzip ${kb(jsGz)}), CSS ${kb(css)} (gzip ${kb(cssGz)})`);
