// The docs recipes of docs/embedding.md built into real sites: the code is read out of the docs,
// the site built with the real generator (MkDocs Material in target/mkdocs-venv and Debian's
// `hugo`, both installed by scripts/setup.sh) and served on its own origin, then used like a
// reader would.
import { copyFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { watchErrors } from "./errors";
import { copySvcplay, docsBlock, run, serve, siteDir } from "./sites";

test.describe("MkDocs Material", () => {
  let site: { url: string; close: () => Promise<void> };
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async () => {
    const dir = siteDir("mkdocs");
    // The server first: instant navigation only takes links to the pages of the sitemap, whose
    // addresses come from site_url, so site_url is where the site is served (port included).
    site = await serve(join(dir, "site"));
    // The site around the recipe: Material with instant navigation and the palette toggle (light
    // and dark), no web fonts (no network) and no search (its worker would count among the page's
    // workers). Then the recipe's mkdocs.yml, as docs/embedding.md has it.
    const siteYml = `site_name: Course notes
site_url: ${site.url}
theme:
  name: material
  font: false
  features:
    - navigation.instant
  palette:
    - scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
plugins: []
nav:
  - services.md
  - other.md
`;
    writeFileSync(join(dir, "mkdocs.yml"), siteYml + docsBlock("MkDocs Material", "yaml"));
    mkdirSync(join(dir, "docs/examples"), { recursive: true });
    // The recipe's page content, as docs/embedding.md has it, and the YAML file it points at.
    writeFileSync(join(dir, "docs/services.md"), `# Services\n\nA NodePort Service opens the same port on every node.\n\n${docsBlock("MkDocs Material", "markdown")}\nNext: [ClusterIP](other.md)\n`);
    writeFileSync(join(dir, "docs/other.md"), "# ClusterIP\n\nA ClusterIP Service is reachable inside the cluster only.\n\nBack: [Services](services.md)\n");
    copyFileSync("www/public/examples/nodeport.yaml", join(dir, "docs/examples/nodeport.yaml"));
    copySvcplay(join(dir, "docs/svcplay"));
    run(resolve("target/mkdocs-venv/bin/mkdocs"), ["build", "--strict", "--quiet", "--site-dir", "site"], dir);
  });
  test.afterAll(async () => site?.close());

  test("the playground in a closed ??? example starts when opened, follows the palette toggle and works after instant navigation away and back", async ({ page }) => {
    const errors = watchErrors(page);
    // Material takes a click for instant navigation only once it has the sitemap.
    const sitemap = page.waitForResponse((r) => r.url().endsWith("/sitemap.xml"));
    await page.goto(`${site.url}services/`);
    await sitemap;
    // Marks this document: instant navigation must not reload it.
    await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
    const element = page.locator("svcplay-playground");
    const region = page.getByRole("region", { name: "Kubernetes Services playground" });
    const summary = page.getByText("Try it: a NodePort Service");
    await expect(element).toHaveAttribute("data-status", "idle");
    await summary.click();
    await expect(region.getByRole("status")).toHaveText(/^Evaluated: /, { timeout: 20_000 });
    await expect(region.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Service shop / })).toBeVisible();
    expect(page.workers()).toHaveLength(1);

    // Material's palette toggle (a label with a title; its radio buttons are hidden).
    await expect(element).toHaveAttribute("data-scheme", "light");
    await page.getByTitle("Switch to dark mode").click();
    await expect(page.locator("body")).toHaveAttribute("data-md-color-scheme", "slate");
    await expect(element).toHaveAttribute("data-scheme", "dark");

    // Away with instant navigation: the content is replaced, the element's worker stops.
    await page.getByRole("article").getByRole("link", { name: "ClusterIP" }).click();
    await expect(page).toHaveURL(/\/other\/$/);
    await expect(page.getByRole("heading", { name: "ClusterIP", level: 1 })).toBeVisible();
    await expect.poll(() => page.workers().length).toBe(0);

    // Back: a new element, closed in its block again; opened, it answers a request.
    await page.goBack();
    await expect(page).toHaveURL(/\/services\/$/);
    await expect(element).toHaveAttribute("data-status", "idle");
    await summary.click();
    await expect(region.getByRole("status")).toHaveText(/^Evaluated: /, { timeout: 20_000 });
    await expect(element).toHaveAttribute("data-scheme", "dark");
    await region.getByRole("button", { name: "Send" }).click();
    await expect(region.getByText(/^Delivered to pod shop-/)).toBeVisible();
    await page.getByTitle("Switch to light mode").click();
    await expect(element).toHaveAttribute("data-scheme", "light");
    expect(page.workers()).toHaveLength(1);
    // One document all along: no reload, the script ran once.
    expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);
    expect(errors).toEqual([]);
  });

  test("without JavaScript the opened block shows the fallback text and a link to the YAML", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}services/`);
    await page.getByText("Try it: a NodePort Service").click();
    await expect(page.getByText("The playground needs JavaScript")).toBeVisible();
    const link = page.getByRole("link", { name: "its YAML" });
    await expect(link).toHaveAttribute("href", "../examples/nodeport.yaml");
    const yaml = await page.request.get(new URL("../examples/nodeport.yaml", `${site.url}services/`).href);
    expect(await yaml.text()).toContain("kind: Service");
    await context.close();
  });
});

test.describe("Hugo shortcode", () => {
  let site: { url: string; close: () => Promise<void> };

  // One build, one server: the tests of a site run one after the other in one worker.
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async () => {
    const dir = siteDir("hugo");
    writeFileSync(join(dir, "hugo.toml"), 'baseURL = "/"\ntitle = "Course notes"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n');
    mkdirSync(join(dir, "layouts/shortcodes"), { recursive: true });
    mkdirSync(join(dir, "layouts/_default"), { recursive: true });
    // The recipe's shortcode, as docs/embedding.md has it.
    writeFileSync(join(dir, "layouts/shortcodes/svcplay.html"), docsBlock("Hugo", "go-html-template"));
    // A theme of the smallest kind: the page's title and content.
    const layout = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="icon" href="data:,"></head>\n<body><main>{{ .Content }}</main></body></html>\n';
    writeFileSync(join(dir, "layouts/_default/single.html"), layout);
    writeFileSync(join(dir, "layouts/index.html"), layout);
    mkdirSync(join(dir, "content"), { recursive: true });
    // The recipe's page content, as docs/embedding.md has it.
    writeFileSync(join(dir, "content/services.md"), `---\ntitle: Services\n---\n\nA ClusterIP Service, then a NodePort Service.\n\n${docsBlock("Hugo", "markdown")}`);
    copySvcplay(join(dir, "static/svcplay"));
    run("hugo", ["--quiet", "--destination", "public"], dir);
    site = await serve(join(dir, "public"));
  });
  test.afterAll(async () => site?.close());

  test("a Hugo site built with the shortcode shows both playgrounds; the inline one answers requests", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${site.url}services/`);
    // The script is written once for the two shortcodes.
    await expect(page.locator('script[src$="svcplay/embed.js"]')).toHaveCount(1);
    const [first, second] = [page.locator("svcplay-playground").nth(0), page.locator("svcplay-playground").nth(1)];
    await expect(first).toHaveAttribute("preset", "frontend-backend");
    await expect(first).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
    await expect(first.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Service backend / })).toBeVisible();
    await second.scrollIntoViewIfNeeded();
    await expect(second).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
    await expect(second).toHaveAttribute("seed", "3");
    await expect(second.getByRole("status")).toHaveText(/^Evaluated: 2 created, 0 rejected; \d+ nodes, 2 pods, 1 service\.$/);
    await second.getByRole("textbox", { name: "To" }).fill("192.168.1.2:30080");
    await second.getByRole("button", { name: "Send" }).click();
    await expect(second.getByText(/^Delivered to pod web-/)).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("without JavaScript the Hugo page shows the inline YAML, escaped by Hugo", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}services/`);
    const pre = page.locator("svcplay-playground pre");
    await expect(pre).toHaveCount(1);
    await expect(pre).toContainText("kind: Deployment");
    await expect(pre).toContainText("nodePort: 30080");
    await context.close();
  });
});

test.describe("Docusaurus BrowserOnly (a React stand-in)", () => {
  test.describe.configure({ mode: "serial" });
  let site: { url: string; close: () => Promise<void> };

  test.beforeAll(async () => {
    const dir = siteDir("docusaurus");
    const put = (path: string, text: string) => {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    // The recipe's component and page, as docs/embedding.md has them. The page is MDX: its import
    // lines stay, the rest is JSX.
    put("src/components/Svcplay.jsx", docsBlock("Docusaurus", "jsx"));
    const mdx = docsBlock("Docusaurus", "mdx");
    const imports = mdx.split("\n").filter((l) => l.startsWith("import "));
    const body = mdx.split("\n").filter((l) => !l.startsWith("import ")).join("\n");
    put("src/pages/try.jsx", `${imports.join("\n")}\n\nexport default function Try() {\n  return (\n    <>\n${body}\n    </>\n  );\n}\n`);
    // Stand-ins for Docusaurus: BrowserOnly renders the fallback until mounted in the browser, then
    // its children; useBaseUrl prefixes the site's base URL ("/").
    put(
      "docusaurus/BrowserOnly.jsx",
      'import { useEffect, useState } from "react";\n\nexport default function BrowserOnly({ children, fallback }) {\n  const [mounted, setMounted] = useState(false);\n  useEffect(() => setMounted(true), []);\n  return mounted ? <>{children()}</> : (fallback ?? null);\n}\n',
    );
    put("docusaurus/useBaseUrl.js", 'export default function useBaseUrl(path) {\n  return "/" + path.replace(/^\\//, "");\n}\n');
    // The site around it: Docusaurus's colour-mode button (data-theme on <html>) and client-side
    // navigation between two pages.
    put(
      "src/main.jsx",
      `import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import Try from "./pages/try.jsx";

