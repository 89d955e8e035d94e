import { describe, expect, it } from 'vitest';
import forklift from '../../test/fixtures/sops/en-forklift-inspection.md?raw';
import opening from '../../test/fixtures/sops/en-plain-opening.md?raw';
import accueil from '../../test/fixtures/sops/fr-accueil-gras.md?raw';
import sanitaires from '../../test/fixtures/sops/fr-sanitaires-crlf.md?raw';
import vidange from '../../test/fixtures/sops/fr-vidange.md?raw';
import { foldHeading, importMarkdown } from './markdown-import.ts';
import type { Locale } from './sop.ts';
import { draftProblems, emptyDraft } from './sop-draft.ts';

/** Steps as "kind:title" with "!" for critical, for compact expectations. */
function steps(text: string, locale: Locale) {
  return importMarkdown(text, { locale }).content.steps.map(
    (s) => `${s.kind}${s.critical ? '!' : ''}:${s.title[locale] ?? ''}`,
  );
}

const publishable = (text: string, locale: Locale) => {
  const { title, content } = importMarkdown(text, { locale });
  return draftProblems({ ...emptyDraft({ [locale]: title ?? 'x' }, 'operational', 'x'), content });
};

describe('importMarkdown: French oil change (# headings, numbered list, nested bullets)', () => {
  const result = importMarkdown(vidange, { locale: 'fr' });

  it('fills title, objective, prerequisites and acceptance criteria', () => {
    expect(result.title).toBe('Vidange moteur et remplacement du filtre à huile');
    expect(result.content.objective).toEqual({
      fr: "Remplacer l'huile moteur et le filtre selon les préconisations du constructeur, sans fuite et avec le bon niveau.",
    });
    expect(result.content.prerequisites).toHaveLength(4);
    expect(result.content.acceptanceCriteria.map((c) => c.fr)).toEqual([
      'Aucune fuite au bouchon ni au filtre',
      "Niveau d'huile entre mini et maxi",
      'Étiquette de vidange remplie et collée',
    ]);
  });

  it('makes one step per numbered item, nested bullets become instructions', () => {
    expect(steps(vidange, 'fr')).toEqual([
      'check:Placer le véhicule sur le pont et couper le contact',
      'check!:Déposer le bouchon de vidange',
      'decision:Le filtre à huile est-il accessible par le dessus ?',
      'check:Déposer le filtre à huile et huiler le joint du filtre neuf',
      'check!:Reposer le bouchon avec un joint neuf, serrer au couple',
      "reading:Remplir d'huile puis contrôler le niveau entre 4,2 à 4,5 L",
      "check:Démarrer le moteur 1 minute et vérifier l'absence de fuite",
      "check:Noter le kilométrage sur l'étiquette de vidange",
    ]);
    expect(result.content.steps[1]?.instructions).toEqual({
      fr: "Attention : l'huile peut être encore chaude\nLaisser s'écouler au moins 10 minutes",
    });
    expect(result.content.steps[5]).toMatchObject({ unit: 'L', min: 4.2, max: 4.5 });
  });

  it('lets a decision go on to the next step either way, and gives unique ids', () => {
    expect(result.content.steps[2]).toMatchObject({ kind: 'decision', yes: 'step-4', no: 'step-4' });
    expect(new Set(result.content.steps.map((s) => s.id)).size).toBe(8);
    expect(publishable(vidange, 'fr')).toEqual([]);
  });
});

describe('importMarkdown: English forklift check (bold headings, mixed bullets, continuation)', () => {
  const result = importMarkdown(forklift, { locale: 'en' });

  it('reads bold headings with and without colon, and an inline objective', () => {
    expect(result.title).toBe('Forklift daily pre-use inspection');
    expect(result.content.objective).toEqual({
      en: 'Make sure the forklift is safe to operate before the first shift.',
    });
    expect(result.content.prerequisites.map((p) => p.en)).toEqual([
      'Forklift parked on level ground, forks lowered',
      'Operator holds a valid licence',
    ]);
    expect(result.content.acceptanceCriteria).toHaveLength(2);
  });

  it('accepts -, * and + bullets and checkboxes; a continuation line is an instruction', () => {
    expect(steps(forklift, 'en')).toEqual([
      'check:Walk around the truck and look for leaks or damage',
      'reading:Check tyre pressure: 6.5-7 bar',
      'check:Check the horn, lights and reversing beeper',
      'check!:Test the service brake and the parking brake',
      'decision:Is the battery charge above 20%?',
      'check:Sign the inspection sheet',
    ]);
    expect(result.content.steps[3]?.instructions).toEqual({
      en: 'The truck must stop within one truck length at walking speed.',
    });
    expect(result.content.steps[4]).toMatchObject({ yes: 'step-6', no: 'step-6' });
    expect(publishable(forklift, 'en')).toEqual([]);
  });
});

