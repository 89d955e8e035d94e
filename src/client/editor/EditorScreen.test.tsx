import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DraftEnvelope } from '../../shared/sop-api.ts';
import type { SopDraft } from '../../shared/sop-draft.ts';
import { setSopApiFetch } from '../library/sop-api-client.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { hasCsrfHeader, json } from '../test-support/fake-server.ts';
import { renderApp } from '../test-support/render-app.tsx';
import { pendingDraft } from './draft-store.ts';

// Each test edits its own SOP: a closed editor's last save can never reach the next test's server.
let testNumber = 0;
let SOP_ID = '';

const baseDraft = (): SopDraft => ({
  title: { en: 'Tyre check' },
  category: 'operational',
  ownerName: null,
  reviewIntervalDays: 90,
  content: {
    mode: 'sequential',
    objective: { en: 'Safe tyres' },
    prerequisites: [],
    steps: [
      { id: 'a', kind: 'check', title: { en: 'Lift the car' }, critical: false },
      { id: 'q', kind: 'decision', title: { en: 'Is the tread worn?' }, critical: false, yes: 'c', no: null },
      { id: 'c', kind: 'check', title: { en: 'Replace the tyre' }, critical: true },
    ],
    acceptanceCriteria: [],
  },
});

/** A draft endpoint with the server's version check; `online` false makes every call fail like a lost network. */
function draftServer(initial: SopDraft = baseDraft()) {
  const server = {
    online: true,
    envelope: {
      sopId: SOP_ID,
      revision: 3,
      draft: initial,
      updatedAt: 1,
      updatedBy: null,
      latestVersion: 1,
    } as DraftEnvelope,
    saves: [] as { revision: number; draft: SopDraft }[],
    fetch: async (input: string, init?: RequestInit): Promise<Response> => {
      if (!server.online) throw new TypeError('Failed to fetch');
      if (input !== `/api/sops/${SOP_ID}/draft`) return json({ error: 'not_found', message: 'x' }, 404);
      if (init?.method !== 'PUT') return json(server.envelope);
      if (!hasCsrfHeader(init)) return json({ error: 'csrf_rejected', message: 'no CSRF header' }, 403);
      const body = JSON.parse(String(init.body)) as { revision: number; draft: SopDraft };
      if (body.revision !== server.envelope.revision) {
        return json({ error: 'conflict', message: 'changed', current: server.envelope }, 409);
      }
      server.saves.push(body);
      server.envelope = { ...server.envelope, revision: body.revision + 1, draft: body.draft, updatedAt: Date.now() };
      return json(server.envelope);
    },
  };
  setSopApiFetch(server.fetch);
  return server;
}

const SAVE_WAIT = { timeout: 4000 };

async function openEditor() {
  renderApp(`/library/${SOP_ID}/edit`);
  await screen.findByRole('heading', { name: 'Edit the draft', level: 1 });
}

const step = (n: number) => screen.getByRole('group', { name: `Step ${n}` });
const stepTitles = () =>
  screen
    .getAllByRole('textbox', { name: 'Title' })
    .slice(1)
    .map((input) => (input as HTMLInputElement).value);

beforeEach(async () => {
  await cacheAccount(testAccount('author'));
  testNumber += 1;
  SOP_ID = `0190f0a0-0000-7000-8000-${String(testNumber).padStart(12, '0')}`;
});
afterEach(() => setSopApiFetch((input, init) => fetch(input, init)));

