import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * The Content-Security-Policy of the deployed site, read from netlify.toml so there is one source.
 * The built index.html carries it as a <meta> tag too, so `vite preview` (and the e2e tests)
 * enforce the same policy; `frame-ancestors` is left out there because browsers ignore it (with a
 * console error) in a <meta> tag. The dev server gets no policy: Vite injects styles and a websocket.
 */
function contentSecurityPolicy(): Plugin {
  const toml = readFileSync(fileURLToPath(new URL("../netlify.toml", import.meta.url)), "utf8");
  const match = /^\s*Content-Security-Policy\s*=\s*"([^"]+)"/m.exec(toml);
  if (!match) throw new Error("netlify.toml has no Content-Security-Policy header");
  const policy = match[1]
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith("frame-ancestors"))
    .join("; ");
  return {
    name: "svcplay-csp",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: policy },
        injectTo: "head-prepend",
      },
    ],
  };
}

export default defineConfig({
  // Relative URLs: the built folder works from any path of any static host.
  base: "./",
  plugins: [contentSecurityPolicy()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      // The page, and the <svcplay-playground> element for other sites. embed.js keeps a stable
      // name (hosts write it into a <script src>); everything it loads is hashed under assets/.
      input: {
        index: fileURLToPath(new URL("./index.html", import.meta.url)),
        frame: fileURLToPath(new URL("./frame.html", import.meta.url)),
        embed: fileURLToPath(new URL("./src/embed.ts", import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === "embed" ? "embed.js" : "assets/[name]-[hash].js"),
      },
    },
  },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
});
