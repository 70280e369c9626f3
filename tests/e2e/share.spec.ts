// Share links and exports of the playground page.
import { readFileSync } from "node:fs";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { watchErrors } from "./errors";

async function ready(page: Page): Promise<void> {
  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  await expect(page.getByRole("status").first()).toContainText(/^(Evaluated|Replayed as observed state): /);
}

async function setEditor(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Manifests (YAML)" }).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.insertText(text);
}

const diagram = (page: Page) => page.getByRole("group", { name: "Cluster diagram" });

/** What a `#v1=` link carries. */
function decode(url: string): unknown {
  return JSON.parse(inflateRawSync(Buffer.from(url.split("#v1=")[1]!, "base64url")).toString("utf8"));
}

/** A `#v1=` fragment made outside the page, the way the page makes it. */
function link(payload: unknown): string {
  return `#v1=${deflateRawSync(Buffer.from(JSON.stringify(payload))).toString("base64url")}`;
}

test("Copy link round-trips the scenario, seed and view", async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto("./");
  await ready(page);
  const text = (await page.locator(".cm-content").innerText()).replace("replicas: 6", "replicas: 4");
  await setEditor(page, text);
  await expect(diagram(page).getByRole("button", { name: /^Pod myapp-/ })).toHaveCount(4);
  await page.getByRole("spinbutton", { name: "Seed" }).fill("42");
  await page.getByRole("spinbutton", { name: "Seed" }).press("Enter");
  await page.getByLabel("Show kube-system").check();
  await ready(page);
  const pods = await diagram(page).getByRole("button", { name: /^Pod myapp-/ }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));

  await page.getByRole("button", { name: "Copy link" }).click();
  const url = await page.getByRole("textbox", { name: "Link to this scenario" }).inputValue();
  expect(url).toMatch(/#v1=[A-Za-z0-9_-]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // A fresh browser (no saved work) opens the link and shows exactly the same cluster.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  const errors2 = watchErrors(page2);
  await page2.goto(url);
  await ready(page2);
  expect(await page2.locator(".cm-content").innerText()).toContain("replicas: 4");
  await expect(page2.getByRole("spinbutton", { name: "Seed" })).toHaveValue("42");
  await expect(page2.getByLabel("Show kube-system")).toBeChecked();
  const pods2 = await diagram(page2).getByRole("button", { name: /^Pod myapp-/ }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  expect(pods2).toEqual(pods);
  await expect(page2.getByRole("alert")).toBeEmpty();
  expect(errors).toEqual([]);
  expect(errors2).toEqual([]);
  await context.close();
  await other.close();
});

test("defaults are left out of the link", async ({ page }) => {
  await page.goto("./");
  await ready(page);
  await page.getByRole("button", { name: "Copy link" }).click();
  const url = await page.getByRole("textbox", { name: "Link to this scenario" }).inputValue();
  // An empty JSON object, compressed: a handful of characters.
  expect(url.split("#v1=")[1]!.length).toBeLessThan(10);
});

const hostile: [string, string][] = [
  ["garbage", "#v1=%%%not-base64!!"],
  ["not deflate", "#v1=AAAAAAAAAAAAAAAA"],
  ["a newer version", "#v9=abc"],
  ["huge", `#v1=${"A".repeat(300_000)}`],
  ["a zip bomb", `#v1=${deflateRawSync(Buffer.alloc(50_000_000, 32)).toString("base64url")}`],
  ["not an object", link(["<script>alert(1)</script>"])],
  ["a script as the seed", link({ s: "<img src=x onerror=alert(1)>" })],
  ["an unknown live change", link({ c: [{ kind: "eval", code: "alert(1)" }] })],
  ["a live change with a bad field", link({ c: [{ kind: "scale", namespace: "default", name: "x", replicas: "1; alert(1)" }] })],
  ["an unknown preset", link({ p: "__proto__" })],
  ["a replay setting that is not true or false", link({ o: "yes" })],
];

for (const [name, fragment] of hostile) {
  test(`a hostile link (${name}) opens the default scenario with a message`, async ({ page }) => {
    const errors = watchErrors(page);
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`./${fragment}`);
    await ready(page);
    await expect(page.getByRole("alert")).toContainText("This link could not be opened");
    await expect(page.getByRole("combobox", { name: "Scenario" })).toHaveValue("multi-node");
    await expect(diagram(page).getByRole("button", { name: /^Pod myapp-/ })).toHaveCount(6);
    await expect(page.locator("main img, header img")).toHaveCount(0);
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
  });
}

