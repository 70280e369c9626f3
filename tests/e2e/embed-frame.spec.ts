// The frame page (frame.html) for hosts that allow no scripts: a host page on another origin, whose
// policy forbids every script, shows it in an <iframe>; the state comes from the frame's address
// (a share link's `#v1=` fragment, views in the query). A hostile fragment shows a message and the
// default scenario. "Copy iframe" in the element makes the snippet. netlify.toml lets only the
// frame page be framed.
import { readFileSync } from "node:fs";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { watchErrors } from "./errors";

const ORIGIN = "http://127.0.0.1:4173";
// Another origin than the site's (a host name, not its address).
const HOST = "http://localhost:4173/docs-host";
const nodeport = readFileSync("www/public/examples/nodeport.yaml", "utf8");

/** A `#v1=` fragment carrying `payload` (what share.ts's encodeLink writes). */
const fragment = (payload: unknown) => "#v1=" + deflateRawSync(Buffer.from(JSON.stringify(payload))).toString("base64url");
const payload = (url: string) => JSON.parse(inflateRawSync(Buffer.from(url.split("#v1=")[1]!, "base64url")).toString("utf8"));

/**
 * Opens a host page on another origin that allows no scripts at all (its policy says
 * `script-src 'none'`) and shows the given iframes.
 */
