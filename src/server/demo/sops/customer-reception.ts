import { t } from '../text.ts';
import type { DemoSop } from '../types.ts';

/** Réception client: from the customer at the counter to a signed repair order and tagged keys. */
export const customerReception: DemoSop = {
  key: 'customer-reception',
  title: t('Réception client', 'Customer reception'),
  category: 'operational',
  reviewIntervalDays: 90,
  changeNote: 'First version',
  content: {
    mode: 'sequential',
    objective: t(
      'Accueillir le client, consigner sa demande et l’état du véhicule, et ouvrir un ordre de réparation signé avant toute intervention.',
      'Welcome the customer, record their request and the condition of the vehicle, and open a signed repair order before any work starts.',
    ),
    prerequisites: [
      t(
        'Logiciel de gestion de l’atelier ouvert sur l’écran de l’accueil.',
        'Workshop management software open on the reception screen.',
      ),
      t(
        'Kit de protection prêt : housse de siège, protège-volant, tapis de sol papier.',
        'Protection kit ready: seat cover, steering wheel cover, paper floor mat.',
      ),
      t('Étiquettes porte-clés et tableau des clés disponibles.', 'Key tags and key board available.'),
    ],
    steps: [
      {
        id: 'greet',
        kind: 'check',
        title: t('Accueillir le client et retrouver sa fiche', 'Greet the customer and find their file'),
        instructions: t(
          'Saluer le client, lui demander s’il a rendez-vous, puis rechercher sa fiche par nom ou immatriculation. Créer la fiche s’il vient pour la première fois.',
          'Greet the customer, ask whether they have an appointment, then look up their file by name or plate number. Create the file if it is their first visit.',
        ),
        why: t(
          'Un client reconnu se sent attendu, et l’historique de la fiche évite de refaire un diagnostic déjà fait.',
          'A customer who is recognised feels expected, and the file history avoids repeating a diagnosis already done.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'customer-name',
        kind: 'text',
        required: true,
        title: t('Nom du client', 'Customer name'),
        instructions: t(
          'Nom et prénom, ou raison sociale pour un professionnel. Vérifier le numéro de téléphone.',
          'Last and first name, or company name for a business customer. Check the phone number.',
        ),
        why: t(
          'Le nom figure sur l’ordre de réparation et la facture ; un numéro juste permet d’appeler pour le devis.',
          'The name goes on the repair order and the invoice; a correct phone number lets us call about the estimate.',
        ),
        critical: false,
        expectedSeconds: 45,
      },
      {
        id: 'plate-number',
        kind: 'text',
        required: true,
        title: t('Immatriculation', 'Plate number'),
        instructions: t(
          'Relever la plaque au format AB-123-CD et la comparer à la carte grise.',
          'Copy the plate in the AB-123-CD format and compare it with the registration document.',
        ),
        why: t(
          'L’immatriculation donne le type mine et la version exacte : les bonnes pièces et les bons temps barème en dépendent.',
          'The plate gives the exact model and version: the right parts and the right labour times depend on it.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'mileage',
        kind: 'reading',
        unit: 'km',
        min: 0,
        title: t('Kilométrage au compteur', 'Odometer mileage'),
        instructions: t(
          'Mettre le contact et relever le kilométrage affiché.',
          'Switch the ignition on and read the mileage shown.',
        ),
        why: t(
          'Le kilométrage d’entrée fixe les entretiens dus et sert de preuve en cas de litige sur un essai routier.',
          'The mileage on arrival sets the services due and is evidence if a road test is ever disputed.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'complaint',
        kind: 'text',
        required: true,
        title: t('Symptômes décrits par le client', 'Symptoms described by the customer'),
        instructions: t(
          'Noter avec les mots du client : quand le problème apparaît (à froid, à chaud, en virage, au freinage), depuis quand, et s’il y a un voyant allumé.',
          'Write it in the customer’s own words: when the problem appears (cold, hot, cornering, braking), since when, and whether a warning light is on.',
        ),
        why: t(
          'Le technicien part de cette description pour reproduire le défaut ; une description vague coûte du temps de diagnostic.',
          'The technician starts from this description to reproduce the fault; a vague description costs diagnosis time.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'arrival-photos',
        kind: 'photo',
        required: true,
        title: t('Photos de l’état du véhicule à l’arrivée', 'Photos of the vehicle condition on arrival'),
        instructions: t(
          'Faire le tour du véhicule avec le client : photographier les quatre faces, les jantes, et toute rayure ou choc existant.',
          'Walk around the vehicle with the customer: photograph all four sides, the wheels and any existing scratch or dent.',
        ),
        why: t(
          'Ces photos protègent l’atelier comme le client si un dommage est constaté à la restitution.',
          'These photos protect both the workshop and the customer if damage is noticed when the vehicle is returned.',
        ),
        critical: false,
        expectedSeconds: 240,
      },
      {
        id: 'needs-courtesy-car',
        kind: 'decision',
        yes: 'lend-courtesy-car',
        no: 'sign-repair-order',
        title: t('Le client a-t-il besoin d’un véhicule de prêt ?', 'Does the customer need a courtesy car?'),
        instructions: t(
          'Oui : préparer le véhicule de prêt. Non : passer directement à la signature de l’ordre de réparation.',
          'Yes: prepare the courtesy car. No: go straight to signing the repair order.',
        ),
        critical: false,
        expectedSeconds: 20,
      },
      {
        id: 'lend-courtesy-car',
        kind: 'check',
        title: t('Remettre le véhicule de prêt', 'Hand over the courtesy car'),
        instructions: t(
          'Vérifier le permis du client, remplir le contrat de prêt (niveau de carburant, kilométrage) et le faire signer.',
          'Check the customer’s driving licence, fill in the loan agreement (fuel level, mileage) and have it signed.',
        ),
        why: t(
          'Sans contrat signé, les amendes et dommages du véhicule de prêt restent à la charge de l’atelier.',
          'Without a signed agreement, fines and damage on the courtesy car are borne by the workshop.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'sign-repair-order',
        kind: 'check',
        title: t('Faire signer l’ordre de réparation', 'Have the repair order signed'),
        instructions: t(
          'L’ordre de réparation reprend les travaux demandés, le montant estimé ou « diagnostic avant devis », et la date de restitution prévue. Le client signe, on lui remet son double.',
          'The repair order lists the work requested, the estimated amount or "diagnosis before estimate", and the planned return date. The customer signs and keeps a copy.',
        ),
        why: t(
          'Aucun travail ne commence sans ordre de réparation signé : c’est l’accord du client et la base de la facture.',
          'No work starts without a signed repair order: it is the customer’s consent and the basis of the invoice.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'tag-keys',
        kind: 'check',
        title: t('Étiqueter les clés et protéger l’habitacle', 'Tag the keys and protect the interior'),
        instructions: t(
          'Accrocher l’étiquette avec le numéro d’OR aux clés, les placer au tableau, et installer housse, protège-volant et tapis avant de déplacer le véhicule.',
          'Attach the tag with the repair order number to the keys, hang them on the board, and fit the seat cover, steering wheel cover and mat before moving the vehicle.',
        ),
        why: t(
          'Une clé sans étiquette fait perdre du temps à tout l’atelier ; un siège taché à la restitution fait perdre un client.',
          'An untagged key wastes the whole workshop’s time; a stained seat at return loses a customer.',
        ),
        critical: false,
        expectedSeconds: 90,
      },
    ],
    acceptanceCriteria: [
      t(
        'Un ordre de réparation signé existe, avec le nom, l’immatriculation, le kilométrage et les symptômes.',
        'A signed repair order exists, with name, plate number, mileage and symptoms.',
      ),
      t(
        'Les photos d’arrivée sont jointes au dossier du véhicule.',
        'The arrival photos are attached to the vehicle’s file.',
      ),
      t('Les clés sont étiquetées et au tableau.', 'The keys are tagged and on the board.'),
    ],
  },
};
