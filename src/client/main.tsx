/** Entry point: prepares the device state, renders the app into #app, starts background work. */
import { render } from 'preact';
import { App } from './app/App.tsx';
import { prepareApp, startBackgroundWork } from './app/boot.ts';
import { createAppRouter } from './router.tsx';
import './styles.css';

async function main(): Promise<void> {
  // A device whose storage fails to open still gets a screen (which then says so).
  await prepareApp().catch(() => undefined);
  const root = document.getElementById('app');
  if (!root) return;
  render(<App router={createAppRouter()} />, root);
  startBackgroundWork();
}

void main();
