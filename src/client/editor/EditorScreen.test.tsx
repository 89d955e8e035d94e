import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setSopApiFetch } from '../library/sop-api-client.ts';
import {
  draftServer as fakeDraftServer,
  nextSopId,
  openEditor as openSopEditor,
  stepGroup,
  tyreCheckDraft,
} from '../test-support/editor.ts';
import { pendingDraft } from './draft-store.ts';

let SOP_ID = '';

const draftServer = () => fakeDraftServer(SOP_ID);
const openEditor = () => openSopEditor(SOP_ID);
const step = stepGroup;
const SAVE_WAIT = { timeout: 4000 };

const stepTitles = () =>
  screen
    .getAllByRole('textbox', { name: 'Title' })
    .slice(1)
    .map((input) => (input as HTMLInputElement).value);

beforeEach(() => {
  SOP_ID = nextSopId();
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
      draft: { ...tyreCheckDraft(), title: { en: 'Their title' } },
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
