import { t } from '../text.ts';
import type { DemoSop } from '../types.ts';

/** Service après-vente: handling a customer who comes back unhappy after a repair. */
export const afterSales: DemoSop = {
  key: 'after-sales',
  title: t('Service après-vente', 'After-sales service'),
  category: 'support',
  reviewIntervalDays: 180,
  changeNote: 'First version',
  content: {
    mode: 'sequential',
    objective: t(
      'Traiter une réclamation après une intervention : établir les faits, décider de la prise en charge et garder le client.',
      'Handle a complaint after a repair: establish the facts, decide who pays, and keep the customer.',
    ),
    prerequisites: [
      t(
        'Facture ou ordre de réparation de l’intervention d’origine retrouvé.',
        'Invoice or repair order of the original job found.',
      ),
      t(
        'Si possible, le technicien qui a fait l’intervention est disponible.',
        'If possible, the technician who did the original job is available.',
      ),
    ],
    steps: [
      {
        id: 'original-invoice',
        kind: 'text',
        required: true,
        title: t('Numéro de facture de l’intervention d’origine', 'Invoice number of the original job'),
        instructions: t(
          'Retrouver la facture par le nom du client ou l’immatriculation.',
          'Find the invoice by customer name or plate number.',
        ),
        why: t(
          'La date et le détail de la facture disent si la garantie pièces et main-d’œuvre s’applique.',
          'The date and details of the invoice tell whether the parts and labour warranty applies.',
        ),
        critical: false,
        expectedSeconds: 120,
      },
      {
        id: 'complaint',
        kind: 'text',
        required: true,
        title: t('Objet de la réclamation', 'What the customer complains about'),
        instructions: t(
          'Écouter le client jusqu’au bout sans l’interrompre, puis noter les faits : symptôme, date d’apparition, circonstances.',
          'Listen to the customer to the end without interrupting, then write down the facts: symptom, when it started, circumstances.',
        ),
        why: t(
          'Un client écouté est déjà à moitié rassuré ; un client coupé se braque.',
          'A customer who is heard is already half reassured; a customer who is cut off digs in.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'current-mileage',
        kind: 'reading',
        unit: 'km',
        min: 0,
        title: t('Kilométrage actuel', 'Current mileage'),
        instructions: t(
          'Relever le compteur pour le comparer au kilométrage de sortie de l’intervention d’origine.',
          'Read the odometer to compare it with the exit mileage of the original job.',
        ),
        why: t(
          'Le nombre de kilomètres parcourus depuis la réparation aide à juger si la pièce a lâché ou a été mal montée.',
          'The distance driven since the repair helps judge whether the part failed or was fitted badly.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'inspect-vehicle',
        kind: 'check',
        title: t('Examiner le véhicule avec le technicien', 'Inspect the vehicle with the technician'),
        instructions: t(
          'Reproduire le symptôme, contrôler la pièce remplacée et son montage (couple de serrage, connectiques, niveaux).',
          'Reproduce the symptom, check the replaced part and how it was fitted (tightening torque, connectors, fluid levels).',
        ),
        why: t(
          'Le technicien d’origine sait ce qu’il a fait : il trouve plus vite si l’erreur vient de nous.',
          'The original technician knows what they did: they find faster whether the mistake is ours.',
        ),
        critical: false,
        expectedSeconds: 1200,
      },
      {
        id: 'photo-defect',
        kind: 'photo',
        required: true,
        title: t('Photo du défaut constaté', 'Photo of the defect found'),
        instructions: t(
          'Photographier le défaut et, si la pièce est en cause, son étiquette avec la référence et le lot.',
          'Photograph the defect and, if the part is at fault, its label with the reference and batch number.',
        ),
        why: t(
          'Le fournisseur ne rembourse une pièce sous garantie qu’avec une preuve du défaut.',
          'The supplier only refunds a part under warranty with proof of the defect.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'linked-to-repair',
        kind: 'decision',
        yes: 'warranty-claim',
        no: 'explain-findings',
        title: t('Le problème est-il lié à notre intervention ?', 'Is the problem linked to our work?'),
        instructions: t(
          'Oui si la pièce remplacée ou son montage est en cause. Non si c’est une autre panne, sans rapport avec les travaux facturés.',
          'Yes if the replaced part or the way it was fitted is at fault. No if it is a different fault, unrelated to the work invoiced.',
        ),
        why: t(
          'La réponse décide qui paie : elle doit reposer sur le contrôle, pas sur l’humeur du client.',
          'The answer decides who pays: it must rest on the inspection, not on the customer’s mood.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'warranty-claim',
        kind: 'check',
        title: t('Prendre en charge sous garantie', 'Handle it under warranty'),
        instructions: t(
          'Ouvrir un ordre de réparation à 0 € « garantie », planifier la reprise en priorité et ouvrir une demande de garantie chez le fournisseur de la pièce.',
          'Open a €0 "warranty" repair order, schedule the rework first, and file a warranty claim with the part’s supplier.',
        ),
        why: t(
          'Réparer vite et sans discuter ce qui est de notre fait coûte moins cher qu’un client perdu et un avis négatif.',
          'Fixing our own mistake quickly and without argument costs less than a lost customer and a bad review.',
        ),
        critical: false,
        expectedSeconds: 600,
      },
      {
        id: 'explain-findings',
        kind: 'check',
        title: t('Expliquer la conclusion au client', 'Explain the conclusion to the customer'),
        instructions: t(
          'Montrer la photo et expliquer la cause. Si la panne est sans rapport, proposer un devis, sans engagement.',
          'Show the photo and explain the cause. If the fault is unrelated, offer an estimate with no obligation.',
        ),
        why: t(
          'Un client qui voit la preuve accepte mieux une conclusion qui ne l’arrange pas.',
          'A customer who sees the evidence accepts an unwelcome conclusion more easily.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'customer-satisfied',
        kind: 'decision',
        yes: 'log-case',
        no: 'escalate-to-owner',
        title: t('Le client est-il satisfait de la solution ?', 'Is the customer satisfied with the solution?'),
        instructions: t(
          'Oui : enregistrer le dossier. Non : le transmettre au gérant avant de l’enregistrer.',
          'Yes: log the case. No: pass it to the owner before logging it.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'escalate-to-owner',
        kind: 'check',
        title: t('Transmettre au gérant', 'Escalate to the owner'),
        instructions: t(
          'Transmettre le dossier à M. Martin le jour même ; c’est lui qui rappelle le client et décide d’un geste commercial.',
          'Pass the file to Mr Martin the same day; he calls the customer back and decides on any goodwill gesture.',
        ),
        why: t(
          'Un litige qui traîne finit chez le médiateur ou sur internet ; une décision rapide du gérant l’évite.',
          'A dispute that drags on ends up with the ombudsman or online; a quick decision by the owner avoids that.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'log-case',
        kind: 'check',
        title: t('Enregistrer le dossier SAV', 'Log the after-sales case'),
        instructions: t(
          'Noter dans le registre SAV : cause, solution, coût pour l’atelier, et l’étape de procédure à améliorer s’il y en a une.',
          'Record in the after-sales log: cause, solution, cost to the workshop, and the procedure step to improve if there is one.',
        ),
        why: t(
          'Les retours répétés sur la même étape montrent quelle procédure doit changer.',
          'Repeated returns on the same step show which procedure needs to change.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
    ],
    acceptanceCriteria: [
      t(
        'La cause de la réclamation est établie et documentée par une photo.',
        'The cause of the complaint is established and documented with a photo.',
      ),
      t(
        'Le client a reçu une réponse le jour même, ou le gérant a repris le dossier.',
        'The customer got an answer the same day, or the owner has taken over the case.',
      ),
      t('Le dossier est enregistré au registre SAV.', 'The case is recorded in the after-sales log.'),
    ],
  },
};
