// Replaying a real cluster: a 5,000-pod `kubectl get -A -o yaml` dump loads as observed state
// while the page stays responsive, and requests, rules and tables work on it.
import { writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { clusterDump } from "./fixtures/dump";

async function open(page: Page): Promise<void> {
  await page.goto("./");
  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  await expect(page.getByRole("status").first()).toContainText("Evaluated");
}

const diagram = (page: Page) => page.getByRole("group", { name: "Cluster diagram" });

test("a small dump pasted in the editor is replayed, with a toggle", async ({ page }) => {
  const dump = clusterDump({ nodes: 3, services: 2, podsPerService: 3 });
  await open(page);
  await expect(page.getByRole("region", { name: "Replay" })).toBeHidden();
  const file = test.info().outputPath("small-dump.yaml");
  writeFileSync(file, dump.yaml);
  await page.getByLabel("Load a cluster dump…").setInputFiles(file);
  const banner = page.getByRole("region", { name: "Replay" });
  await expect(banner).toContainText("Replaying a cluster dump (observed state)");
  const toggle = banner.getByRole("checkbox", { name: /Replay as observed state/ });
  await expect(toggle).toBeChecked();
  // The dump's own pods are kept. (Its Deployments also get fresh ReplicaSets and pods: the
  // command lists no ReplicaSets, so the dumped pods' owner is missing.)
  await expect(page.getByRole("status").first()).toContainText(/; 3 nodes, \d+ pods, 2 services\./);
  await expect(page.getByRole("combobox", { name: "From", exact: true }).getByRole("option", { name: `Pod ${dump.pods[0]!.namespace}/${dump.pods[0]!.name}` })).toBeAttached();
  await page.getByRole("tab", { name: "Services" }).click();
  await expect(page.getByRole("table", { name: "Services" }).getByRole("cell", { name: dump.services[1]!.clusterIP, exact: true })).toBeVisible();
  // Off: the same text is evaluated as new manifests.
  await toggle.uncheck();
  await expect(banner).toContainText("evaluated as new manifests");
  await expect(page.getByRole("status").first()).toContainText("Evaluated");
  await toggle.check();
  await expect(banner).toContainText("Replaying a cluster dump (observed state)");
  // A dump is never put in a share link.
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").first()).toContainText("A cluster dump is not put in a link");
});

test("a 5,000-pod dump loads while the page stays responsive", async ({ page }) => {
  test.setTimeout(180_000);
  const dump = clusterDump({ nodes: 50, services: 200, podsPerService: 25 });
  expect(dump.pods).toHaveLength(5000);
  const file = test.info().outputPath("cluster-dump.yaml");
  writeFileSync(file, dump.yaml);
  await open(page);
  // Frame gaps while the engine works: recorded from the file choice until the status says
  // "Evaluated" again.
  await page.evaluate(() => {
    const w = window as unknown as { gaps: number[]; evaluating: boolean };
    w.gaps = [];
    w.evaluating = false;
    let last = performance.now();
    const status = document.getElementById("status")!;
    const tick = (t: number) => {
      const busy = status.textContent?.startsWith("Evaluating") ?? false;
      if (busy && w.evaluating) w.gaps.push(t - last);
      w.evaluating = busy;
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.getByLabel("Load a cluster dump…").setInputFiles(file);
  const status = page.getByRole("status").first();
  await expect(status).toHaveText("Evaluating 5,000 pods…");
  await expect(page.getByRole("progressbar", { name: "Evaluating the cluster" })).toBeVisible();
  // The page answers while the worker evaluates.
  const start = Date.now();
  await page.evaluate(() => 1 + 1);
  const scenario = page.getByRole("combobox", { name: "Scenario" });
  await scenario.focus();
  await expect(scenario).toBeFocused();
  expect(Date.now() - start).toBeLessThan(1000);
  await expect(status).toHaveText("Evaluating 5,000 pods…");

  await expect(status).toContainText("Replayed as observed state: ", { timeout: 150_000 });
  const gaps = await page.evaluate(() => (window as unknown as { gaps: number[] }).gaps);
  expect(gaps.length).toBeGreaterThan(3);
  // Frames keep coming: 95 % of frame gaps are under 200 ms and none is a freeze. (Alone the
  // largest gap is under 200 ms; on a shared 2-core machine with another test running beside
  // the engine's worker a few frames come late.)
  const sorted = [...gaps].sort((a, b) => a - b);
  expect(sorted[Math.floor(sorted.length * 0.95)]!).toBeLessThan(200);
  expect(Math.max(...gaps)).toBeLessThan(1000);
  await expect(status).toContainText(/; 50 nodes, 5000 pods, 200 services\./);
  await expect(page.getByRole("progressbar")).toBeHidden();
  await expect(page.getByRole("region", { name: "Replay" })).toContainText("Replaying a cluster dump (observed state)");
  // Not in the editor: shown as a file.
  await expect(page.locator("#big-input")).toContainText("5,000 pods");

  // The diagram aggregates.
  const d = diagram(page);
  await expect(d.getByRole("button", { name: /^Node worker-00,/ })).toBeVisible();
  await expect(d.getByText(/^\+38 nodes/)).toBeVisible();
  await expect(d.getByText(/^\+\d+ pods$/).first()).toBeVisible();

  // Observed values are kept: the clusterIP from the dump is shown unchanged.
  const svc = dump.services[10]!;
  await page.getByRole("tab", { name: "Services" }).click();
  await expect(page.getByRole("table", { name: "Services" }).getByRole("cell", { name: svc.clusterIP, exact: true })).toBeVisible();

  // A request from a pod of the dump to a Service's ClusterIP is delivered to one of its pods.
  const from = dump.pods[4000]!;
  await page.getByRole("combobox", { name: "From", exact: true }).selectOption({ label: `Pod ${from.namespace}/${from.name}` });
  await page.getByRole("combobox", { name: "To" }).fill(`${svc.clusterIP}:80`);
  await page.getByRole("spinbutton", { name: "Requests" }).fill("1");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator("#request-result .outcome")).toContainText(new RegExp(`^Delivered to pod ${svc.name}-`));

  // A node's rules.
  await page.getByRole("tab", { name: "Rules" }).click();
  await page.getByLabel("Node whose rules to show").selectOption("worker-07");
  const rules = page.getByLabel("kube-proxy rules (iptables-save)");
  await expect(rules).toContainText(`"${svc.namespace}/${svc.name}:http cluster IP" -m tcp -p tcp -d ${svc.clusterIP} --dport 80`);
});