describe('editor', () => {
  it('explains each problem in words as you type, next to its field', async () => {
    draftServer();
    await openEditor();
    expect(screen.queryByRole('heading', { name: /To fix before publishing/ })).toBeNull();
    const title = within(step(1)).getByRole('textbox', { name: 'Title' });
    fireEvent.input(title, { target: { value: '' } });
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(within(step(1)).getByText('Write this text (in at least one language).')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'To fix before publishing (1)' })).toBeTruthy();
    expect(screen.getByText('Step 1, title: Write this text (in at least one language).')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Publish version 2' }).hasAttribute('disabled')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Delete step 3' }));
    const yes = within(step(2)).getByRole('combobox', { name: 'If yes, go to' });
    expect(yes.getAttribute('aria-invalid')).toBe('true');
    expect(within(step(2)).getByText(/leads to a step that no longer exists/)).toBeTruthy();
  });

  it('reorders steps with the keyboard buttons, the focus following the step', async () => {
    draftServer();
    await openEditor();
    const down = screen.getByRole('button', { name: 'Move step 1 down' });
    down.focus();
    fireEvent.click(down);
    await waitFor(() => expect(stepTitles()).toEqual(['Is the tread worn?', 'Lift the car', 'Replace the tyre']));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move step 2 down' })));
    fireEvent.click(screen.getByRole('button', { name: 'Move step 2 down' }));
    await waitFor(() => expect(stepTitles()).toEqual(['Is the tread worn?', 'Replace the tyre', 'Lift the car']));
    // At the bottom "down" is disabled: the focus moves to "up" of the same step.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move step 3 up' })));
    expect(screen.getByRole('button', { name: 'Move step 1 up' }).hasAttribute('disabled')).toBe(true);
  });

  it('edits decision branches: another step or the end, saved with the step ids', async () => {
    const server = draftServer();
    await openEditor();
    const yes = within(step(2)).getByRole('combobox', { name: 'If yes, go to' });
    const no = within(step(2)).getByRole('combobox', { name: 'If no, go to' });
    expect(
      within(yes)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['End of the run', 'Step 1: Lift the car', 'Step 3: Replace the tyre']);
    fireEvent.change(yes, { target: { value: '__end__' } });
    fireEvent.change(no, { target: { value: 'c' } });
    await waitFor(() => expect(server.saves).toHaveLength(1), SAVE_WAIT);
    await screen.findByText('All changes saved', {}, SAVE_WAIT);
    expect(server.saves[0]?.draft.content.steps[1]).toMatchObject({ id: 'q', kind: 'decision', yes: null, no: 'c' });
  });

  it('keeps a draft typed offline on the device and saves it when the network returns', async () => {
    const server = draftServer();
    await openEditor();
    server.online = false;
    fireEvent.input(within(step(1)).getByRole('textbox', { name: 'Title' }), { target: { value: 'Raise the car' } });
    await screen.findByText(/Offline: your changes are kept on this device/, {}, SAVE_WAIT);
    expect((await pendingDraft(SOP_ID))?.draft.content.steps[0]?.title).toEqual({ en: 'Raise the car' });
    expect(server.saves).toEqual([]);

    server.online = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await screen.findByText('All changes saved', {}, SAVE_WAIT);
    expect(server.saves.map((s) => [s.revision, s.draft.content.steps[0]?.title.en])).toEqual([[3, 'Raise the car']]);
    expect(await pendingDraft(SOP_ID)).toBeUndefined();
  });

  it('shows a clear conflict message when someone else saved in between, and loses nothing', async () => {
    const server = draftServer();
    await openEditor();
    fireEvent.input(within(step(1)).getByRole('textbox', { name: 'Title' }), { target: { value: 'Mine' } });
    // Another author saves first: the server is at a revision this editor has not seen.
    server.envelope = {
      ...server.envelope,
      revision: 9,
      updatedBy: 'Marc',
      draft: { ...baseDraft(), title: { en: 'Their title' } },
    };
    const alert = await screen.findByRole('alert', {}, SAVE_WAIT);
    expect(within(alert).getByText('Someone else changed this draft.')).toBeTruthy();
    expect(within(alert).getByText(/Marc saved it at/)).toBeTruthy();
    expect(within(alert).getByText('Your version is kept on this device. Nothing was overwritten.')).toBeTruthy();
    expect((await pendingDraft(SOP_ID))?.draft.content.steps[0]?.title.en).toBe('Mine');

    fireEvent.click(within(alert).getByRole('button', { name: 'Load their version (drop mine)' }));
    await waitFor(() =>
      expect((screen.getAllByRole('textbox', { name: 'Title' })[0] as HTMLInputElement).value).toBe('Their title'),
    );
    expect(await pendingDraft(SOP_ID)).toBeUndefined();
    expect(server.saves).toEqual([]);
  });
});
