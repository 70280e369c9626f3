// Shared by the e2e tests: a page must run without console errors.
import type { Page } from "@playwright/test";

/** Collects console errors and uncaught exceptions (CSP violations are console errors too). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
