// A newcomer's path through the playground, selecting by role and accessible name.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { watchErrors } from "./errors";

const screenshots = "tests/e2e/screenshots";
mkdirSync(screenshots, { recursive: true });

async function open(page: Page): Promise<void> {
  await page.goto("./");
  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  await expect(page.getByRole("status").first()).toContainText("Evaluated");
}

const diagram = (page: Page) => page.getByRole("group", { name: "Cluster diagram" });

/** Replaces the editor text (CodeMirror: select all, then insert as typed text). */
async function setEditor(page: Page, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: "Manifests (YAML)" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.insertText(text);
}

async function editorText(page: Page): Promise<string> {
  return page.locator(".cm-content").innerText();
}

async function sendRequests(page: Page, from: string, to: string, count: number): Promise<void> {
  await page.getByRole("combobox", { name: "From", exact: true }).selectOption({ label: from });
  await page.getByRole("combobox", { name: "To" }).fill(to);
  await page.getByRole("spinbutton", { name: "Requests" }).fill(String(count));
  await page.getByRole("button", { name: "Send", exact: true }).click();
}

test("opens on the multi-node NodePort scenario, drawn", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await expect(page.getByRole("combobox", { name: "Scenario" })).toHaveValue("multi-node");
  const d = diagram(page);
  for (const node of ["node01", "node02", "node03"]) await expect(d.getByRole("button", { name: new RegExp(`^Node ${node},`) })).toBeVisible();
  await expect(d.getByRole("button", { name: /^Pod myapp-/ })).toHaveCount(6);
  await expect(d.getByRole("button", { name: /^Service myapp \(NodePort\).*30008 → 80 → 80, 6 ready/ })).toBeVisible();
  await expect(d.getByRole("button", { name: /^External client/ })).toBeVisible();
  // kube-system is hidden by default, shown on request.
  await expect(d.getByRole("button", { name: /^Pod coredns-/ })).toHaveCount(0);
  await page.getByLabel("Show kube-system").check();
  await expect(d.getByRole("button", { name: /^Pod coredns-/ }).first()).toBeVisible();
  await page.getByLabel("Show kube-system").uncheck();
  await page.screenshot({ path: `${screenshots}/default.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test("a NodePort request via each node lands on pods of every node", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  for (const ip of ["192.168.1.2", "192.168.1.3", "192.168.1.4"]) {
    await sendRequests(page, "External client (198.51.100.10)", `${ip}:30008`, 1);
    await expect(page.locator("#request-result .outcome")).toContainText(/^Delivered to pod myapp-/);
  }
  // 100 requests through node01: the distribution lists pods of all three worker nodes.
  await sendRequests(page, "External client (198.51.100.10)", "192.168.1.2:30008", 100);
  await expect(page.locator("#request-result .outcome")).toHaveText("100 requests: 100 delivered.");
  const table = page.getByRole("table", { name: "Requests per pod" });
  await expect(table.getByRole("row")).toHaveCount(7);
  for (const node of ["node01", "node02", "node03"]) await expect(table.getByRole("cell", { name: node, exact: true }).first()).toBeVisible();
  const counts = await table.locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(100);
  expect(counts.every((c) => Number(c) > 0)).toBe(true);
  await page.screenshot({ path: `${screenshots}/distribution.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test("every preset evaluates without errors", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const select = page.getByRole("combobox", { name: "Scenario" });
  const values = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values.length).toBeGreaterThanOrEqual(10);
  for (const value of values) {
    await select.selectOption(value);
    await expect(page.getByRole("status").first()).toContainText("0 rejected");
    await expect(diagram(page).getByRole("button", { name: /^Node node01,/ })).toBeVisible();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.locator("#request-result p").first()).not.toBeEmpty();
    await page.screenshot({ path: `${screenshots}/preset-${value}.png`, fullPage: true });
  }
  expect(errors).toEqual([]);
});

