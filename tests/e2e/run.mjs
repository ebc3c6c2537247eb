// Runs the browser tests: starts the real tsunagu-server on a free port with the demo data and
// the built client, then the scenarios (*.test.mjs) with Node's test runner
// (two files at a time: they share the server and its demo data without depending on each
// other, and the machines have two cores).
// Usage: node run.mjs SERVER_BINARY WEB_DIST SCREENSHOT_DIR [test files…]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [binary, webRoot, shots, ...only] = process.argv.slice(2);
if (!binary || !webRoot || !shots) {
  console.error("usage: node run.mjs SERVER_BINARY WEB_DIST SCREENSHOT_DIR [test files…]");
  process.exit(2);
}
if (!fs.existsSync(path.join(webRoot, "index.html"))) {
  console.error(`e2e: ${webRoot}/index.html is missing: build the client first (cmake --build)`);
  process.exit(1);
}
fs.mkdirSync(shots, { recursive: true });

const password = "e2e-demo-password-1";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-e2e-"));
const args = ["--db", path.join(dir, "e2e.db"), "--demo", "--port", "0", "--access-log", "false",
              "--web-root", webRoot];
const server = spawn(binary, args, {
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, TSUNAGU_DEMO_PASSWORD: password },
});
let serverLog = "";
const port = await new Promise((resolve, reject) => {
  const onData = (d) => {
    serverLog += d;
    const m = serverLog.match(/listening on http:\/\/[^:]+:(\d+)\r?\n/);
    if (m) resolve(Number(m[1]));
  };
  server.stdout.on("data", onData);
  server.stderr.on("data", onData);
  server.on("exit", (code) => reject(new Error("server exited " + code + ": " + serverLog)));
  setTimeout(() => reject(new Error("server did not start: " + serverLog)), 60000);
});

const base = `http://127.0.0.1:${port}`;

const files = only.length
  ? only.map((f) => path.resolve(f))
  : fs.readdirSync(here).filter((f) => f.endsWith(".test.mjs")).sort().map((f) => path.join(here, f));
const code = await new Promise((resolve) => {
  const t = spawn(process.execPath, ["--test", "--test-concurrency=2", ...files], {
    stdio: "inherit",
    env: { ...process.env, TSUNAGU_E2E_BASE: base, TSUNAGU_E2E_PASSWORD: password, TSUNAGU_E2E_SHOTS: shots },
  });
  t.on("exit", (c) => resolve(c ?? 1));
});
server.kill("SIGTERM");
await new Promise((r) => server.on("exit", r));
fs.rmSync(dir, { recursive: true, force: true });
process.exit(code);
