// The <svcplay-playground> element with requests: the request's path drawn over the diagram, Copy
// link (opens the full page with the same scenario, seed and replay mode) and the YAML, SVG and PNG
// exports, in light and dark. Screenshots go to tests/e2e/screenshots/.
import { mkdirSync, readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { watchErrors } from "./errors";

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const diagram = (el: Locator) => el.getByRole("group", { name: "Cluster diagram" });

async function open(page: Page, section: string, name: string): Promise<Locator> {
  await page.goto("./embed-attributes.html");
  await page.getByText(section, { exact: true }).click();
  const el = region(page, name);
  await expect(el.getByRole("status")).toContainText(/^(Evaluated|Replayed as observed state): /, { timeout: 20_000 });
  return el;
}

/** The JSON a `#v1=` link carries. */
function payload(url: string): Record<string, unknown> {
  return JSON.parse(inflateRawSync(Buffer.from(url.split("#v1=")[1]!, "base64url")).toString("utf8"));
}

const shots = "tests/e2e/screenshots";

for (const scheme of ["light", "dark"] as const) {
  test(`the embed draws and animates a request's path (${scheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 900, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const el = await open(page, "src", "Scenario from a file");
    await expect(page.locator("svcplay-playground").filter({ has: el })).toHaveAttribute("data-scheme", scheme);
    await el.getByRole("spinbutton", { name: "Requests" }).fill("3");
    await el.getByRole("button", { name: "Send" }).click();
    await expect(el.getByText(/^3 requests: 3 delivered\.$/)).toBeVisible();
    const d = diagram(el);
    // One line per request (up to five), from the external client through the entry node to a pod;
    // a dot moves along each while the reader allows motion.
    await expect(d.locator("polyline.path.delivered")).toHaveCount(3);
    await expect(d.locator("circle.packet").first()).toBeAttached();
    const points = await d.locator("polyline.path").first().getAttribute("points");
    expect(points!.split(" ").length).toBe(3);
    await expect(d.locator("circle.packet")).toHaveCount(0, { timeout: 10_000 });
    mkdirSync(shots, { recursive: true });
    await el.screenshot({ path: `${shots}/embed-request-${scheme}.png` });
    // The path stays when the diagram is redrawn for a new width, and goes with a new evaluation.
    await page.setViewportSize({ width: 600, height: 900 });
    await expect(d.locator("polyline.path.delivered")).toHaveCount(3);
    await el.getByRole("textbox", { name: "To" }).fill("192.168.1.2:31111");
    await el.getByRole("spinbutton", { name: "Requests" }).fill("1");
    await el.getByRole("button", { name: "Send" }).click();
    await expect(el.getByText(/^Refused:/)).toBeVisible();
    await expect(d.locator("polyline.path")).toHaveCount(1);
    await expect(d.locator("polyline.path.refused")).toHaveCount(1);
    expect(errors).toEqual([]);
    await context.close();
  });
}

test("with reduced motion the path is drawn without a moving dot", async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  const el = await open(page, "preset", "Load balancer preset");
  const to = el.getByRole("textbox", { name: "To" });
  const lb = await diagram(el).getByText(/^203\.0\.113\./).first().textContent();
  await to.fill(`${lb}:80`);
  await el.getByRole("button", { name: "Send" }).click();
  await expect(el.getByText(/^Delivered to pod frontend-/)).toBeVisible();
  // Client → load balancer → node → pod.
  const points = await diagram(el).locator("polyline.path.delivered").getAttribute("points");
  expect(points!.split(" ").length).toBe(4);
  await expect(diagram(el).locator("circle.packet")).toHaveCount(0);
  await context.close();
});

test("Copy link in the embed opens the page with the same scenario and seed", async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const el = await open(page, "src", "Scenario from a file");
  const pods = await diagram(el).getByRole("button", { name: /^Pod / }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  await el.getByRole("button", { name: "Copy link" }).click();
  const field = el.getByRole("textbox", { name: "Link to this scenario" });
  await expect(field).toBeVisible();
  const url = await field.inputValue();
  expect(url.startsWith("http://127.0.0.1:4173/#v1=")).toBe(true);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(el.getByRole("status")).toContainText("Link copied");
  // The file's text (it is no preset); seed 1 and the replay mode are defaults, left out.
  expect(payload(url)).toEqual({ y: readFileSync("www/public/examples/nodeport.yaml", "utf8") });

  const other = await browser.newContext();
  const page2 = await other.newPage();
  const errors2 = watchErrors(page2);
  await page2.goto(url);
  await expect(page2.locator("#app")).toHaveAttribute("data-status", "ready");
  await expect(page2.getByRole("alert")).toBeEmpty();
  const pods2 = await page2.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Pod / }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  expect(pods2).toEqual(pods);
  expect(errors).toEqual([]);
  expect(errors2).toEqual([]);
  await context.close();
  await other.close();
});

test("link() of a preset element (no buttons) names the preset and the seed only", async ({ page }) => {
  const el = await open(page, "seed", "Seed 8");
  const pods = await diagram(el).getByRole("button", { name: /^Pod / }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  await expect(el.getByRole("button", { name: "Copy link" })).toHaveCount(0);
  const url = (await page
    .locator("svcplay-playground")
    .filter({ has: el })
    .evaluate((e) => (e as unknown as { link(): Promise<string | null> }).link()))!;
  expect(payload(url)).toEqual({ p: "one-node", s: 8 });
  expect(url.length).toBeLessThan(80);
  await page.goto(url);
  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  await expect(page.getByRole("combobox", { name: "Scenario" })).toHaveValue("one-node");
  await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue("8");
  const pods2 = await page.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Pod / }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  expect(pods2).toEqual(pods);
});

test("a link from an observed element opens the page replaying observed state", async ({ page }) => {
  const errors = watchErrors(page);
  const el = await open(page, "observed", "Observed state");
  await el.getByRole("button", { name: "Copy link" }).click();
  const url = await el.getByRole("textbox", { name: "Link to this scenario" }).inputValue();
  expect(payload(url).o).toBe(true);
  await page.goto(url);
  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  const banner = page.getByRole("region", { name: "Replay" });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("checkbox", { name: /Replay as observed state/ })).toBeChecked();
  await expect(page.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Pod api-1, 10\.244\.2\.88, not ready/ })).toBeVisible();
  // And the page's own link keeps the mode.
  await page.getByRole("button", { name: "Copy link" }).click();
  expect(payload(await page.getByRole("textbox", { name: "Link to this scenario" }).inputValue()).o).toBe(true);
  expect(errors).toEqual([]);
});

test("the embed exports YAML, SVG and PNG", async ({ page }) => {
  const errors = watchErrors(page);
  const el = await open(page, "src", "Scenario from a file");
  await el.getByRole("button", { name: "Send" }).click();
  await expect(el.getByText(/^Delivered to pod shop-/)).toBeVisible();

  const [yaml] = await Promise.all([page.waitForEvent("download"), el.getByRole("button", { name: "Download YAML" }).click()]);
  expect(yaml.suggestedFilename()).toBe("svcplay-nodeport.yaml");
  expect(readFileSync((await yaml.path())!, "utf8")).toBe(readFileSync("www/public/examples/nodeport.yaml", "utf8"));

  const [svg] = await Promise.all([page.waitForEvent("download"), el.getByRole("button", { name: "Download SVG" }).click()]);
  expect(svg.suggestedFilename()).toBe("svcplay-nodeport.svg");
  const svgText = readFileSync((await svg.path())!, "utf8");
  expect(svgText).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).toContain("svc/shop");
  expect(svgText).toMatch(/<rect [^>]*fill="rgb\(/);
  // The drawn path is part of the picture, the moving dot is not.
  expect(svgText).toMatch(/<polyline [^>]*class="path delivered"/);
  expect(svgText).not.toContain("packet");

  const [png] = await Promise.all([page.waitForEvent("download"), el.getByRole("button", { name: "Download PNG" }).click()]);
  expect(png.suggestedFilename()).toBe("svcplay-nodeport.png");
  const bytes = readFileSync((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(5000);
  expect(errors).toEqual([]);
});

test("a cluster dump loaded into an embed is not put in a link", async ({ page }) => {
  const el = await open(page, "src", "Scenario from a file");
  await page.locator("svcplay-playground").filter({ has: el }).evaluate(async (e) => {
    const yaml = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n    namespace: default\n    uid: 0b6c2a0e-1111-4222-8333-444455556666\n  spec:\n    containers:\n    - name: c\n      image: nginx\n";
    await (e as unknown as { load(y: string): Promise<unknown> }).load(yaml);
  });
  await expect(el.getByRole("status")).toContainText("Replayed as observed state");
  await el.getByRole("button", { name: "Copy link" }).click();
  await expect(el.getByRole("status")).toHaveText("A cluster dump is not put in a link: it may hold private data, and it stays on this page.");
  await expect(el.getByRole("textbox", { name: "Link to this scenario" })).toBeHidden();
});
