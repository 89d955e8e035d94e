/** Shortcuts for run-screen tests: tap by accessible name, wait for a step heading. */
import { fireEvent, screen } from '@testing-library/preact';
import { expect } from 'vitest';
import { renderApp } from './render-app.tsx';

export const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
export const heading = (name: string) => screen.findByRole('heading', { name, level: 2 });
export const type = (name: string, value: string) =>
  fireEvent.input(screen.getByRole('textbox', { name }), { target: { value } });

/** Opens a SOP's detail, taps "Start run", and returns the new run's id. */
export async function startFromDetail(sopId: string, title: string): Promise<string> {
  const view = renderApp(`/sops/${sopId}`);
  await screen.findByRole('heading', { name: title, level: 1 });
  click('Start run');
  await screen.findByRole('article');
  await expect.poll(() => view.router.state.location.pathname).toMatch(/^\/runs\//);
  return view.router.state.location.pathname.split('/').pop() ?? '';
}
