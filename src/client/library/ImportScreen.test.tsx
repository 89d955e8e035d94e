import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SOP_EXPORT_FORMAT, SOP_EXPORT_VERSION } from '../../shared/sop-export.ts';
import { axeViolations } from '../test-support/axe.ts';
import { chooseFile } from '../test-support/file-input.ts';
import { libraryServer } from '../test-support/library-server.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { renderApp } from '../test-support/render-app.tsx';
import { setSopApiFetch } from './sop-api-client.ts';

afterEach(() => setSopApiFetch((input, init) => fetch(input, init)));

const PASTED = `# Opening the shop

## Objective
Open on time with the alarm off.

## Steps
1. Disarm the alarm
2. Lights on in the workshop?
3. Start the compressor`;

async function openImport() {
  renderApp('/library/import');
  await screen.findByRole('heading', { name: 'Import a procedure', level: 1 });
}

const jsonFile = (value: unknown) =>
  new File([JSON.stringify(value)], 'opening.fieldbook.json', { type: 'application/json' });

// The library is for authors and owners.
beforeEach(() => cacheAccount(testAccount('owner')));
describe('importing a procedure', () => {
  it('turns pasted Markdown into a preview to correct, then saves it as a draft', async () => {
    const server = libraryServer([]);
    await openImport();
    fireEvent.change(screen.getByRole('combobox', { name: 'Language of the texts' }), { target: { value: 'en' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Paste the procedure' }), { target: { value: PASTED } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByRole('region', { name: /^Preview: 3 step\(s\)/ });
    expect((within(preview).getAllByRole('textbox', { name: 'Title' })[0] as HTMLInputElement).value).toBe(
      'Opening the shop',
    );
    expect((within(preview).getByRole('textbox', { name: 'Objective' }) as HTMLTextAreaElement).value).toBe(
      'Open on time with the alarm off.',
    );
    const question = within(preview).getByRole('group', { name: 'Step 2' });
    expect((within(question).getByRole('combobox', { name: 'Kind of step' }) as HTMLSelectElement).value).toBe(
      'decision',
    );
    expect(await axeViolations()).toEqual([]);
    // The author corrects the preview before saving it.
    fireEvent.input(
      within(within(preview).getByRole('group', { name: 'Step 3' })).getByRole('textbox', { name: 'Title' }),
      {
        target: { value: 'Start the air compressor' },
      },
    );
    fireEvent.click(within(preview).getByRole('button', { name: 'Save as a draft' }));

    await screen.findByRole('heading', { name: 'Edit the draft', level: 1 });
    const [draft] = [...server.created.values()];
    expect(draft?.title).toEqual({ en: 'Opening the shop' });
    expect(draft?.content.objective).toEqual({ en: 'Open on time with the alarm off.' });
    expect(draft?.content.steps.map((s) => [s.kind, s.title.en])).toEqual([
      ['check', 'Disarm the alarm'],
      ['decision', 'Lights on in the workshop?'],
      ['check', 'Start the air compressor'],
    ]);
  });

  it('lists every problem of a bad JSON file with its place and reason, and imports nothing', async () => {
    const server = libraryServer([]);
    await openImport();
    const bad = {
      format: SOP_EXPORT_FORMAT,
      formatVersion: SOP_EXPORT_VERSION,
      exportedAt: 1,
      sop: {
        title: { en: 'Opening' },
        category: 'sales',
        ownerName: null,
        reviewIntervalDays: 90,
        status: 'published',
        lastReviewedAt: null,
      },
      versions: [
        {
          version: 1,
          publishedAt: 1,
          publishedBy: null,
          changeNote: 'First',
          content: {
            mode: 'sequential',
            objective: {},
            prerequisites: [],
            steps: [{ id: 'a', kind: 'decision', title: { en: 'Alarm off?' }, critical: false, yes: 'gone', no: null }],
            acceptanceCriteria: [],
          },
        },
      ],
      draft: null,
    };
    chooseFile(screen.getByLabelText('Choose a JSON file'), jsonFile(bad));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('Nothing was imported: the file has 3 problem(s).'));
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'sop.category — This value is not what an export holds here.',
      'versions.0.content.objective — Write this text (in at least one language).',
      'versions.0.content.steps.0.yes — This answer leads to a step that no longer exists: choose another step or the end.',
    ]);
    expect(await axeViolations()).toEqual([]);
    expect(server.imported).toEqual([]);

    // A history with a gap is refused as a whole, in words.
    const [version] = bad.versions;
    const content = {
      ...version?.content,
      objective: { en: 'Open on time' },
      steps: [{ id: 'a', kind: 'check', title: { en: 'Disarm' }, critical: false }],
    };
    const gap = {
      ...bad,
      sop: { ...bad.sop, category: 'operational' },
      versions: [{ ...version, version: 2, content }],
    };
    chooseFile(screen.getByLabelText('Choose a JSON file'), jsonFile(gap));
    await waitFor(() =>
      expect(
        within(screen.getByRole('alert'))
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual(['versions.0.version — The versions must be numbered 1, 2, 3… without a gap.']),
    );
    expect(server.imported).toEqual([]);
  });

  it('says when a file is not JSON at all, without sending it', async () => {
    const server = libraryServer([]);
    await openImport();
    chooseFile(
      screen.getByLabelText('Choose a JSON file'),
      new File(['# not json'], 'notes.md', { type: 'text/markdown' }),
    );
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('This file is not JSON.'));
    expect(server.imported).toEqual([]);
  });
});