async function host(page: Page, frames: { src: string; title: string }[]): Promise<void> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'; img-src data:; frame-src ${ORIGIN}">
<title>Course notes</title><link rel="icon" href="data:,"></head><body><h1>Services</h1>
${frames.map((f) => `<iframe src="${f.src}" title="${f.title}" width="100%" height="620" loading="lazy" allow="clipboard-write"></iframe>`).join("\n")}
</body></html>`;
  // The host page is made up by the test (not served from an address), so Chromium's Local Network
  // Access checks would take it for a public site framing a local one: allow that, as a reader
  // would for a real local site. A public docs site framing a public svcplay needs nothing.
  await page.context().grantPermissions(["local-network-access"]);
  await page.route(`${HOST}/**`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: html }));
  await page.goto(`${HOST}/notes.html`);
}

const region = (frame: FrameLocator) => frame.getByRole("region", { name: "Kubernetes Services playground" });
const pods = (frame: FrameLocator) =>
  region(frame)
    .getByRole("group", { name: "Cluster diagram" })
    .getByRole("button", { name: /^Pod / })
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));

test("a host page without scripts shows the frame page with the link's scenario and seed; a request works inside", async ({ page }) => {
  const errors = watchErrors(page);
  const link = fragment({ y: nodeport, s: 8 });
  await host(page, [
    { src: `${ORIGIN}/frame.html${link}`, title: "NodePort, seed 8" },
    { src: `${ORIGIN}/frame.html?views=diagram&theme=dark${fragment({ y: nodeport })}`, title: "NodePort, seed 1" },
  ]);
  const frame = page.frameLocator('iframe[title="NodePort, seed 8"]');
  await expect(region(frame).getByRole("status")).toContainText(/^Evaluated: 2 created, 0 rejected; \d+ nodes, 2 pods, 1 service\.$/, { timeout: 20_000 });
  await expect(region(frame).getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Service shop / })).toBeVisible();
  await expect(frame.getByRole("alert")).toBeHidden();
  // Diagram and requests by default; the request goes through the simulated cluster.
  await region(frame).getByRole("button", { name: "Send" }).click();
  await expect(region(frame).getByText(/^Delivered to pod shop-/)).toBeVisible();
  await expect(frame.locator("polyline.path.delivered")).toHaveCount(1);
  // "Open in svcplay" opens the full page with the same link.
  await expect(frame.getByRole("link", { name: "Open in svcplay" })).toHaveAttribute("href", `${ORIGIN}/${link}`);

  // The seed is the link's: the same pods as the full page shows for that link, other pods than seed 1.
  const other = page.frameLocator('iframe[title="NodePort, seed 1"]');
  await expect(region(other).getByRole("status")).toContainText(/^Evaluated: /, { timeout: 20_000 });
  // Views and theme from the query: diagram only, dark.
  await expect(region(other).getByRole("button", { name: "Send" })).toHaveCount(0);
  await expect(other.locator("svcplay-playground")).toHaveAttribute("data-scheme", "dark");
  const seeded = await pods(frame);
  expect(seeded).toHaveLength(2);
  expect(await pods(other)).not.toEqual(seeded);
  const full = await page.context().newPage();
  await full.goto(`${ORIGIN}/${link}`);
  await expect(full.locator("#app")).toHaveAttribute("data-status", "ready");
  expect(await full.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Pod / }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")))).toEqual(seeded);

  // The element's own links in the frame carry the same state.
  await region(frame).getByRole("button", { name: "Copy link" }).click();
  const copied = await region(frame).getByRole("textbox", { name: "Link to this scenario" }).inputValue();
  expect(copied.startsWith(`${ORIGIN}/#v1=`)).toBe(true);
  expect(payload(copied)).toEqual({ y: nodeport, s: 8 });
  expect(errors).toEqual([]);
});

test("a hostile or broken fragment shows a message and the default scenario, and uses nothing from the link", async ({ page }) => {
  const errors = watchErrors(page);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const evil = "apiVersion: v1\nkind: Service\nmetadata:\n  name: evil\nspec:\n  ports:\n  - port: 80\n";
  const cases: [string, RegExp][] = [
    ["#v1=%3Cimg%20src=x%20onerror=alert(1)%3E", /not base64url|damaged/],
    ["#v9=AAAA", /newer version \(v9\)/],
    [fragment({ y: evil, s: -1 }), /the seed is not a whole number/],
    [fragment({ y: evil, c: [{ kind: "rm -rf", node: "x" }] }), /a live change has an unknown kind/],
    ["#v1=" + deflateRawSync(Buffer.from(JSON.stringify({ y: "x".repeat(2_000_000) }))).toString("base64url"), /too large/],
  ];
  for (const [hash, why] of cases) {
    await page.goto(`./frame.html${hash}`);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("This link could not be opened (");
    await expect(alert).toContainText(why);
    await expect(alert).toContainText("so the default scenario is shown. Nothing from the link was used.");
    const el = page.getByRole("region", { name: "Kubernetes Services playground" });
    await expect(el.getByRole("status")).toContainText(/^Evaluated: /, { timeout: 20_000 });
    // The default preset (multi-node), seed 1: its Service, nothing named evil.
    await expect(el.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Service / }).first()).toBeVisible();
    await expect(el.getByText("evil")).toHaveCount(0);
    const state = await page.locator("svcplay-playground").evaluate((e) => {
      const el = e as unknown as { yaml: string; seed: number; changes: unknown[] };
      return { yaml: el.yaml, seed: el.seed, changes: el.changes };
    });
    expect(state.yaml).not.toContain("evil");
    expect(state.seed).toBe(1);
    expect(state.changes).toEqual([]);
    await expect(page.getByRole("link", { name: "Open in svcplay" })).toHaveAttribute("href", `${ORIGIN}/`);
  }
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test("Copy iframe gives a snippet whose frame shows the element's scenario and views", async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto("./embed-attributes.html");
  await page.getByText("preset", { exact: true }).click();
  const el = page.getByRole("region", { name: "Load balancer preset", exact: true });
  await expect(el.getByRole("status")).toContainText(/^Evaluated: /, { timeout: 20_000 });
  await el.getByRole("button", { name: "Copy iframe" }).click();
  const field = el.getByRole("textbox", { name: "Iframe for pages without scripts" });
  const snippet = await field.inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  await expect(el.getByRole("status")).toContainText("Iframe snippet copied");
  const m = /^<iframe src="([^"]+)" title="Load balancer preset" width="100%" height="620" loading="lazy" allow="clipboard-write"><\/iframe>$/.exec(snippet);
  expect(m).not.toBeNull();
  const src = m![1]!;
  // Diagram and requests are the frame page's default views: the query is left out.
  expect(src.startsWith(`${ORIGIN}/frame.html#v1=`)).toBe(true);
  expect(payload(src)).toEqual({ p: "loadbalancer" });

  await host(page, [{ src, title: "Load balancer preset" }]);
  const frame = page.frameLocator("iframe");
  await expect(region(frame).getByRole("status")).toContainText(/^Evaluated: /, { timeout: 20_000 });
  await expect(region(frame).getByRole("group", { name: "Cluster diagram" }).getByText(/^203\.0\.113\./).first()).toBeVisible();
  // Its own Copy link names the preset, as the element it came from does.
  await region(frame).getByRole("button", { name: "Copy link" }).click();
  expect(payload(await region(frame).getByRole("textbox", { name: "Link to this scenario" }).inputValue())).toEqual({ p: "loadbalancer" });
  expect(errors).toEqual([]);
  await context.close();
});

test("the iframe example of docs/embedding.md opens its scenario and seed", async ({ page }) => {
  const docs = readFileSync("docs/embedding.md", "utf8");
  const src = /<iframe src="https:\/\/example\.org\/svcplay\/(frame\.html#v1=[^"]+)"/.exec(docs)![1]!;
  await page.goto(`./${src}`);
  const el = page.locator("svcplay-playground");
  await expect(el).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await expect(el).toHaveAttribute("preset", "one-node");
  await expect(el).toHaveAttribute("seed", "8");
  await expect(page.getByRole("alert")).toBeHidden();
});

/** The headers a request path gets from netlify.toml: later matching rules override earlier ones for a header. */
function netlifyHeaders(toml: string, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of toml.split(/^\[\[headers\]\]/m).slice(1)) {
    const pattern = /for\s*=\s*"([^"]+)"/.exec(block)![1]!;
    const re = new RegExp("^" + pattern.split("*").map((p) => p.replace(/[.?+^$()[\]{}|\\]/g, "\\$&")).join(".*") + "$");
    if (!re.test(path)) continue;
    for (const m of block.matchAll(/^\s*([A-Za-z-]+)\s*=\s*"([^"]*)"/gm)) if (m[1] !== "for") out[m[1]!] = m[2]!;
  }
  return out;
}

test("netlify.toml: only the frame page may be framed, by any site; everything else by none", () => {
  const toml = readFileSync("netlify.toml", "utf8");
  const ancestors = (path: string) => /frame-ancestors ([^;]+)/.exec(netlifyHeaders(toml, path)["Content-Security-Policy"] ?? "")?.[1];
  for (const path of ["/frame.html", "/frame"]) expect(ancestors(path), path).toBe("*");
  for (const path of ["/", "/index.html", "/index", "/embed.js", "/embed-test.html", "/assets/index-abc.js", "/examples/nodeport.yaml", "/frame.html.bak", "/x/frame.html"]) {
    expect(ancestors(path), path).toBe("'none'");
  }
  // The frame page's policy is otherwise the site's.
  const strip = (csp: string) => csp.replace(/;?\s*frame-ancestors [^;]+/, "");
  expect(strip(netlifyHeaders(toml, "/frame.html")["Content-Security-Policy"]!)).toBe(strip(netlifyHeaders(toml, "/")["Content-Security-Policy"]!));
});
