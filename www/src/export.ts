// Export: the scenario as YAML, the diagram as a standalone SVG (styles inlined as attributes, so
// it looks the same anywhere) and as PNG (the SVG drawn onto a canvas). The page and the
// <svcplay-playground> element both call `exportAs`.

/** Presentation properties copied from the computed style onto each SVG element. */
const PROPS = [
  "fill",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "text-anchor",
] as const;

/** A standalone copy of `svg` (the live one is left alone), with every style inlined. */
export function standaloneSvg(svg: SVGSVGElement, background: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const live = [svg, ...svg.querySelectorAll("*")];
  const copies = [copy, ...copy.querySelectorAll("*")];
  live.forEach((el, i) => {
    const target = copies[i]!;
    const cs = getComputedStyle(el);
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) target.setAttribute(p, v);
    }
    target.removeAttribute("tabindex");
  });
  // Animated packets are transient; the drawn request paths stay.
  for (const dot of copy.querySelectorAll(".packet")) dot.remove();
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", background);
  copy.prepend(bg);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** Starts a download of `blob` as `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The SVG text rendered to a PNG at `scale` (a data: URL image, which the CSP's img-src allows). */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const img = new Image();
  const bytes = new TextEncoder().encode(svgText);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  img.src = `data:image/svg+xml;base64,${btoa(bin)}`;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no canvas");
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the PNG could not be made"))), "image/png"));
}

export type ExportKind = "yaml" | "svg" | "png";

/** What an export is made of. */
export interface Exportable {
  /** The scenario, as `kubectl apply -f` takes it. */
  yaml: string;
  /** The drawn diagram (nothing to export while there is none). */
  svg: SVGSVGElement | undefined;
  /** The colour behind the diagram (the SVG's own background). */
  background: string;
  /** The file name without its extension. */
  name: string;
}

/** Downloads the scenario as YAML, or the diagram as SVG or PNG. Rejects when the PNG cannot be made. */
export async function exportAs(kind: ExportKind, what: Exportable): Promise<void> {
  if (kind === "yaml") {
    download(new Blob([what.yaml], { type: "application/yaml" }), `${what.name}.yaml`);
    return;
  }
  if (!what.svg) return;
  const text = standaloneSvg(what.svg, what.background);
  if (kind === "svg") download(new Blob([text], { type: "image/svg+xml" }), `${what.name}.svg`);
  else download(await svgToPng(text, what.svg.width.baseVal.value, what.svg.height.baseVal.value), `${what.name}.png`);
}
