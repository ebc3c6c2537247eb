// Builds the browser client into dist/ (or --outDir, which CMake sets to the build folder).
// No inline script or style ends up in index.html: the server sends CSP default-src 'self'.
import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

export default defineConfig({
  plugins: [preact()],
  build: {
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    sourcemap: false,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/hsds": "http://127.0.0.1:8080" } },
});
