// The frame page (frame.html): one <svcplay-playground> filling the frame, set up from the page's
// own address only. The fragment is a share link (`#v1=…`, decoded by the same `decodeLink` as the
// playground page): scenario, seed, live changes, replay mode, kube-system shown. The query says
// what to show (`views`, `theme`). A link that cannot be decoded shows why and the default
// scenario; nothing from it is used. Nothing in the address is ever run or put in as markup: the
// YAML is given to the element as text, every other value is checked by `decodeLink`.
import type { SvcplayPlayground } from "./embed";
import { PRESETS, defaultShared } from "./presets";
import { decodeLink, frameSettings, linkFailure, type Shared } from "./share";

const message = document.getElementById("link-message")!;
const open = document.getElementById("open") as HTMLAnchorElement;
/** The playground page beside this one. */
const page = new URL("./", location.href);
// The element from the published embed.js beside this page (not bundled into this page's script:
// embed.js finds the playground page and its worker relative to its own address).
await import(/* @vite-ignore */ new URL("embed.js", page).href);

async function shared(): Promise<Shared | null> {
  const linked = await decodeLink(location.hash, defaultShared(), PRESETS);
  if (linked instanceof Error) {
    message.textContent = linkFailure(linked);
    message.hidden = false;
    return null;
  }
  message.hidden = true;
  return linked;
}

async function show(): Promise<void> {
  const settings = frameSettings(location.search);
  const state = await shared();
  const el = document.createElement("svcplay-playground") as SvcplayPlayground;
  el.setAttribute("views", settings.views.join(" "));
  el.setAttribute("page", page.href);
  el.setAttribute("height", "none");
  if (settings.theme) el.setAttribute("theme", settings.theme);
  if (state) {
    // A link that names a preset without its text opens the preset (then the element's own link
    // names it too); otherwise the text, exactly as it came.
    const preset = PRESETS.find((p) => p.id === state.preset);
    if (preset && preset.yaml === state.yaml) el.setAttribute("preset", preset.id);
    else el.yaml = state.yaml;
    el.setAttribute("seed", String(state.seed));
    if (state.observed !== null) el.setAttribute("observed", String(state.observed));
    if (state.showSystem) el.setAttribute("system", "");
    el.changes = state.changes;
  }
  // The full page opens the same link (it decodes it the same way); a bad link opens the default.
  open.href = state && location.hash ? page.href + location.hash : page.href;
  document.getElementById("frame")!.replaceChildren(el);
  // A frame is visible when its host shows it; start at once rather than waiting for a scroll.
  void el.start();
}

await show();
// A host may change only the fragment of the frame's address: show the new state.
window.addEventListener("hashchange", () => void show());