test("pods that ask for more CPU than a node has: Pending, and the page says why", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await page.getByRole("combobox", { name: "Scenario" }).selectOption("insufficient-cpu");
  await expect(page.getByRole("status").first()).toContainText("0 rejected");
  // The problem list names the scheduler's reason, not a selector mismatch.
  await expect(page.locator("#problems")).toContainText("Service web has no endpoints: its 2 pods are Pending, the scheduler cannot place them: 0/2 nodes are available: 2 Insufficient cpu.");
  await sendRequests(page, "External client (198.51.100.10)", "192.168.1.2:30008", 1);
  await expect(page.locator("#request-result .outcome")).toContainText("connection refused");
  await expect(page.locator("#request-result")).toContainText("the scheduler cannot place it: 0/2 nodes are available: 2 Insufficient cpu");
  // Lowering the request in the editor lets them run.
  await setEditor(page, (await editorText(page)).replace("cpu: 1500m", "cpu: 500m"));
  await expect(page.locator("#problems")).not.toContainText("Insufficient cpu");
  await expect(diagram(page).getByRole("button", { name: /^Pod web-.*, ready/ })).toHaveCount(2);
  await sendRequests(page, "External client (198.51.100.10)", "192.168.1.2:30008", 1);
  await expect(page.locator("#request-result .outcome")).toContainText(/^Delivered to pod web-/);
  expect(errors).toEqual([]);
});

test("a selector typo shows no endpoints; fixing it brings them back", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const text = await editorText(page);
  const broken = text.replace("  selector:\n    app: myapp", "  selector:\n    app: myap").replace("spec:\n  type: NodePort", "spec:\n  type: NodePort\n  sellector: {}");
  await setEditor(page, broken);
  // The unknown field is flagged at its line, in the editor and the problem list.
  const line = broken.split("\n").findIndex((l) => l.includes("sellector")) + 1;
  await expect(page.getByRole("button", { name: new RegExp(`^Line ${line}: Service myapp: .*sellector`) })).toBeVisible();
  await expect(page.locator(".cm-lint-marker-warning").first()).toBeVisible();
  await expect(page.getByText(/Service myapp has no endpoints: no pod in default has the labels app=myap/).first()).toBeVisible();
  await sendRequests(page, "External client (198.51.100.10)", "192.168.1.2:30008", 1);
  await expect(page.locator("#request-result .outcome")).toContainText(/refused/i);
  await page.screenshot({ path: `${screenshots}/selector-typo.png`, fullPage: true });
  await setEditor(page, text);
  await expect(diagram(page).getByRole("button", { name: /^Service myapp \(NodePort\).*6 ready/ })).toBeVisible();
  await expect(page.getByText("No problems.")).toBeVisible();
  expect(errors).toEqual([]);
});

test("the StatefulSet preset: a pod reaches web-1 by its own DNS name", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await page.getByRole("combobox", { name: "Scenario" }).selectOption("statefulset-headless");
  await expect(page.getByRole("status").first()).toContainText("0 rejected");
  for (const name of ["web-0", "web-1", "web-2"]) {
    await expect(diagram(page).getByRole("button", { name: new RegExp(`^Pod ${name},.*ready`) })).toBeVisible();
  }
  // The preset's suggested request comes from the client pod (cluster DNS), not from outside.
  await expect(page.getByRole("combobox", { name: "From", exact: true })).toHaveValue("pod:default/client");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator("#request-result .outcome")).toContainText(/^Delivered to pod web-1\b/);
  expect(errors).toEqual([]);
});

test("the NetworkPolicy story: the request is dropped and the policy is named", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await page.getByRole("combobox", { name: "Scenario" }).selectOption("networkpolicy-blocks-frontend");
  await expect(page.getByRole("status").first()).toContainText("0 rejected");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator("#request-result .outcome")).toContainText(/^dropped .*NetworkPolicy default\/backend-from-frontend selects pod backend-/);
  await page.getByRole("tab", { name: "NetworkPolicies" }).click();
  // printers.go printNetworkPolicy: NAME, POD-SELECTOR (metav1.FormatLabelSelector).
  const row = page.getByRole("table", { name: "NetworkPolicies" }).getByRole("row").filter({ hasText: "backend-from-frontend" });
  await expect(row).toContainText("app=backend");
  expect(errors).toEqual([]);
});

