// The <svcplay-playground> element on a plain HTML page (www/public/embed-test.html, under the
// site's Content-Security-Policy): lazy start inside closed <details>, independent instances,
// theme following, the JS API and events, and what happens when it is moved, removed, put back.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { watchErrors } from "./errors";

const first = (page: Page) => page.locator("svcplay-playground").nth(0);
const second = (page: Page) => page.locator("svcplay-playground").nth(1);

test("both instances start only when their section is opened, and stay independent", async ({ page }) => {
  const errors = watchErrors(page);
  const wasm: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(r.url());
  });
  await page.goto("./embed-test.html");
  await expect(first(page)).toHaveAttribute("data-status", "idle");
  await expect(second(page)).toHaveAttribute("data-status", "idle");
  await page.waitForTimeout(300);
  expect(wasm).toEqual([]);

  await page.getByText("A NodePort Service (diagram only)").click();
  await expect(first(page)).toHaveAttribute("data-status", "ready");
  await expect(second(page)).toHaveAttribute("data-status", "idle");
  const d1 = first(page).getByRole("group", { name: "Cluster diagram" });
  await expect(d1.getByRole("button", { name: /^Pod web-/ })).toHaveCount(3);
  await expect(d1.getByRole("button", { name: /^Service web \(NodePort\).*30080 → 80 → 80, 3 ready/ })).toBeVisible();
  // Diagram only: no editor, no request form.
  await expect(first(page).getByRole("textbox", { name: "Manifests (YAML)" })).toHaveCount(0);
  await expect(first(page).getByRole("button", { name: "Send" })).toHaveCount(0);

  await page.getByText("Edit it yourself (editor, diagram, requests)").click();
  await expect(second(page)).toHaveAttribute("data-status", "ready");
  const d2 = second(page).getByRole("group", { name: "Cluster diagram" });
  await expect(d2.getByRole("button", { name: /^Service backend / })).toBeVisible();

  // Editing the second changes only the second.
  const editor = second(page).getByRole("textbox", { name: "Manifests (YAML)" });
  const text = await editor.innerText();
  expect(text).toContain("name: backend");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.insertText(
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n  labels:\n    app: solo\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
  );
  await expect(d2.getByRole("button", { name: /^Pod solo,/ })).toBeVisible();
  await expect(d2.getByRole("button", { name: /^Service backend / })).toHaveCount(0);
  await expect(d1.getByRole("button", { name: /^Pod web-/ })).toHaveCount(3);

  // Requests from the form of the second.
  await second(page).getByRole("combobox", { name: "From" }).selectOption({ label: "Pod solo" });
  await second(page).getByRole("textbox", { name: "To" }).fill("http://nothing-here/");
  await second(page).getByRole("button", { name: "Send" }).click();
  await expect(second(page).locator(".outcome")).not.toBeEmpty();

  // One wasm URL for both instances (the second comes from the cache).
  expect(new Set(wasm).size).toBe(1);
  expect(errors).toEqual([]);
});

test("the theme follows the host page and the system", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  await page.goto("./embed-test.html");
  await page.getByText("A NodePort Service (diagram only)").click();
  await page.getByText("Edit it yourself (editor, diagram, requests)").click();
  await expect(first(page)).toHaveAttribute("data-status", "ready");
  const bg = (loc: ReturnType<typeof first>) => loc.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector(".box")!).backgroundColor);
  for (const el of [first(page), second(page)]) await expect(el).toHaveAttribute("data-scheme", "light");
  expect(await bg(first(page))).toBe("rgb(255, 255, 255)");

  // Docusaurus: data-theme on <html>.
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  for (const el of [first(page), second(page)]) await expect(el).toHaveAttribute("data-scheme", "dark");
  expect(await bg(first(page))).toBe("rgb(13, 17, 23)");
  await page.evaluate(() => document.documentElement.removeAttribute("data-theme"));
  await expect(first(page)).toHaveAttribute("data-scheme", "light");

  // MkDocs Material: data-md-color-scheme on <body>.
  await page.evaluate(() => document.body.setAttribute("data-md-color-scheme", "slate"));
  for (const el of [first(page), second(page)]) await expect(el).toHaveAttribute("data-scheme", "dark");
  await page.evaluate(() => document.body.setAttribute("data-md-color-scheme", "default"));
  await expect(first(page)).toHaveAttribute("data-scheme", "light");
  await page.evaluate(() => document.body.removeAttribute("data-md-color-scheme"));

  // The system's preference, and an explicit attribute that wins over it.
  await page.emulateMedia({ colorScheme: "dark" });
  for (const el of [first(page), second(page)]) await expect(el).toHaveAttribute("data-scheme", "dark");
  await first(page).evaluate((el) => el.setAttribute("theme", "light"));
  await expect(first(page)).toHaveAttribute("data-scheme", "light");
  await expect(second(page)).toHaveAttribute("data-scheme", "dark");
  await context.close();
});

