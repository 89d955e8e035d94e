/**
 * Fires a real `change` on a file input. (@testing-library/preact turns fireEvent.change
 * into an `input` event once preact/compat is loaded, and file inputs listen to `change`.)
 */
export function chooseFile(input: HTMLElement, file: File): void {
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
