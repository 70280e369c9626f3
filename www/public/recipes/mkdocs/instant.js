// A stand-in for MkDocs Material's instant navigation (theme feature `navigation.instant`), for the
// end-to-end tests: a click on an internal link fetches the page, parses it and swaps the content
// component in place (no reload, scripts are not loaded again), and the back button does the
// same. The palette toggle sets `data-md-color-scheme` on <body>, as Material does.
const content = () => document.querySelector('[data-md-component="content"]');

async function show(url, push) {
  const response = await fetch(url);
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const next = doc.querySelector('[data-md-component="content"]');
  if (!next) return;
  content().replaceWith(document.adoptNode(next));
  document.title = doc.title;
  if (push) history.pushState(null, "", url);
  document.dispatchEvent(new CustomEvent("instant-navigated", { detail: url }));
}

document.addEventListener("click", (event) => {
  const a = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!a || a.origin !== location.origin || a.hasAttribute("download")) return;
  event.preventDefault();
  void show(a.href, true);
});
window.addEventListener("popstate", () => void show(location.href, false));

document.querySelector("[data-md-palette]")?.addEventListener("click", (event) => {
  const dark = document.body.getAttribute("data-md-color-scheme") === "slate";
  document.body.setAttribute("data-md-color-scheme", dark ? "default" : "slate");
  event.currentTarget.setAttribute("aria-label", dark ? "Switch to dark mode" : "Switch to light mode");
});
