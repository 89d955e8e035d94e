/**
 * axe-core on the rendered DOM of a component test, as the browser tests run it on real
 * pages. jsdom has no layout, so the rules that measure (colour contrast) are left to the
 * browser tests; every other rule runs.
 */
import axe from 'axe-core';

/** axe's violations under `root` as "rule: targets", empty when there is none. */
export async function axeViolations(root: Element = document.body): Promise<string[]> {
  // axe draws text on a canvas only to spot icon fonts and copes without one; jsdom has
  // none and would print "Not implemented" for every button.
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof getContext;
  try {
    const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } finally {
    HTMLCanvasElement.prototype.getContext = getContext;
  }
}
