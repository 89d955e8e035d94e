/**
 * Reordering lists with Up and Down buttons (steps, step images, onboarding tracks). The
 * focus stays where the person is: after a move, it goes to the same button of the moved
 * item, or to its twin when that one became disabled at an end of the list.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';

/** The list with the item at `from` moved to position `to` (clamped); the same list when nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): readonly T[] {
  const items = [...list];
  const target = Math.max(0, Math.min(items.length - 1, to));
  const [item] = items.splice(from, 1);
  if (item === undefined || from === target) return list;
  items.splice(target, 0, item);
  return items;
}

/** Which button of the moved item keeps the focus after a move from `from` to `to` in a list of `count`. */
export function buttonAfterMove(from: number, to: number, count: number): 'up' | 'down' {
  if (to < from) return to > 0 ? 'up' : 'down';
  return to < count - 1 ? 'down' : 'up';
}

/**
 * A function that asks for the element with this id to get the focus after the next render.
 * A layout effect, run right after that render's DOM changes: Preact runs a plain effect
 * left over from the render before at the start of the next one, on the DOM before the move.
 */
export function useFocusAfterRender(): (id: string) => void {
  const pending = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!pending.current) return;
    document.getElementById(pending.current)?.focus();
    pending.current = null;
  });
  return (id) => {
    pending.current = id;
  };
}