describe('importMarkdown: messy French text (CRLF, trailing spaces, "1)" and "1.", blank lines)', () => {
  const result = importMarkdown(sanitaires, { locale: 'fr' });

  it('reads a setext title, upper-case accented heading and a curly apostrophe', () => {
    expect(sanitaires).toContain('\r\n');
    expect(result.title).toBe('Nettoyage des sanitaires');
    expect(result.content.prerequisites.map((p) => p.fr)).toEqual([
      'Chariot de ménage complet',
      'Panneau « sol glissant »',
    ]);
    expect(result.content.acceptanceCriteria.map((p) => p.fr)).toEqual([
      'Aucune trace sur les miroirs',
      'Distributeurs pleins',
    ]);
  });

  it('keeps every item whatever its numbering, without trailing spaces; a time range is no reading', () => {
    expect(steps(sanitaires, 'fr')).toEqual([
      "check:Poser le panneau sol glissant à l'entrée",
      'check:Vider les poubelles et remplacer les sacs',
      'check:Détartrer les cuvettes et les lavabos',
      'check:Nettoyer les miroirs',
      'check:Réapprovisionner papier et savon',
      'decision:Le sol est-il sec ?',
      'check:Retirer le panneau',
    ]);
    expect(result.content.steps[2]?.instructions).toEqual({ fr: 'laisser agir le produit 5 à 10 min' });
    expect(result.unused).toEqual([]);
  });
});

describe('importMarkdown: other shapes', () => {
  it('reads plain text one step per line', () => {
    const result = importMarkdown(opening, { locale: 'en' });
    expect(result.title).toBeNull();
    expect(result.content.objective).toEqual({ en: 'open the shop in the morning ready for customers.' });
    expect(steps(opening, 'en')).toEqual([
      'check:Disarm the alarm',
      'check:Switch on the lights and the coffee machine',
      'check:Open the cash register with the float',
      'decision:Is the heating on?',
      'check:Unlock the front door at 8:00',
    ]);
  });

  it('treats sub-headings as step groups, strips "Étape n :" and reports what it did not use', () => {
    const result = importMarkdown(accueil, { locale: 'fr' });
    expect(result.content.objective.fr).toBe(
      "accueillir chaque client en moins de 5 minutes et ouvrir l'ordre de réparation.",
    );
    expect(result.content.prerequisites).toEqual([{ fr: 'Planning du jour imprimé' }]);
    expect(steps(accueil, 'fr')).toEqual([
      'check:Saluer le client et demander le motif de la visite',
      "check:Relever l'immatriculation et le kilométrage",
      'decision:Le client a-t-il un rendez-vous ?',
      "check:Créer l'ordre de réparation",
      'check:Remettre le double au client',
    ]);
    expect(result.content.steps[3]?.instructions).toEqual({ fr: 'Faire signer le client sur la tablette.' });
    expect(result.unused).toEqual(['### Accueil', '### Ordre de réparation']);
    expect(result.content.acceptanceCriteria).toHaveLength(2);
  });

  it('ignores a paragraph before a list instead of making it a step', () => {
    const result = importMarkdown('Intro text.\n\n- One\n- Two?\n', { locale: 'en' });
    expect(steps('Intro text.\n\n- One\n- Two?\n', 'en')).toEqual(['check:One', 'decision:Two?']);
    expect(result.unused).toEqual(['Intro text.']);
    expect(result.content.steps[1]).toMatchObject({ yes: null, no: null });
  });

  it('returns an empty draft for empty text', () => {
    expect(importMarkdown(' \r\n\n', { locale: 'fr' }).content.steps).toEqual([]);
  });

  it('folds headings: accents, case, apostrophes', () => {
    expect(foldHeading('  CRITÈRES  d’Acceptation ')).toBe("criteres d'acceptation");
  });
});
