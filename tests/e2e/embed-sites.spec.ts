// The docs recipes of docs/embedding.md built into real sites: the code is read out of the docs,
// the site built with the real generator (Hugo: Debian's `hugo`, installed by scripts/setup.sh)
// and served on its own origin, then used like a reader would.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { copySvcplay, docsBlock, run, serve, siteDir } from "./sites";

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

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
    await expect(second.getByRole("status")).toHaveText(/^Evaluated: 2 created, 0 rejected; \d+ nodes, 2 pods\.$/);
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
