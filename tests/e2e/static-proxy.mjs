// Serves the built client and forwards /api, /hsds and /healthz to the server, for a server
// that does not serve static files itself. Same headers as the server's (CSP default-src 'self').
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

export function startStaticProxy(root, apiPort) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (/^\/(api|hsds|healthz|metrics)/.test(url.pathname)) {
      const up = http.request(
        { host: "127.0.0.1", port: apiPort, path: req.url, method: req.method, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(up);
      return;
    }
    let file = path.join(root, path.normalize(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(root, "index.html");
    }
    res.writeHead(200, {
      "Content-Type": types[path.extname(file)] || "application/octet-stream",
      "Content-Security-Policy": "default-src 'self'",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
