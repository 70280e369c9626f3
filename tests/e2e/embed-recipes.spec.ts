// The docs recipes of docs/embedding.md on test pages that reproduce what each renders. MkDocs
// Material: www/public/recipes/mkdocs/ (Material's `??? example` markup, its palette toggle and a
// stand-in for its instant navigation, instant.js).
import { expect, test, type Page } from "@playwright/test";

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

const ready = /^Evaluated: /;

test("MkDocs Material: the element survives instant navigation, away and back", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./recipes/mkdocs/index.html");
  // Marks this document: instant navigation must not reload it.
  await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
  const first = page.getByRole("region", { name: "Kubernetes Services playground" });
  await page.getByText("Try it: a NodePort Service").click();
  await expect(first.getByRole("status")).toContainText(ready, { timeout: 20_000 });
  await expect(first.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Service shop / })).toBeVisible();
  expect(page.workers()).toHaveLength(1);

  // Palette toggle: Material's data-md-color-scheme on <body>.
  const element = page.locator("svcplay-playground");
  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(element).toHaveAttribute("data-scheme", "dark");

  // Away: the content is swapped, the old element's worker stops, the new page's element starts.
  await page.getByRole("link", { name: "Next: ClusterIP" }).click();
  await expect(page).toHaveURL(/other\.html$/);
  const second = page.getByRole("region", { name: "Frontend to backend" });
  await expect(second.getByRole("status")).toContainText(ready, { timeout: 20_000 });
  await expect(element).toHaveAttribute("data-scheme", "dark");
  await expect.poll(() => page.workers().length).toBe(1);

  // Back: the first page's element is a new one, closed in its section again; opened, it works.
  await page.goBack();
  await expect(page).toHaveURL(/index\.html$/);
  await expect(page.getByText("Try it: a NodePort Service")).toBeVisible();
  await expect.poll(() => page.workers().length).toBe(0);
  await page.getByText("Try it: a NodePort Service").click();
  await expect(first.getByRole("status")).toContainText(ready, { timeout: 20_000 });
  await first.getByRole("button", { name: "Send" }).click();
  await expect(first.getByText(/^Delivered to pod shop-/)).toBeVisible();
  await expect(element).toHaveAttribute("data-scheme", "dark");
  await page.getByRole("button", { name: "Switch to light mode" }).click();
  await expect(element).toHaveAttribute("data-scheme", "light");
  expect(page.workers()).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);
  expect(errors).toEqual([]);
});

test("an element moved in the page keeps its state; removed, it stops; put back, it starts again", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./recipes/mkdocs/other.html");
  const region = page.getByRole("region", { name: "Frontend to backend" });
  await expect(region.getByRole("status")).toContainText(ready, { timeout: 20_000 });
  const el = page.locator("svcplay-playground");
  await el.evaluate((e) => e.parentElement!.prepend(e));
  await expect(el).toHaveAttribute("data-status", "ready");
  expect(page.workers()).toHaveLength(1);
  await el.evaluate((e) => {
    const w = window as unknown as { kept: Element };
    w.kept = e;
    e.remove();
  });
  await expect.poll(() => page.workers().length).toBe(0);
  await page.evaluate(() => document.querySelector("article")!.append((window as unknown as { kept: Element }).kept));
  await expect(region.getByRole("status")).toContainText(ready, { timeout: 20_000 });
  await expect(region.getByRole("group", { name: "Cluster diagram" }).getByRole("button", { name: /^Service backend / })).toBeVisible();
  expect(page.workers()).toHaveLength(1);
  expect(errors).toEqual([]);
});
