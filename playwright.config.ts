import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";

// Debian's Chromium (scripts/setup.sh installs it): Playwright's own browser download is not
// possible here. SVCPLAY_CHROMIUM overrides the binary.
function chromium(): string {
  if (process.env.SVCPLAY_CHROMIUM) return process.env.SVCPLAY_CHROMIUM;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium not found on PATH: run scripts/setup.sh (or set SVCPLAY_CHROMIUM)");
  }
}

const port = 4173;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: [
    ["line"],
    // scripts/test.sh reads the counts from here.
    ["json", { outputFile: "target/playwright/results.json" }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: "chromium",
    launchOptions: {
      executablePath: chromium(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Serves the production build (npm run build writes www/dist).
  webServer: {
    command: `npx vite preview www --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
