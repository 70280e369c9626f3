// Cluster dumps (`kubectl get nodes,pods,services,endpoints,endpointslices,deployments,statefulsets,daemonsets -A -o yaml`): how they
// are recognised, for the page, the <svcplay-playground> element and share links alike.

/** Input longer than this (characters) is not put in the editor, nor in a link. */
export const BIG_INPUT = 1_000_000;

export function isBig(text: string): boolean {
  return text.length > BIG_INPUT;
}

/**
 * Whether `text` is a real cluster's stored objects: a `kind: List` whose items carry
 * `metadata.uid` or `resourceVersion`, or any document with a `status` and a `uid`. Only the
 * start of the text is looked at, so it is cheap on every keystroke.
 */
export function looksLikeDump(text: string): boolean {
  const head = text.slice(0, 200_000);
  const stored = /^\s+(uid|resourceVersion):\s*\S/m.test(head);
  if (/^kind:\s*List\s*$/m.test(text.slice(-2_000)) || /^kind:\s*List\s*$/m.test(head)) return stored;
  return /^\s*status:/m.test(head) && /^\s+uid:\s*\S/m.test(head);
}

/** How many pods a dump lists (by its `kind: Pod` lines). */
export function countPods(text: string): number {
  return text.match(/^(?:- |  )?kind: Pod\s*$/gm)?.length ?? 0;
}
