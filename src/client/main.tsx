/** Entry point: prepares the device state, renders the app into #app, starts background work. */
import { render } from 'preact';
import { App } from './app/App.tsx';
import { prepareApp, startBackgroundWork } from './app/boot.ts';
import { createAppRouter } from './router.tsx';
import './styles.css';

/** Longest wait for the first screen before the background work starts anyway. */
const BACKGROUND_FALLBACK_MS = 3000;

async function main(): Promise<void> {
  // A device whose storage fails to open still gets a screen (which then says so).
  await prepareApp().catch(() => undefined);
  const root = document.getElementById('app');
  if (!root) return;
  const router = createAppRouter();
  // The sync code loads once the first screen shows its heading, so that screen never
  // waits for it (nor competes with it for a slow phone's CPU). Not on the router's first
  // render: that may be a redirect (to the sign-in) whose screen is still loading.
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    headings.disconnect();
    void startBackgroundWork();
  };
  const headings = new MutationObserver(() => root.querySelector('h1') && start());
  headings.observe(root, { childList: true, subtree: true });
  setTimeout(start, BACKGROUND_FALLBACK_MS);
  render(<App router={router} />, root);
}

void main();