test("a ConfigMap next to the Service is created, with a note that it is not simulated", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const text = await editorText(page);
  await setEditor(page, `${text.trimEnd()}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  greeting: hello\n`);
  await expect(page.getByRole("status").first()).toContainText("0 rejected");
  const line = (await editorText(page)).split("\n").findIndex((l) => l === "kind: ConfigMap") + 1;
  await expect(page.getByRole("button", { name: new RegExp(`^Line ${line}: .*svcplay does not simulate ConfigMap objects`) })).toBeVisible();
  await expect(page.locator("#problems li.error")).toHaveCount(0);
  await expect(diagram(page).getByRole("button", { name: /^Service myapp \(NodePort\).*6 ready/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a YAML error is shown at its line", async ({ page }) => {
  await open(page);
  await setEditor(page, "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports: [\n");
  await expect(page.locator("#problems li.error").first()).toContainText(/^Line \d+:/);
  await expect(page.locator(".cm-lint-marker-error").first()).toBeVisible();
});

test("scale, delete a pod, make one unready; the YAML follows", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const d = diagram(page);
  await page.getByRole("spinbutton", { name: "Replicas of myapp" }).fill("3");
  await page.getByRole("button", { name: "Scale myapp" }).click();
  await expect(d.getByRole("button", { name: /^Pod myapp-/ })).toHaveCount(3);
  expect(await editorText(page)).toContain("replicas: 3");

  const pod = d.getByRole("button", { name: /^Pod myapp-/ }).first();
  const name = ((await pod.getAttribute("aria-label")) ?? "").split(",")[0]!.replace("Pod ", "");
  await pod.click();
  await page.getByRole("button", { name: `Make ${name} unready` }).click();
  await expect(d.getByRole("button", { name: new RegExp(`^Pod ${name}, .*not ready`) })).toBeVisible();
  await expect(d.getByRole("button", { name: /^Service myapp .*2 ready/ })).toBeVisible();

  await d.getByRole("button", { name: new RegExp(`^Pod ${name},`) }).click();
  await page.getByRole("button", { name: `Delete pod ${name}` }).click();
  await expect(d.getByRole("button", { name: new RegExp(`^Pod ${name},`) })).toHaveCount(0);
  await expect(d.getByRole("button", { name: /^Pod myapp-/ })).toHaveCount(3);
  await expect(page.getByRole("list", { name: "Live changes" })).toContainText(`kubectl delete pod ${name}`);

  // Change a Service's type from the diagram: the YAML changes.
  await d.getByRole("button", { name: /^Service myapp / }).click();
  await page.getByLabel("Type of myapp").selectOption("LoadBalancer");
  await page.getByRole("button", { name: "Change type of myapp" }).click();
  await expect(d.getByRole("button", { name: /^Service myapp \(LoadBalancer\)/ })).toBeVisible();
  expect(await editorText(page)).toContain("type: LoadBalancer");
  expect(errors).toEqual([]);
});

test("keyboard: a node is selected with Enter and drained", async ({ page }) => {
  await open(page);
  const node = diagram(page).getByRole("button", { name: /^Node node03,/ });
  await node.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Drain node03" }).click();
  await expect(diagram(page).getByRole("button", { name: /^Node node03, .*cordoned/ })).toBeVisible();
  await expect(page.locator('[data-key^="pod:"]')).toHaveCount(6);
  await page.getByRole("button", { name: "Add node" }).click();
  await expect(diagram(page).getByRole("button", { name: /^Node node04,/ })).toBeVisible();
});

test("a node's rules, with the matched rules highlighted; describe; DNS", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await sendRequests(page, "External client (198.51.100.10)", "192.168.1.2:30008", 1);
  await expect(page.locator("#request-result .outcome")).toContainText("Delivered");
  await page.getByRole("tab", { name: "Rules" }).click();
  await page.getByLabel("Node whose rules to show").selectOption("node01");
  const rules = page.getByLabel("kube-proxy rules (iptables-save)");
  await expect(rules).toContainText("-A KUBE-NODEPORTS");
  await expect(rules.locator("[data-hit]").first()).toBeVisible();
  await page.getByRole("tab", { name: "Services" }).click();
  const row = page.getByRole("table", { name: "Services" }).getByRole("row").filter({ hasText: "myapp" });
  await expect(row).toContainText("80:30008/TCP");
  await expect(row).toContainText("<none>");
  // kubectl get pods -o wide's columns (printers.go printPod), with upstream's `<none>` cells.
  await page.getByRole("tab", { name: "Pods" }).click();
  const pods = page.getByRole("table", { name: "Pods" });
  await expect(pods.getByRole("columnheader", { name: "NOMINATED NODE" })).toBeVisible();
  await expect(pods.getByRole("row").filter({ hasText: "myapp-" }).first()).toContainText("1/1");
  await page.screenshot({ path: `${screenshots}/inspect-pods.png`, fullPage: true });
  // kubectl get endpoints (printers.go formatEndpoints): the Endpoints controller's ip:port list.
  await page.getByRole("tab", { name: "Endpoints", exact: true }).click();
  const endpoints = page.getByRole("table", { name: "Endpoints", exact: true });
  await expect(endpoints.getByRole("row").filter({ hasText: "myapp" })).toContainText(/10\.244\.\d+\.\d+:\d+/);
  await page.getByRole("tab", { name: "Describe" }).click();
  const describe = page.getByLabel("kubectl describe service");
  await expect(describe).toContainText(/Endpoints:\s+10\.244\./);
  await expect(describe).toContainText(/IP Family Policy:\s+SingleStack/);
  await page.screenshot({ path: `${screenshots}/describe.png`, fullPage: true });
  await page.getByRole("tab", { name: "DNS" }).click();
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByLabel("DNS answer")).toContainText("answered for: myapp.default.svc.cluster.local.");
  await page.screenshot({ path: `${screenshots}/rules.png`, fullPage: true });
  // The DNS schema version record (kubernetes/dns specification.md 2.1).
  await page.getByLabel("Name to look up").fill("dns-version.cluster.local");
  await page.getByLabel("Record type").selectOption("TXT");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByLabel("DNS answer")).toContainText("answer: 1.1.0");
  expect(errors).toEqual([]);
});

