// Validates every /hsds/ response of a server loaded with the demo network against the HSDS 3.0
// schemas in shared/hsds-3.0/schema: every page and every item of every list (organizations,
// services, services at locations, taxonomies, terms; plain and full=true), every ndjson line,
// every item route for every id, and each path of HSDS's own openapi.json against the response
// schema it names; then `tsunagu-server export-hsds` of the same database: every file against
// its schema, the same objects as the full ndjson lists, and the same bytes when run twice; then
// the round trip: that export imported (`import-hsds`) into an empty database and exported again
// gives the same bytes. Checks that only public data appears (the seed's network-only entries and
// non-public addresses, anywhere in any answer), and proves the validator can fail by feeding it
// a broken service.
// Usage: node validate.mjs SERVER_BINARY SCHEMA_DIR
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [binary, schemaDir] = process.argv.slice(2);
if (!binary || !schemaDir) {
  console.error("usage: node validate.mjs SERVER_BINARY SCHEMA_DIR");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const seed = JSON.parse(fs.readFileSync(path.join(here, "../../seed/10_organizations.json"), "utf8"));

// The spec's response $refs are absolute URLs; they resolve to the local copy.
const specBase = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";
const base = "https://hsds.test/schema/";
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const load = (rel) => JSON.parse(fs.readFileSync(path.join(schemaDir, rel), "utf8"));
for (const name of fs.readdirSync(schemaDir).filter((n) => n.endsWith(".json"))) {
  if (name === "openapi.json") continue;
  ajv.addSchema({ ...load(name), $id: base + name });
}
for (const name of fs.readdirSync(path.join(schemaDir, "compiled"))) {
  if (name === "tabular.json" || name === "service_with_definitions.json") continue;
  ajv.addSchema({ ...load("compiled/" + name), $id: base + "compiled/" + name });
}
const openapi = load("openapi.json");
ajv.addSchema({ ...openapi.components.schemas.Page, $id: base + "page.json",
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
function expect(condition, message) {
  if (!condition) {
    failures++;
    console.error("FAIL " + message);
  }
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
let everything = "";  // every body received, for the privacy check
const places = new Set();  // every "latitude,longitude" pair in them
function collectPlaces(value) {
  if (Array.isArray(value)) value.forEach(collectPlaces);
  else if (value && typeof value === "object") {
    if ("latitude" in value) places.add(`${value.latitude},${value.longitude}`);
    Object.values(value).forEach(collectPlaces);
  }
}
const getText = async (p, status = 200) => {
  const res = await fetchOnce(p).catch((e) => {
    if (e?.cause?.code !== "UND_ERR_SOCKET" && e?.cause?.code !== "ECONNRESET") throw e;
    return fetchOnce(p);
  });
  const text = await res.text();
  everything += text;
  if (res.status !== status) throw new Error(`${p}: HTTP ${res.status} ${text}`);
  return { text, type: res.headers.get("content-type") ?? "" };
};
const get = async (p) => {
  const body = JSON.parse((await getText(p)).text);
  collectPlaces(body);
  return body;
};

// Every page of `route` (per_page small enough to need several), each validated as a Page with
// items of `itemSchema`; then the same list as ndjson, every line validated and counted.
async function list(route, itemSchema) {
  const sep = route.includes("?") ? "&" : "?";
  const items = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const body = await get(`${route}${sep}per_page=7&page=${page}`);
    check("page.json", body, `${route} page ${page}`);
    body.contents.forEach((o, i) => check(itemSchema, o, `${route} page ${page} [${i}]`));
    expect(body.page_number === page && body.size === body.contents.length,
           `${route} page ${page}: page_number/size`);
    items.push(...body.contents);
    total = body.total_items;
    if (body.last_page) break;
  }
  expect(items.length === total, `${route}: ${items.length} items over the pages, total_items ${total}`);
  const nd = await getText(`${route}${sep}format=ndjson`);
  expect(nd.type.startsWith("application/x-ndjson"), `${route} ndjson: content-type ${nd.type}`);
  const lines = nd.text.split("\n").filter((l) => l !== "");
  lines.forEach((l, i) => {
    const item = JSON.parse(l);
    collectPlaces(item);
    check(itemSchema, item, `${route} ndjson line ${i + 1}`);
  });
  expect(lines.length === total, `${route} ndjson: ${lines.length} lines, total_items ${total}`);
  return items;
}

try {
  const meta = await get("/hsds/");
  expect(meta.version === "3.0" && meta.profile && meta.openapi_url, "/hsds/ " + JSON.stringify(meta));

  const orgs = await list("/hsds/organizations", "compiled/organization_list.json");
  await list("/hsds/organizations?full=true", "compiled/organization.json");
  await list("/hsds/organizations?full_service=true", "compiled/organization.json");
  const services = await list("/hsds/services", "compiled/service_list.json");
  await list("/hsds/services?full=true", "compiled/service.json");
  await list("/hsds/services?minimal=true", "compiled/service_list.json");
  const atLocations = await list("/hsds/service_at_locations", "compiled/service_at_location_list.json");
  await list("/hsds/service_at_locations?full=true", "compiled/service_at_location.json");
  const taxonomies = await list("/hsds/taxonomies", "taxonomy.json");
  const terms = await list("/hsds/taxonomy_terms", "taxonomy_term.json");

  let locations = 0;
  for (const { id } of orgs) {
    const o = await get(`/hsds/organizations/${id}`);
    check("compiled/organization.json", o, `/hsds/organizations/${id}`);
    check("compiled/organization.json", await get(`/hsds/organizations/${id}?full_service=true`),
          `/hsds/organizations/${id}?full_service=true`);
    locations += o.locations.length;
  }
  let sample;
  for (const { id } of services) {
    sample = await get(`/hsds/services/${id}`);
    check("compiled/service.json", sample, `/hsds/services/${id}`);
  }
  for (const { id } of atLocations) {
    check("compiled/service_at_location.json", await get(`/hsds/service_at_locations/${id}`),
          `/hsds/service_at_locations/${id}`);
  }
  for (const { id } of taxonomies) check("taxonomy.json", await get(`/hsds/taxonomies/${id}`), `/hsds/taxonomies/${id}`);
  for (const { id } of terms) check("taxonomy_term.json", await get(`/hsds/taxonomy_terms/${id}`), `/hsds/taxonomy_terms/${id}`);

  const night = terms.find((t) => t.code === "night_nursery");
  const filtered = await get(`/hsds/services?taxonomy_term_id=${night.id}`);
  expect(filtered.total_items > 0, "no night nursery service via taxonomy_term_id");
  expect(orgs.length >= 40 && services.length >= 60 && locations > 0 && atLocations.length > 0,
         `too little output: ${orgs.length} orgs, ${services.length} services, ${atLocations.length} places`);

  // Each path of HSDS's openapi.json answers 200 with the shape its response schema names.
  // openapi.json names compiled/service.json for /service_at_locations/{id}, against its own
  // description ("fully nested service_at_location"); Tsunagu answers the latter (docs/hsds.md).
  const override = { "/service_at_locations/{id}": "compiled/service_at_location.json" };
  const anId = { "/services/{id}": services[0].id, "/organizations/{id}": orgs[0].id,
                 "/service_at_locations/{id}": atLocations[0].id, "/taxonomies/{id}": taxonomies[0].id,
                 "/taxonomy_terms/{id}": terms[0].id };
  let paths = 0;
  for (const [p, item] of Object.entries(openapi.paths)) {
    const schema = item.get.responses["200"].content["application/json"].schema;
    const url = "/hsds" + p.replace("{id}", anId[p] ?? "missing");
    const body = await get(url);
    paths++;
    if (override[p]) {
      check(override[p], body, `openapi ${p}`);
    } else if (schema.$ref) {
      check(schema.$ref.replace(specBase, ""), body, `openapi ${p}`);
    } else if (schema.allOf) {
      check("page.json", body, `openapi ${p}`);
      const ref = schema.properties.contents.items.$ref.replace(specBase, "");
      body.contents.forEach((c, i) => check(ref, c, `openapi ${p} [${i}]`));
    } else {
      for (const key of Object.keys(schema.properties)) expect(typeof body[key] === "string", `openapi ${p}: ${key}`);
    }
  }

  // The export of the same database (read while the server runs): every file against the schema
  // it names, the same objects /hsds/ shows in full, byte for byte the same when run again.
  const exportDir = (name) => {
    const out = path.join(dir, name);
    execFileSync(binary, ["export-hsds", "--db", path.join(dir, "hsds.db"), "--out", out]);
    return out;
  };
  const first = exportDir("export-1"), second = exportDir("export-2");
  const exported = { "organizations.json": ["compiled/organization_package.json", "/hsds/organizations?format=ndjson&full_service=true"],
                     "services.json": ["compiled/service_package.json", "/hsds/services?format=ndjson&full=true"],
                     "service_at_locations.json": ["compiled/service_at_location_package.json", "/hsds/service_at_locations?format=ndjson&full=true"],
                     "taxonomies.json": ["taxonomy.json", "/hsds/taxonomies?format=ndjson"],
                     "taxonomy_terms.json": ["taxonomy_term.json", "/hsds/taxonomy_terms?format=ndjson"] };
  expect(JSON.stringify(fs.readdirSync(first).sort()) === JSON.stringify(Object.keys(exported).sort()),
         "export-hsds wrote " + fs.readdirSync(first).join(", "));
  for (const [name, [schema, route]] of Object.entries(exported)) {
    const text = fs.readFileSync(path.join(first, name), "utf8");
    everything += text;
    const items = JSON.parse(text);
    collectPlaces(items);
    if (schema.endsWith("_package.json")) check(schema, items, `export ${name}`);
    else items.forEach((item, i) => check(schema, item, `export ${name} [${i}]`));
    const lines = (await getText(route)).text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
    expect(JSON.stringify(items) === JSON.stringify(lines), `export ${name} differs from ${route}`);
    expect(text === fs.readFileSync(path.join(second, name), "utf8"), `export ${name} differs between two runs`);
  }

  // The round trip: the demo's export imported into an empty database (with a key of its own)
  // and exported again gives the same five files, byte for byte.
  const key = path.join(dir, "import.key");
  execFileSync(binary, ["audit-keygen", "--out", key]);
  const imported = path.join(dir, "imported.db");
  execFileSync(binary, ["import-hsds", "--db", imported, first, "--audit-key-file", key], { stdio: "pipe" });
  execFileSync(binary, ["export-hsds", "--db", imported, "--out", path.join(dir, "export-3")]);
  for (const name of Object.keys(exported)) {
    expect(fs.readFileSync(path.join(first, name), "utf8") === fs.readFileSync(path.join(dir, "export-3", name), "utf8"),
           `export ${name} differs after export → import-hsds into an empty database → export`);
  }
  expect(JSON.stringify(fs.readdirSync(path.join(dir, "export-3")).sort()) === JSON.stringify(Object.keys(exported).sort()),
         "the export of the imported database wrote " + fs.readdirSync(path.join(dir, "export-3")).join(", "));

  // Public data only, in every answer above: no network-only entry (its id or name), no address
  // (or coordinates) that is not public.
  const networkOnly = seed.items.filter((o) => o.visibility !== "public");
  const withheld = seed.items.filter((o) => o.address_visibility !== "public");
  expect(networkOnly.length > 0 && withheld.length > 0 && places.size > 0,
         "the seed has no private entries to look for, or HSDS showed no place at all");
  for (const o of networkOnly) {
    expect(!everything.includes(o.id), `network-only ${o.name} (${o.id}) appears in HSDS`);
    expect(!everything.includes(o.name), `network-only ${o.name} appears in HSDS`);
  }
  for (const o of withheld) {
    if (o.address) expect(!everything.includes(o.address), `the address of ${o.name} appears in HSDS`);
    if (o.lat) expect(!places.has(`${o.lat},${o.lon}`), `the coordinates of ${o.name} appear in HSDS`);
  }

  // The validator itself must be able to fail.
  const broken = { ...sample, status: "open", minimum_age: "three" };
  delete broken.name;
  const before = failures;
  if (check("compiled/service.json", broken, "deliberately broken service")) {
    throw new Error("the validator accepted a broken service");
  }
  failures = before;
  console.log(`hsds: ${checked} documents checked (${orgs.length} organizations, ` +
              `${services.length} services, ${atLocations.length} services at locations, ` +
              `${terms.length} terms, ${paths} openapi paths, ${Object.keys(exported).length} exported files); ` +
              `${failures} failures`);
} catch (e) {
  console.error("FAIL", e.message, e.cause ?? "");
  failures++;
} finally {
  server.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failures === 0 ? 0 : 1);
