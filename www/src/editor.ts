// The YAML editor: CodeMirror 6 with the core's diagnostics inline (squiggle, gutter, hover).
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { HighlightStyle, syntaxHighlighting, indentOnInput, bracketMatching } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { tags } from "@lezer/highlight";
import type { Evaluation, Position } from "../pkg/svcplay_wasm.js";

const highlight = HighlightStyle.define([
  { tag: tags.comment, class: "tok-comment" },
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], class: "tok-key" },
  { tag: [tags.string, tags.special(tags.string)], class: "tok-string" },
  { tag: [tags.number, tags.bool, tags.null], class: "tok-literal" },
  { tag: [tags.meta, tags.punctuation, tags.separator], class: "tok-punct" },
]);

export interface Editor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  showDiagnostics(evaluation: Evaluation): void;
}

/** The word (or rest of the line) at `offset`, so a squiggle covers what it is about. */
function rangeAt(state: EditorState, offset: number): { from: number; to: number } {
  const from = Math.min(Math.max(0, offset), state.doc.length);
  const line = state.doc.lineAt(from);
  const rest = line.text.slice(from - line.from);
  const word = /^[^\s:#,\]}]+(?::(?=\S))?[^\s:#,\]}]*/.exec(rest);
  const len = word ? word[0].length : rest.trimEnd().length;
  return { from, to: Math.min(line.to, from + Math.max(len, 1)) };
}

function where(state: EditorState, position: Position | null): { from: number; to: number } {
  return position ? rangeAt(state, position.offset) : { from: 0, to: Math.min(1, state.doc.length) };
}

/**
 * The editor's look. It lives in a shadow root: CodeMirror then installs its styles as adopted
 * (constructed) style sheets, which the page's Content-Security-Policy (`style-src 'self'`)
 * allows, instead of `<style>` elements, which it blocks. Colours come from the page's CSS
 * variables, which inherit into the shadow root.
 */
const theme = EditorView.theme({
  "&": { height: "min(60vh, 34rem)", fontSize: "0.85rem", background: "var(--bg)", color: "var(--fg)" },
  ".cm-scroller": { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace' },
  ".cm-gutters": { background: "var(--panel)", color: "var(--muted)", borderRight: "1px solid var(--line)" },
  ".cm-activeLine, .cm-activeLineGutter": { background: "color-mix(in srgb, var(--accent) 8%, transparent)" },
  ".cm-cursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused": { outline: "3px solid var(--focus)", outlineOffset: "-3px" },
  ".cm-tooltip": { background: "var(--panel)", color: "var(--fg)", border: "1px solid var(--line)" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": { background: "color-mix(in srgb, var(--accent) 30%, transparent)" },
  ".tok-comment": { color: "var(--muted)", fontStyle: "italic" },
  ".tok-key": { color: "var(--accent)" },
  ".tok-string": { color: "var(--ok)" },
  ".tok-literal": { color: "var(--warn)" },
});

/** `readOnly`: the text can be read and selected, not changed. */
export function createEditor(host: HTMLElement, text: string, onChange: (text: string) => void, options: { readOnly?: boolean } = {}): Editor {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const view = new EditorView({
    parent: root,
    root,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        yaml(),
        theme,
        syntaxHighlighting(highlight),
        lintGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorState.tabSize.of(2),
        EditorState.readOnly.of(options.readOnly === true),
        // Read-only: the browser's own editing never touches the text (CodeMirror would undo it,
        // but Chrome first writes inline styles, which the site's CSP blocks with an error).
        options.readOnly === true ? EditorView.domEventHandlers({ beforeinput: (event) => (event.preventDefault(), true) }) : [],
        EditorView.contentAttributes.of({
          "aria-label": "Manifests (YAML)",
          spellcheck: "false",
          autocapitalize: "off",
          ...(options.readOnly === true ? { "aria-readonly": "true" } : {}),
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    view,
    text: () => view.state.doc.toString(),
    setText(next: string) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    showDiagnostics(evaluation: Evaluation) {
      const state = view.state;
      const out: CmDiagnostic[] = [];
      for (const d of evaluation.diagnostics) {
        out.push({
          ...where(state, d.position),
          severity: d.severity,
          message: d.hint ? `${d.message} (${d.hint})` : d.message,
          source: d.severity === "error" ? "decode" : "warning",
        });
      }
      for (const r of evaluation.results) {
        for (const e of r.errors) {
          out.push({ ...where(state, e.position ?? r.position), severity: "error", message: e.message, source: `${r.kind} ${r.name}` });
        }
        if (!r.created && r.errors.length === 0) {
          out.push({ ...where(state, r.position), severity: "error", message: r.reason, source: `${r.kind} ${r.name}` });
        }
        for (const w of r.warnings) {
          out.push({
            ...where(state, w.position ?? r.position),
            severity: "warning",
            message: w.hint ? `${w.message} (${w.hint})` : w.message,
            source: `${r.kind} ${r.name}`,
          });
        }
      }
      view.dispatch(setDiagnostics(state, out));
    },
  };
}
