/** A wide table's horizontal scroller: focusable and named, so a keyboard user can scroll it too. */
import type { ComponentChildren } from 'preact';

export function ScrollArea({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard (WCAG 2.1.1).
    <section class="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
