// The attributes of <svcplay-playground> (docs/embedding.md), on www/public/embed-attributes.html:
// readonly, height, src, seed, preset and observed. Elements are found by their region's name.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { watchErrors } from "./errors";

/** Opens the page and the `<details>` section named `section`. */
async function open(page: Page, section: string): Promise<void> {
  await page.goto("./embed-attributes.html");
  await page.getByText(section, { exact: true }).click();
}

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
/** The element itself (for its attributes), by the name of its region. */
const element = (page: Page, name: string) => page.locator("svcplay-playground").filter({ has: region(page, name) });
const diagram = (el: Locator) => el.getByRole("group", { name: "Cluster diagram" });
const status = (el: Locator) => el.getByRole("status");

async function ready(el: Locator): Promise<void> {
  // The first start on a cold, shared machine compiles the wasm module: allow for it.
  await expect(status(el)).toContainText(/^(Evaluated|Replayed as observed state): /, { timeout: 20_000 });
}

test("readonly: the editor shows the scenario and refuses changes", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, "readonly");
  const el = region(page, "Read-only editor");
  await ready(el);
  const editor = el.getByRole("textbox", { name: "Manifests (YAML)" });
  await expect(editor).toHaveAttribute("aria-readonly", "true");
  const before = await editor.innerText();
  expect(before).toContain("kind: Service");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.insertText("kind: Nothing\n");
  await page.waitForTimeout(400);
  expect(await editor.innerText()).toBe(before);
  await expect(diagram(el).getByRole("button", { name: /^Pod / })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test("height: the diagram is at most that tall (pixels or a CSS length) and scrolls", async ({ page }) => {
  await open(page, "height");
  for (const [name, px] of [["Short diagram", 160], ["Diagram of 12rem", 12 * 16]] as const) {
    const el = region(page, name);
    await ready(el);
    const svg = diagram(el);
    const wrap = svg.locator("..");
    const box = (await wrap.boundingBox())!;
    // The border adds 2 px.
    expect(box.height).toBeLessThanOrEqual(px + 2);
    expect(box.height).toBeGreaterThan(px - 10);
    const drawn = (await svg.boundingBox())!;
    expect(drawn.height).toBeGreaterThan(px);
    expect(await wrap.evaluate((w) => w.scrollHeight > w.clientHeight)).toBe(true);
  }
  // Changed on a running element, it applies at once.
  await element(page, "Short diagram").evaluate((e) => e.setAttribute("height", "300"));
  await expect.poll(async () => (await diagram(region(page, "Short diagram")).locator("..").boundingBox())!.height).toBeGreaterThan(250);
});

test("src: the scenario comes from a URL relative to the page; a missing file is a message", async ({ page }) => {
  const errors = watchErrors(page);
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/examples/")) fetched.push(new URL(r.url()).pathname);
  });
  await open(page, "src");
  const el = region(page, "Scenario from a file");
  await ready(el);
  await expect(diagram(el).getByRole("button", { name: /^Service shop \(NodePort\).*30090 → 80 → 80, 2 ready/ })).toBeVisible();
  await expect(diagram(el).getByRole("button", { name: /^Pod shop-/ })).toHaveCount(2);
  expect(fetched).toContain("/examples/nodeport.yaml");
  // The request form points at the file's NodePort.
  await expect(el.getByRole("textbox", { name: "To" })).toHaveValue(/:30090$/);

  const missing = region(page, "Missing file");
  // A static host answers 404; `vite preview` (like many single-page-app hosts) its HTML page.
  await expect(status(missing)).toHaveText(/^svcplay: examples\/no-such-file\.yaml: (HTTP 404|not found \(the server sent an HTML page\))$/);
  await expect(element(page, "Missing file")).toHaveAttribute("data-status", "error");
  // The only console error allowed is the browser's own line for a 404.
  expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
});

test("seed: the same seed gives the same cluster, another seed another one", async ({ page }) => {
  await open(page, "seed");
  const pods = async (name: string) => {
    const el = region(page, name);
    await ready(el);
    return diagram(el).getByRole("button", { name: /^Pod / }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  };
  const a = await pods("Seed 7");
  const b = await pods("Seed 7 again");
  const c = await pods("Seed 8");
  expect(a.length).toBeGreaterThan(1);
  expect(b).toEqual(a);
  expect(c).not.toEqual(a);
  // Pod names carry the seeded random suffix.
  expect(c.map((l) => l!.split(",")[0])).not.toEqual(a.map((l) => l!.split(",")[0]));

  // Changing the attribute re-evaluates with the new seed.
  await element(page, "Seed 8").evaluate((e) => e.setAttribute("seed", "7"));
  await expect.poll(() => pods("Seed 8")).toEqual(a);
});

test("preset: a built-in scenario by name, with its request target", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, "preset");
  const el = region(page, "Load balancer preset");
  await ready(el);
  await expect(diagram(el).getByRole("button", { name: /^Service frontend \(LoadBalancer\)/ })).toBeVisible();
  await expect(diagram(el).getByText(/^Load balancer \(frontend\)/)).toBeVisible();
  expect(errors).toEqual([]);
});

test("observed: stored values are kept (pod IPs, readiness), unlike new manifests", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, "observed");
  const observed = region(page, "Observed state");
  const fresh = region(page, "Same text as new manifests");
  await expect(status(observed)).toContainText("Replayed as observed state: ");
  await expect(status(fresh)).toContainText(/^Evaluated: /);
  await expect(diagram(observed).getByRole("button", { name: /^Pod api-0, 10\.244\.1\.77, ready/ })).toBeVisible();
  await expect(diagram(observed).getByRole("button", { name: /^Pod api-1, 10\.244\.2\.88, not ready/ })).toBeVisible();
  // As new manifests the kubelet gives the pods fresh IPs and makes them ready.
  await expect(diagram(fresh).getByRole("button", { name: /^Pod api-1, / })).toBeVisible();
  await expect(diagram(fresh).getByRole("button", { name: /^Pod api-1, 10\.244\.2\.88, not ready/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});