test("the JS API: load(), request() and the events", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./embed-test.html");
  await page.getByText("A NodePort Service (diagram only)").click();
  await expect(first(page)).toHaveAttribute("data-status", "ready");
  const result = await first(page).evaluate(async (el) => {
    const p = el as HTMLElement & {
      load(yaml: string): Promise<{ results: { created: boolean }[] }>;
      request(spec: { from: string; to: string; count: number }): Promise<{ report: { totals: Record<string, number>; count: number } | null; error: string | null }>;
    };
    const events: string[] = [];
    p.addEventListener("svcplay-evaluated", (e) => events.push(`evaluated:${(e as CustomEvent).detail.created}`));
    p.addEventListener("svcplay-request", (e) => events.push(`request:${(e as CustomEvent).detail.report?.count}`));
    const yaml = p.shadowRoot ? (el as unknown as { yaml: string }).yaml.replace("replicas: 3", "replicas: 2") : "";
    const evaluation = await p.load(yaml);
    const answer = await p.request({ from: "external", to: "192.168.1.2:30080", count: 50 });
    return { created: evaluation.results.filter((r) => r.created).length, totals: answer.report?.totals, error: answer.error, events };
  });
  expect(result.error).toBeNull();
  expect(result.created).toBe(2);
  expect(result.totals?.delivered).toBe(50);
  expect(result.events).toEqual(["evaluated:2", "request:50"]);
  await expect(first(page).getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Pod web-/ })).toHaveCount(2);
  // The second instance was never touched: still idle.
  await expect(second(page)).toHaveAttribute("data-status", "idle");
  expect(errors).toEqual([]);
});

test("without JavaScript the YAML is readable", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("./embed-test.html");
  await page.getByText("A NodePort Service (diagram only)").click();
  await expect(page.locator("svcplay-playground pre")).toContainText("kind: Service");
  await expect(page.locator("svcplay-playground pre")).toBeVisible();
  await context.close();
});

test("the test page carries the site's Content-Security-Policy", async ({ page }) => {
  const toml = readFileSync("netlify.toml", "utf8");
  const policy = /Content-Security-Policy\s*=\s*"([^"]+)"/.exec(toml)![1]!
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith("frame-ancestors"))
    .join("; ");
  await page.goto("./embed-test.html");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute("content", policy);
  // No inline script: only the module script with a src (and text/yaml data blocks, if any).
  const inline = await page.locator("script:not([src])").evaluateAll((els) => els.filter((e) => !/yaml/.test(e.getAttribute("type") ?? "")).length);
  expect(inline).toBe(0);
});

test("a <script type=text/yaml> child is the scenario, and an unknown preset is a message", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./embed-test.html");
  await page.evaluate(() => {
    const el = document.createElement("svcplay-playground");
    const data = document.createElement("script");
    data.type = "text/yaml";
    data.textContent = "\n    apiVersion: v1\n    kind: Pod\n    metadata:\n      name: inline\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";
    el.append(data);
    document.body.append(el);
    const bad = document.createElement("svcplay-playground");
    bad.setAttribute("preset", "no-such-thing");
    document.body.append(bad);
  });
  const el = page.locator("svcplay-playground").nth(2);
  await el.scrollIntoViewIfNeeded();
  await expect(el).toHaveAttribute("data-status", "ready");
  await expect(el.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Pod inline,/ })).toBeVisible();
  const bad = page.locator("svcplay-playground").nth(3);
  await bad.scrollIntoViewIfNeeded();
  await expect(bad).toHaveAttribute("data-status", "error");
  await expect(bad.getByRole("status")).toContainText('no preset named "no-such-thing"');
  expect(errors).toEqual([]);
});

test("an element moved in the page keeps its state; removed, it stops; put back, it starts again", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./embed-test.html");
  await page.getByText("Edit it yourself (editor, diagram, requests)").click();
  const region = page.getByRole("region", { name: "Editable example" });
  await expect(region.getByRole("status")).toContainText(/^Evaluated: /, { timeout: 20_000 });
  const el = second(page);
  // Moved in one step (disconnected and connected again in the same task).
  await el.evaluate((e) => e.parentElement!.prepend(e));
  await expect(el).toHaveAttribute("data-status", "ready");
  expect(page.workers()).toHaveLength(1);
  await el.evaluate((e) => {
    const w = window as unknown as { kept: Element };
    w.kept = e;
    e.remove();
  });
  await expect.poll(() => page.workers().length).toBe(0);
  await page.evaluate(() => document.querySelector("#second")!.append((window as unknown as { kept: Element }).kept));
  await expect(region.getByRole("status")).toContainText(/^Evaluated: /, { timeout: 20_000 });
  await expect(region.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Service backend / })).toBeVisible();
  expect(page.workers()).toHaveLength(1);
  expect(errors).toEqual([]);
});