test("a reload keeps the work", async ({ page }) => {
  await open(page);
  const text = (await editorText(page)).replace("replicas: 6", "replicas: 2");
  await setEditor(page, text);
  await expect(diagram(page).getByRole("button", { name: /^Pod myapp-/ })).toHaveCount(2);
  await page.reload();
  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  expect(await editorText(page)).toContain("replicas: 2");
  await expect(diagram(page).getByRole("button", { name: /^Pod myapp-/ })).toHaveCount(2);
});

test("names that look like HTML stay text", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const evil = "<img src=x onerror=alert(1)>";
  await setEditor(
    page,
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "${evil}"\n  labels:\n    app: "${evil}"\nspec:\n  containers:\n  - name: c\n    image: "${evil}"\n`,
  );
  await expect(page.locator("#problems li").first()).toContainText(evil);
  await expect(page.locator("main img, header img")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("an engine fault shows a message and recovers", async ({ page }) => {
  await page.goto("./#fault-test");
  await expect(page.locator("#app")).toHaveAttribute("data-status", "recovered");
  await expect(page.getByRole("status").first()).toContainText("Evaluated");
  await expect(diagram(page).getByRole("button", { name: /^Pod myapp-/ })).toHaveCount(6);
});

test("phone width and dark mode render", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark", reducedMotion: "reduce" });
  const page = await context.newPage();
  await open(page);
  await sendRequests(page, "External client (198.51.100.10)", "192.168.1.3:30008", 1);
  await expect(page.locator("#request-result .outcome")).toContainText("Delivered");
  await page.screenshot({ path: `${screenshots}/phone-dark.png`, fullPage: true });
  await context.close();
});

test("first load to an interactive diagram (measured, reported)", async ({ page }) => {
  await page.goto("./");
  await expect(page.locator("#app")).toHaveAttribute("data-status", "ready");
  const ms = await page.evaluate(() => performance.getEntriesByName("svcplay:first-diagram")[0]?.duration ?? -1);
  const nav = await page.evaluate(() => performance.getEntriesByName("svcplay:diagram")[0]?.startTime ?? -1);
  test.info().annotations.push({ type: "first-diagram-ms", description: `${Math.round(nav)} ms since navigation (${Math.round(ms)} ms after the script started)` });
  console.log(`svcplay: first interactive diagram ${Math.round(nav)} ms after navigation`);
  expect(nav).toBeGreaterThan(0);
});

