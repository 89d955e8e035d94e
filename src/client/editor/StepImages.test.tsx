import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SopDraft } from '../../shared/sop-draft.ts';
import { setSopApiFetch } from '../library/sop-api-client.ts';
import { axeViolations } from '../test-support/axe.ts';
import { chooseFile } from '../test-support/file-input.ts';
import { draftServer, nextSopId, openEditor, stepGroup, tyreCheckDraft } from '../test-support/editor.ts';

const SAVE_WAIT = { timeout: 4000 };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let sopId = '';
beforeEach(() => {
  sopId = nextSopId();
});
afterEach(() => setSopApiFetch((input, init) => fetch(input, init)));

function addImage(n: number, file = new File([PNG], 'pump.png', { type: 'image/png' })) {
  chooseFile(within(stepGroup(n)).getByLabelText(`Add an image to step ${n}`), file);
}

const lastSaved = (server: { saves: { draft: SopDraft }[] }) => server.saves.at(-1)?.draft.content.steps[0];

const withImages = (): SopDraft => {
  const draft = tyreCheckDraft();
  const [first, ...rest] = draft.content.steps;
  if (!first) throw new Error('the fixture has steps');
  const images = [
    { url: '/media/sop-images/one', alt: { en: 'The jack point' } },
    { url: '/media/sop-images/two', alt: { en: 'The lifted car' } },
  ];
  return { ...draft, content: { ...draft.content, steps: [{ ...first, images }, ...rest] } };
};

describe('step images in the editor', () => {
  it('adds a picture to a step: uploaded, then described in a labelled field, saved in the draft', async () => {
    const server = draftServer(sopId);
    await openEditor(sopId);
    addImage(1);
    const alt = await within(stepGroup(1)).findByRole('textbox', { name: 'Description of image 1' });
    await waitFor(() => expect(document.activeElement).toBe(alt));
    expect(server.images).toEqual([{ type: 'image/png', bytes: PNG }]);
    expect(within(stepGroup(1)).getByRole('status').textContent).toBe('Image added: describe it below.');
    const thumbnail = stepGroup(1).querySelector('img');
    expect(thumbnail?.getAttribute('src')).toMatch(/^\/media\/sop-images\//);
    // An image without a description cannot be published.
    expect(
      screen.getByText('Step 1, description of image 1: Write this text (in at least one language).'),
    ).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    fireEvent.input(alt, { target: { value: 'The jack point under the sill' } });
    await waitFor(
      () => expect(lastSaved(server)?.images?.[0]?.alt).toEqual({ en: 'The jack point under the sill' }),
      SAVE_WAIT,
    );
    expect(lastSaved(server)?.images?.[0]?.url).toBe(thumbnail?.getAttribute('src'));
    expect(screen.queryByRole('heading', { name: /To fix before publishing/ })).toBeNull();
  });

  it('describes an image in each language of a localized SOP', async () => {
    const server = draftServer(sopId, withImages());
    await openEditor(sopId);
    fireEvent.change(screen.getByRole('combobox', { name: 'Language of the texts' }), { target: { value: 'fr' } });
    const alt = within(stepGroup(1)).getByRole('textbox', { name: 'Description of image 1' }) as HTMLInputElement;
    expect(alt.value).toBe('');
    fireEvent.input(alt, { target: { value: 'Le point de levage' } });
    await waitFor(
      () => expect(lastSaved(server)?.images?.[0]?.alt).toEqual({ en: 'The jack point', fr: 'Le point de levage' }),
      SAVE_WAIT,
    );
  });

  it('reorders images with the keyboard buttons and removes one', async () => {
    const server = draftServer(sopId, withImages());
    await openEditor(sopId);
    const descriptions = () =>
      within(stepGroup(1))
        .getAllByRole('textbox', { name: /^Description of image/ })
        .map((input) => (input as HTMLInputElement).value);
    const down = screen.getByRole('button', { name: 'Move image 1 of step 1 down' });
    down.focus();
    fireEvent.click(down);
    await waitFor(() => expect(descriptions()).toEqual(['The lifted car', 'The jack point']));
    // "Down" is disabled at the bottom: the focus goes to "up" of the moved image.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move image 2 of step 1 up' })),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove image 1 of step 1' }));
    await waitFor(() => expect(descriptions()).toEqual(['The jack point']));
    await waitFor(
      () => expect(lastSaved(server)?.images?.map((i) => i.url)).toEqual(['/media/sop-images/one']),
      SAVE_WAIT,
    );
  });

  it('offline, says that images need a connection and keeps the draft as it was', async () => {
    const server = draftServer(sopId);
    await openEditor(sopId);
    fireEvent.input(within(stepGroup(1)).getByRole('textbox', { name: 'Title' }), {
      target: { value: 'Raise the car' },
    });
    server.online = false;
    addImage(1);
    const alert = await within(stepGroup(1)).findByRole('alert');
    expect(alert.textContent).toBe(
      'Adding an image needs a connection. Try again once online: the rest of your draft is kept and saved.',
    );
    expect(within(stepGroup(1)).queryByRole('textbox', { name: 'Description of image 1' })).toBeNull();
    expect((within(stepGroup(1)).getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe(
      'Raise the car',
    );
    expect(server.images).toEqual([]);
  });

  it('refuses a file that is not a picture, without sending it', async () => {
    const server = draftServer(sopId);
    await openEditor(sopId);
    addImage(1, new File(['%PDF-1.7'], 'manual.pdf', { type: 'application/pdf' }));
    const alert = await within(stepGroup(1)).findByRole('alert');
    expect(alert.textContent).toBe('This file is not a picture that can be read (JPEG, PNG or WebP).');
    expect(server.images).toEqual([]);
  });
});
