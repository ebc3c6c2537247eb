// Validates every /hsds/ response of a server loaded with the demo network against the HSDS 3.0
// schemas in shared/hsds-3.0/schema (compiled/*.json for organizations and services, the
// per-table taxonomy schemas, the Page schema of openapi.json), checks that only public data
// appears, and proves the validator can fail by feeding it a broken service.
// Usage: node validate.mjs SERVER_BINARY SCHEMA_DIR
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [binary, schemaDir] = process.argv.slice(2);
if (!binary || !schemaDir) {
  console.error("usage: node validate.mjs SERVER_BINARY SCHEMA_DIR");
  process.exit(2);
}

const base = "https://hsds.test/schema/";
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const load = (rel) => JSON.parse(fs.readFileSync(path.join(schemaDir, rel), "utf8"));
for (const name of fs.readdirSync(schemaDir).filter((n) => n.endsWith(".json"))) {
  if (name === "openapi.json") continue;
  ajv.addSchema({ ...load(name), $id: base + name });
}
for (const name of ["organization.json", "organization_list.json", "service.json", "service_list.json"]) {
  ajv.addSchema({ ...load("compiled/" + name), $id: base + "compiled/" + name });
}
ajv.addSchema({ ...load("openapi.json").components.schemas.Page, $id: base + "page.json",
                required: ["total_items", "total_pages", "page_number", "size", "first_page",
                           "last_page", "empty", "contents"] });

let failures = 0, checked = 0;
function check(schema, value, where) {
  const validate = ajv.getSchema(base + schema);
  if (!validate) throw new Error("no schema " + schema);
  checked++;
  if (!validate(value)) {
    failures++;
    if (!where.startsWith("deliberately")) console.error(`FAIL ${where} against ${schema}:`, JSON.stringify(validate.errors.slice(0, 5)));
    return false;
  }
  return true;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-hsds-"));
const server = spawn(binary, ["--db", path.join(dir, "hsds.db"), "--demo", "--port", "0",
                              "--access-log", "false"], { stdio: ["ignore", "pipe", "pipe"] });
const port = await new Promise((resolve, reject) => {
  let out = "";
  const onData = (d) => {
    out += d;
    const m = out.match(/listening on http:\/\/[^:]+:(\d+)\r?\n/);
    if (m) resolve(Number(m[1]));
  };
  server.stdout.on("data", onData);
  server.stderr.on("data", onData);
  server.on("exit", (code) => reject(new Error("server exited " + code + ": " + out)));
  setTimeout(() => reject(new Error("server did not start: " + out)), 20000);
});
// A keep-alive connection the server closes as idle can race with the next request on it; like
// any HTTP client, retry an idempotent GET once on such a network error (RFC 9110 §9.2.2). An
// HTTP error status is never retried.
const fetchOnce = (p) => fetch(`http://127.0.0.1:${port}${p}`);
const get = async (p) => {
  const res = await fetchOnce(p).catch((e) => {
    if (e?.cause?.code !== "UND_ERR_SOCKET" && e?.cause?.code !== "ECONNRESET") throw e;
    return fetchOnce(p);
  });
  if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
};

try {
  const meta = await get("/hsds/");
  if (meta.version !== "3.0" || !meta.openapi_url) throw new Error("bad /hsds/ " + JSON.stringify(meta));

  const orgIds = [];
  for (let page = 1; ; page++) {
    const body = await get(`/hsds/organizations?per_page=25&page=${page}`);
    check("page.json", body, `/hsds/organizations page ${page}`);
    body.contents.forEach((o, i) => check("compiled/organization_list.json", o, `organizations[${i}]`));
    orgIds.push(...body.contents.map((o) => o.id));
    if (body.last_page) break;
  }
  const serviceIds = [];
  for (let page = 1; ; page++) {
    const body = await get(`/hsds/services?per_page=50&page=${page}`);
    check("page.json", body, `/hsds/services page ${page}`);
    body.contents.forEach((s, i) => check("compiled/service_list.json", s, `services[${i}]`));
    serviceIds.push(...body.contents.map((s) => s.id));
    if (body.last_page) break;
  }
  let locations = 0;
  for (const id of orgIds) {
    const o = await get(`/hsds/organizations/${id}`);
    check("compiled/organization.json", o, `/hsds/organizations/${id}`);
    locations += o.locations.length;
  }
  let sample;
  for (const id of serviceIds) {
    sample = await get(`/hsds/services/${id}`);
    check("compiled/service.json", sample, `/hsds/services/${id}`);
  }
  const taxonomies = await get("/hsds/taxonomies");
  check("page.json", taxonomies, "/hsds/taxonomies");
  taxonomies.contents.forEach((t) => check("taxonomy.json", t, "taxonomy"));
  const terms = await get("/hsds/taxonomy_terms?per_page=50");
  check("page.json", terms, "/hsds/taxonomy_terms");
  terms.contents.forEach((t) => check("taxonomy_term.json", t, `term ${t.code}`));
  const filtered = await get(`/hsds/services?taxonomy_term_id=${terms.contents[1].id}`);
  if (filtered.total_items === 0) throw new Error("no night nursery service via taxonomy_term_id");

  // Public data only: the demo's network-only shelter and its hidden address never appear.
  const all = JSON.stringify(await Promise.all(orgIds.map((id) => get(`/hsds/organizations/${id}`))));
  if (all.includes("シェルター")) throw new Error("a network-only organization leaked into HSDS");
  if (orgIds.length < 40 || serviceIds.length < 60 || locations === 0) {
    throw new Error(`too little output: ${orgIds.length} orgs, ${serviceIds.length} services`);
  }
  // The validator itself must be able to fail.
  const broken = { ...sample, status: "open", minimum_age: "three" };
  delete broken.name;
  const before = failures;
  if (check("compiled/service.json", broken, "deliberately broken service")) {
    throw new Error("the validator accepted a broken service");
  }
  failures = before;
  console.log(`hsds: ${checked} documents checked (${orgIds.length} organizations, ` +
              `${serviceIds.length} services, ${terms.contents.length} terms); ${failures} failures`);
} catch (e) {
  console.error("FAIL", e.message, e.cause ?? "");
  failures++;
} finally {
  server.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failures === 0 ? 0 : 1);
