import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

const screenshots = "tests/e2e/screenshots";

/** Collects console errors and uncaught exceptions (CSP violations are console errors too). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test("the default scenario evaluates and lists service/myapp", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./");

  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  await expect(page.getByRole("status")).toContainText("Evaluated");
  await expect(page.getByLabel(/Manifests/)).toHaveValue(/nodePort: 30008/);

  const table = page.getByRole("table", { name: "Objects" });
  const service = table.getByRole("row").filter({ hasText: "service/myapp" });
  await expect(service).toHaveCount(1);
  await expect(service).toContainText("NodePort");
  await expect(service).toContainText("80:30008/TCP");

  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/default-scenario.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test("controls have accessible names", async ({ page }) => {
  await page.goto("./");
  await expect(page.getByRole("textbox", { name: /Manifests/ })).toBeVisible();
  await expect(page.getByRole("spinbutton", { name: "Seed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Evaluate" })).toBeEnabled();
});

test("input problems are shown as data, not as a failure", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./");
  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");

  await page.getByLabel(/Manifests/).fill("kind: [\n<script>alert(1)</script>");
  await page.getByRole("button", { name: "Evaluate" }).click();

  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  await expect(page.getByRole("status")).toContainText("Evaluated");
  // Whatever the input says is text: no element was made from it.
  await expect(page.locator("main script")).toHaveCount(0);
  expect(errors).toEqual([]);
});