test("YAML that looks like a script stays text when it comes from a link", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  const evil = "</script><script>alert(1)</script><img src=x onerror=alert(1)>";
  await page.goto(`./${link({ y: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "${evil}"\n` })}`);
  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  await expect(page.getByRole("alert")).toBeEmpty();
  expect(await page.locator(".cm-content").innerText()).toContain(evil);
  await expect(page.locator("#problems li").first()).toContainText(evil);
  await expect(page.locator("main img, header img")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test("exports the YAML, the diagram as SVG and as PNG", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./");
  await ready(page);

  const [yaml] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download YAML" }).click()]);
  expect(yaml.suggestedFilename()).toBe("svcplay-multi-node.yaml");
  const yamlText = readFileSync((await yaml.path())!, "utf8");
  // The editor text exactly (innerText of CodeMirror adds a newline for its last line).
  expect(yamlText.trimEnd()).toBe((await page.locator(".cm-content").innerText()).trimEnd());
  expect(yamlText.endsWith("\n")).toBe(true);
  expect(yamlText).toContain("kind: Service");

  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
  expect(svg.suggestedFilename()).toBe("svcplay-multi-node.svg");
  const svgText = readFileSync((await svg.path())!, "utf8");
  expect(svgText).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).toContain("svc/myapp");
  // Styles are inlined: the standalone file needs no stylesheet.
  expect(svgText).toMatch(/<rect [^>]*fill="rgb\(/);

  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
  expect(png.suggestedFilename()).toBe("svcplay-multi-node.png");
  const pngBytes = readFileSync((await png.path())!);
  expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(pngBytes.length).toBeGreaterThan(5000);
  expect(errors).toEqual([]);
});

test("a link made before the replay setting existed still opens (no `o`: decided from the text)", async ({ page }) => {
  const errors = watchErrors(page);
  // Made by the version before `o` (YAML, seed 42, kube-system shown, one live change); kept
  // literally so a change of the format cannot go unnoticed.
  const old =
    "#v1=NY4xDsIwEAS_Ym1tChDVvQJR0GCKwz4iK87Zih1EhPg7SgjtzO5q35hB4BIvMtaYlcxz77SPGsiccnA6SOPAjcmpMcqDkMkp7FLUfiGJ75LqKo3hUlbrtBbxK_RZG0eV8ZfZbRP-V4gDd0JGu6gvp7CooOPBoge1cRILD7q-sdwBoUo75XAWDjMslqFa2AsIQR48pbZREP4XYTGueXpwqvK5fb4";
  await page.goto(`./${old}`);
  await ready(page);
  await expect(page.getByRole("alert")).toBeEmpty();
  await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue("42");
  await expect(page.getByLabel("Show kube-system")).toBeChecked();
  await expect(diagram(page).getByRole("button", { name: /^Pod old-link, .*not ready/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Live changes" })).toContainText("readiness probe of old-link fails");
  await expect(page.getByRole("region", { name: "Replay" })).toBeHidden();
  expect(errors).toEqual([]);
});

test("the replay setting round-trips through a link, and is left out when the text decides it", async ({ page }) => {
  const observed = readFileSync("www/public/examples/observed.yaml", "utf8");
  await page.goto(`./${link({ y: observed, o: true })}`);
  await ready(page);
  const banner = page.getByRole("region", { name: "Replay" });
  const toggle = banner.getByRole("checkbox", { name: /Replay as observed state/ });
  await expect(toggle).toBeChecked();
  await expect(diagram(page).getByRole("button", { name: /^Pod api-0, 10\.244\.1\.77, ready/ })).toBeVisible();
  await page.getByRole("button", { name: "Copy link" }).click();
  const field = page.getByRole("textbox", { name: "Link to this scenario" });
  expect(decode(await field.inputValue())).toEqual({ y: observed, o: true });
  // Turned off, this text (no uid: not a dump) is evaluated as new manifests, the default.
  await toggle.uncheck();
  await ready(page);
  await page.getByRole("button", { name: "Copy link" }).click();
  expect(decode(await field.inputValue())).toEqual({ y: observed });
});
