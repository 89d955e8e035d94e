import { t } from '../text.ts';
import type { DemoSop } from '../types.ts';

/** Réparation: doing the work the customer accepted, safely, with evidence before and after. */
export const repair: DemoSop = {
  key: 'repair',
  title: t('Réparation', 'Repair'),
  category: 'operational',
  reviewIntervalDays: 90,
  changeNote: 'First version',
  content: {
    mode: 'sequential',
    objective: t(
      'Réaliser les travaux acceptés sur le devis selon les préconisations du constructeur, en sécurité, et laisser un véhicule prêt pour le test final.',
      'Carry out the work accepted on the estimate to the manufacturer’s specifications, safely, and leave the vehicle ready for the final test.',
    ),
    prerequisites: [
      t('Ordre de réparation avec accord du client consigné.', 'Repair order with the customer’s approval recorded.'),
      t('Pièces livrées, contrôlées et étiquetées.', 'Parts delivered, checked and labelled.'),
      t('Clé dynamométrique étalonnée depuis moins d’un an.', 'Torque wrench calibrated within the last year.'),
      t(
        'Équipements de protection : gants, lunettes, chaussures de sécurité.',
        'Protective equipment: gloves, safety glasses, safety shoes.',
      ),
    ],
    steps: [
      {
        id: 'read-repair-order',
        kind: 'check',
        title: t('Lire l’OR et protéger le véhicule', 'Read the repair order and protect the vehicle'),
        instructions: t(
          'Relire les travaux acceptés et le devis, récupérer les pièces au casier, poser les housses d’aile et vérifier les protections d’habitacle.',
          'Re-read the accepted work and the estimate, collect the parts from the bin, fit the wing covers and check the interior protection.',
        ),
        why: t(
          'On ne fait que ce que le client a accepté : un travail hors devis ne peut pas être facturé.',
          'We only do what the customer accepted: work outside the estimate cannot be invoiced.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'lift-vehicle',
        kind: 'check',
        title: t('Lever le véhicule sur le pont', 'Raise the vehicle on the lift'),
        instructions: t(
          'Placer les tampons aux points de levage constructeur, décoller les roues de quelques centimètres, secouer le véhicule pour vérifier sa stabilité, puis monter et verrouiller le pont.',
          'Put the pads on the manufacturer’s lifting points, lift the wheels a few centimetres, rock the vehicle to check it is stable, then raise and lock the lift.',
        ),
        why: t(
          'Un véhicule mal calé peut basculer : c’est l’accident le plus grave en atelier.',
          'A badly placed vehicle can fall: it is the most serious accident in a workshop.',
        ),
        critical: true,
        expectedSeconds: 180,
      },
      {
        id: 'electrical-work',
        kind: 'decision',
        yes: 'disconnect-battery',
        no: 'remove-part',
        title: t(
          'L’intervention touche-t-elle le circuit électrique ou les airbags ?',
          'Does the job involve the electrical system or the airbags?',
        ),
        instructions: t(
          'Oui : débrancher la batterie d’abord. Non : passer à la dépose.',
          'Yes: disconnect the battery first. No: go on to the removal.',
        ),
        why: t(
          'Travailler sous tension sur un faisceau ou un airbag expose à un court-circuit ou à un déclenchement.',
          'Working live on a harness or an airbag risks a short circuit or an accidental deployment.',
        ),
        critical: false,
        expectedSeconds: 15,
      },
      {
        id: 'disconnect-battery',
        kind: 'check',
        title: t('Débrancher la batterie', 'Disconnect the battery'),
        instructions: t(
          'Noter le code autoradio si besoin, débrancher la borne négative en premier, l’isoler, puis attendre 5 minutes avant de toucher un airbag.',
          'Note the radio code if needed, disconnect the negative terminal first, insulate it, then wait 5 minutes before touching an airbag.',
        ),
        why: t(
          'Un court-circuit peut détruire un calculateur, et un airbag encore alimenté peut se déclencher.',
          'A short circuit can destroy a control unit, and an airbag that is still powered can go off.',
        ),
        critical: true,
        expectedSeconds: 120,
      },
      {
        id: 'remove-part',
        kind: 'check',
        title: t('Déposer la pièce défectueuse', 'Remove the faulty part'),
        instructions: t(
          'Suivre la méthode de dépose du constructeur. Ranger la visserie dans un bac et remplacer toute vis ou écrou à usage unique.',
          'Follow the manufacturer’s removal procedure. Keep the fasteners in a tray and replace any single-use bolt or nut.',
        ),
        why: t(
          'La méthode constructeur évite de casser une agrafe ou un connecteur qui n’est pas sur le devis.',
          'The manufacturer’s method avoids breaking a clip or connector that is not on the estimate.',
        ),
        critical: false,
        expectedSeconds: 1800,
      },
      {
        id: 'photo-removed-part',
        kind: 'photo',
        required: true,
        title: t('Photo de la pièce déposée', 'Photo of the removed part'),
        instructions: t(
          'Photographier la pièce usagée, côté défaut visible, à côté de la pièce neuve.',
          'Photograph the old part, faulty side visible, next to the new part.',
        ),
        why: t(
          'La photo justifie le remplacement auprès du client et sert en cas de retour garantie fournisseur.',
          'The photo justifies the replacement to the customer and supports a supplier warranty claim.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'fit-new-part',
        kind: 'check',
        title: t('Monter la pièce neuve', 'Fit the new part'),
        instructions: t(
          'Vérifier que la référence correspond à la pièce déposée, monter la pièce, puis refaire les niveaux éventuels (liquide de refroidissement, huile, liquide de frein).',
          'Check the reference matches the removed part, fit the part, then top up any fluids (coolant, oil, brake fluid).',
        ),
        why: t(
          'Un niveau oublié après une réparation peut détruire un moteur en quelques kilomètres.',
          'A fluid level forgotten after a repair can destroy an engine within a few kilometres.',
        ),
        critical: false,
        expectedSeconds: 2400,
      },
      {
        id: 'torque-check',
        kind: 'check',
        title: t('Serrer au couple de serrage préconisé', 'Tighten to the specified torque'),
        instructions: t(
          'Serrer chaque fixation avec la clé dynamométrique au couple indiqué par la documentation constructeur, dans l’ordre prescrit, et marquer chaque écrou au feutre.',
          'Tighten every fastener with the torque wrench to the value in the manufacturer’s documentation, in the prescribed order, and mark each nut with a paint pen.',
        ),
        why: t(
          'Trop peu serré, un élément se desserre en roulant ; trop serré, il casse ou se déforme. Le marquage montre au contrôle que rien n’a été oublié.',
          'Too loose, a part works itself free while driving; too tight, it breaks or warps. The marks show at inspection that nothing was missed.',
        ),
        critical: true,
        expectedSeconds: 300,
      },
      {
        id: 'battery-was-disconnected',
        kind: 'decision',
        yes: 'reconnect-battery',
        no: 'photo-finished-repair',
        title: t('La batterie a-t-elle été débranchée ?', 'Was the battery disconnected?'),
        instructions: t(
          'Oui : rebrancher et réinitialiser. Non : passer à la photo de fin de réparation.',
          'Yes: reconnect and reinitialise. No: go on to the photo of the finished repair.',
        ),
        critical: false,
        expectedSeconds: 10,
      },
      {
        id: 'reconnect-battery',
        kind: 'check',
        title: t('Rebrancher la batterie et réinitialiser', 'Reconnect the battery and reinitialise'),
        instructions: t(
          'Rebrancher la borne négative en dernier, serrer la cosse, puis réinitialiser lève-vitres, horloge, code autoradio et angle volant si nécessaire.',
          'Reconnect the negative terminal last, tighten the clamp, then reinitialise the windows, clock, radio code and steering angle if needed.',
        ),
        why: t(
          'Un client qui récupère des vitres qui ne remontent plus croit que nous avons créé une panne.',
          'A customer whose windows no longer close believes we caused a new fault.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'photo-finished-repair',
        kind: 'photo',
        required: true,
        title: t('Photo de la réparation terminée', 'Photo of the finished repair'),
        instructions: t(
          'Photographier la pièce montée avec ses fixations marquées.',
          'Photograph the fitted part with its marked fasteners.',
        ),
        why: t(
          'C’est la preuve d’un travail fait proprement, utile en cas de réclamation.',
          'It is proof of a clean job, useful if there is ever a complaint.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'technician-notes',
        kind: 'text',
        required: false,
        title: t('Remarques pour le test final et le client', 'Notes for the final test and the customer'),
        instructions: t(
          'Noter toute usure constatée hors devis (pneus, plaquettes, fuite) : elle sera proposée au client, jamais réparée sans accord.',
          'Write down any wear seen outside the estimate (tyres, pads, leak): it will be offered to the customer, never fixed without approval.',
        ),
        why: t(
          'Signaler une usure, c’est du conseil pour le client et du travail pour l’atelier.',
          'Reporting wear is advice for the customer and future work for the workshop.',
        ),
        critical: false,
        expectedSeconds: 120,
      },
    ],
    acceptanceCriteria: [
      t(
        'Tous les travaux acceptés sur le devis sont réalisés, et eux seuls.',
        'All the work accepted on the estimate is done, and nothing else.',
      ),
      t(
        'Toutes les fixations sont serrées au couple et marquées.',
        'Every fastener is tightened to torque and marked.',
      ),
      t(
        'Photos de la pièce déposée et de la réparation terminée jointes au dossier.',
        'Photos of the removed part and of the finished repair are attached to the file.',
      ),
    ],
  },
};