function Site() {
  const [path, setPath] = useState(location.pathname);
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const back = () => setPath(location.pathname);
    addEventListener("popstate", back);
    return () => removeEventListener("popstate", back);
  }, []);
  useEffect(() => document.documentElement.setAttribute("data-theme", dark ? "dark" : "light"), [dark]);
  const go = (event, to) => {
    event.preventDefault();
    history.pushState(null, "", to);
    setPath(to);
  };
  return (
    <>
      <nav>
        <button type="button" onClick={() => setDark(!dark)}>{dark ? "Switch to light mode" : "Switch to dark mode"}</button>
        <a href="/" onClick={(e) => go(e, "/")}>Try it</a> <a href="/other" onClick={(e) => go(e, "/other")}>Other page</a>
      </nav>
      <main>{path === "/other" ? <p>Another page of the docs.</p> : <Try />}</main>
    </>
  );
}

createRoot(document.getElementById("root")).render(<Site />);
`,
    );
    put(
      "index.html",
      '<!doctype html>\n<html lang="en" data-theme="light">\n<head><meta charset="utf-8"><title>Docs</title><link rel="icon" href="data:,"></head>\n<body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body>\n</html>\n',
    );
    const { build } = await import("vite");
    await build({
      root: dir,
      configFile: false,
      logLevel: "error",
      resolve: {
        alias: {
          "@docusaurus/BrowserOnly": join(dir, "docusaurus/BrowserOnly.jsx"),
          "@docusaurus/useBaseUrl": join(dir, "docusaurus/useBaseUrl.js"),
          "@site": dir,
        },
      },
      oxc: { jsx: { runtime: "automatic" } },
      build: { outDir: "dist", emptyOutDir: true },
    });
    copySvcplay(join(dir, "dist/svcplay"));
    site = await serve(join(dir, "dist"));
  });
  test.afterAll(async () => site?.close());

  test("the component renders the element in the browser only; it starts, follows data-theme and comes back after navigation", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(site.url);
    const solo = page.locator("svcplay-playground[views=diagram]");
    await expect(solo).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
    await expect(solo).toHaveAttribute("seed", "4");
    await expect(solo.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Pod solo/ })).toBeVisible();
    // The one in the closed <details> waits until it is opened.
    const tryIt = page.locator("details svcplay-playground");
    await expect(tryIt).toHaveAttribute("data-status", "idle");
    await page.getByText("Try it: frontend to backend").click();
    await expect(tryIt).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
    await expect(tryIt.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Service backend / })).toBeVisible();
    expect(page.workers()).toHaveLength(2);
    // Docusaurus's colour mode.
    await page.getByRole("button", { name: "Switch to dark mode" }).click();
    await expect(solo).toHaveAttribute("data-scheme", "dark");
    await expect(tryIt).toHaveAttribute("data-scheme", "dark");
    // Away (the elements are removed: their workers stop) and back: now the element is defined
    // when React creates it, so React sets views and seed as properties.
    await page.getByRole("link", { name: "Other page" }).click();
    await expect(page.getByText("Another page of the docs.")).toBeVisible();
    await expect.poll(() => page.workers().length).toBe(0);
    await page.goBack();
    await expect(solo).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
    await expect(solo).toHaveAttribute("seed", "4");
    await expect(solo).toHaveAttribute("views", "diagram");
    await expect(solo).toHaveAttribute("data-scheme", "dark");
    await page.getByText("Try it: frontend to backend").click();
    await expect(tryIt).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
    await expect(tryIt.getByRole("button", { name: "Send" })).toBeVisible();
    expect(errors).toEqual([]);
  });
});
