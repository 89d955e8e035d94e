import { t } from '../text.ts';
import type { DemoSop } from '../types.ts';

/** Diagnostic: from the customer's symptoms to an estimate the customer accepts or declines. */
export const diagnosis: DemoSop = {
  key: 'diagnosis',
  title: t('Diagnostic', 'Diagnosis'),
  category: 'operational',
  reviewIntervalDays: 90,
  changeNote: 'First version',
  content: {
    mode: 'sequential',
    objective: t(
      'Identifier la cause de la panne décrite par le client et lui proposer un devis chiffré avant toute réparation.',
      'Find the cause of the fault the customer described and offer them a priced estimate before any repair.',
    ),
    prerequisites: [
      t('Ordre de réparation signé par le client.', 'Repair order signed by the customer.'),
      t(
        'Valise de diagnostic chargée et à jour des dernières versions constructeur.',
        'Diagnostic scan tool charged and updated with the latest manufacturer software.',
      ),
      t(
        'Accès à la documentation technique (schémas électriques, temps barème).',
        'Access to the technical documentation (wiring diagrams, labour times).',
      ),
    ],
    steps: [
      {
        id: 'read-repair-order',
        kind: 'check',
        title: t('Lire l’ordre de réparation et l’historique', 'Read the repair order and the history'),
        instructions: t(
          'Lire les symptômes notés à l’accueil et les interventions passées sur ce véhicule.',
          'Read the symptoms written at reception and the past work done on this vehicle.',
        ),
        why: t(
          'Une pièce changée il y a deux mois oriente le diagnostic et peut relever de notre garantie.',
          'A part replaced two months ago points the diagnosis and may fall under our warranty.',
        ),
        critical: false,
        expectedSeconds: 120,
      },
      {
        id: 'battery-voltage',
        kind: 'reading',
        unit: 'V',
        min: 12.4,
        max: 12.8,
        title: t('Tension de la batterie au repos', 'Battery voltage at rest'),
        instructions: t(
          'Contact coupé depuis au moins 10 minutes, mesurer au multimètre entre les bornes.',
          'With the ignition off for at least 10 minutes, measure across the terminals with a multimeter.',
        ),
        why: t(
          'Une batterie faible provoque de faux codes défaut et peut couper la valise pendant une programmation.',
          'A weak battery causes false fault codes and can cut the scan tool off during programming.',
        ),
        critical: false,
        expectedSeconds: 90,
      },
      {
        id: 'connect-scan-tool',
        kind: 'check',
        title: t('Brancher la valise de diagnostic', 'Connect the diagnostic scan tool'),
        instructions: t(
          'Brancher sur la prise OBD, mettre le contact, identifier le véhicule par le VIN et lancer un test global de tous les calculateurs.',
          'Plug into the OBD socket, switch the ignition on, identify the vehicle by its VIN and run a global test of all control units.',
        ),
        why: t(
          'Le test global montre les défauts de tous les calculateurs, pas seulement celui que l’on soupçonne.',
          'The global test shows faults in every control unit, not only the one we suspect.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'fault-codes',
        kind: 'text',
        required: false,
        title: t('Codes défaut relevés', 'Fault codes read'),
        instructions: t(
          'Recopier les codes et leur statut (présent ou mémorisé), par exemple « P0301 présent ». Laisser vide s’il n’y en a aucun.',
          'Copy the codes and their status (present or stored), for example "P0301 present". Leave empty if there are none.',
        ),
        why: t(
          'Ne jamais effacer un code avant de l’avoir noté : c’est souvent la seule trace d’un défaut intermittent.',
          'Never clear a code before writing it down: it is often the only trace of an intermittent fault.',
        ),
        critical: false,
        expectedSeconds: 120,
      },
      {
        id: 'fault-reproducible',
        kind: 'decision',
        yes: 'locate-fault',
        no: 'ask-customer-details',
        title: t('Le défaut est-il reproductible ?', 'Is the fault reproducible?'),
        instructions: t(
          'Essayer de reproduire le symptôme à l’atelier ou lors d’un court essai routier.',
          'Try to reproduce the symptom in the workshop or on a short road test.',
        ),
        why: t(
          'Réparer un défaut que l’on n’a pas constaté, c’est changer des pièces au hasard aux frais du client.',
          'Repairing a fault you have not seen means replacing parts at random at the customer’s expense.',
        ),
        critical: false,
        expectedSeconds: 900,
      },
      {
        id: 'ask-customer-details',
        kind: 'check',
        title: t(
          'Rappeler le client pour préciser les conditions d’apparition',
          'Call the customer back to pin down when the fault appears',
        ),
        instructions: t(
          'Demander vitesse, température moteur, météo, fréquence ; si possible, faire l’essai avec le client, puis retenter de reproduire le défaut.',
          'Ask about speed, engine temperature, weather, frequency; if possible, do the road test with the customer, then try to reproduce the fault again.',
        ),
        why: t(
          'Le client conduit sa voiture tous les jours : deux minutes au téléphone valent souvent une heure de recherche.',
          'The customer drives the car every day: two minutes on the phone are often worth an hour of searching.',
        ),
        critical: false,
        expectedSeconds: 600,
      },
      {
        id: 'locate-fault',
        kind: 'check',
        title: t('Localiser la pièce en cause', 'Locate the faulty part'),
        instructions: t(
          'Suivre la méthode constructeur : mesures au multimètre, paramètres en direct sur la valise, contrôle visuel, jusqu’à identifier la pièce ou le faisceau en cause.',
          'Follow the manufacturer’s method: multimeter measurements, live data on the scan tool, visual inspection, until the faulty part or harness is found.',
        ),
        why: t(
          'Un code défaut indique un circuit, pas une pièce : la mesure évite de remplacer un capteur sain.',
          'A fault code points to a circuit, not a part: measuring avoids replacing a healthy sensor.',
        ),
        critical: false,
        expectedSeconds: 1800,
      },
      {
        id: 'photo-faulty-part',
        kind: 'photo',
        required: false,
        title: t('Photo de la pièce défectueuse', 'Photo of the faulty part'),
        instructions: t(
          'Photographier la pièce usée ou endommagée quand elle est visible (fuite, craquelure, connecteur oxydé).',
          'Photograph the worn or damaged part when it is visible (leak, crack, corroded connector).',
        ),
        why: t(
          'Montrer la photo au client rend le devis compréhensible et l’accord plus rapide.',
          'Showing the photo to the customer makes the estimate understandable and the approval quicker.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'write-estimate',
        kind: 'check',
        title: t('Établir le devis', 'Write the estimate'),
        instructions: t(
          'Chiffrer les pièces (références constructeur ou équivalentes) et la main-d’œuvre au temps barème, puis envoyer le devis au client par SMS ou e-mail.',
          'Price the parts (manufacturer or equivalent references) and the labour at standard times, then send the estimate to the customer by text or e-mail.',
        ),
        why: t(
          'Le devis écrit protège les deux parties : le client sait ce qu’il paiera, l’atelier sait ce qu’il a le droit de faire.',
          'A written estimate protects both sides: the customer knows what they will pay, the workshop knows what it may do.',
        ),
        critical: false,
        expectedSeconds: 900,
      },
      {
        id: 'estimate-accepted',
        kind: 'decision',
        yes: 'record-approval',
        no: null,
        title: t('Le client accepte-t-il le devis ?', 'Does the customer accept the estimate?'),
        instructions: t(
          'Non : la procédure s’arrête ; l’accueil facture le forfait diagnostic et prépare la restitution du véhicule.',
          'No: the procedure ends here; reception invoices the diagnosis flat fee and prepares the vehicle for return.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'record-approval',
        kind: 'check',
        title: t('Consigner l’accord du client', 'Record the customer’s approval'),
        instructions: t(
          'Noter sur l’ordre de réparation la date, l’heure et le mode d’accord (signature, SMS, e-mail), puis lancer la commande de pièces.',
          'Write on the repair order the date, time and form of approval (signature, text, e-mail), then start ordering the parts.',
        ),
        why: t(
          'Sans trace de l’accord, le client peut contester la facture.',
          'Without a record of the approval, the customer can dispute the invoice.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
    ],
    acceptanceCriteria: [
      t(
        'La cause de la panne est identifiée et notée sur l’ordre de réparation.',
        'The cause of the fault is identified and written on the repair order.',
      ),
      t(
        'Les codes défaut sont relevés avant tout effacement.',
        'Fault codes are recorded before any of them is cleared.',
      ),
      t(
        'Un devis a été envoyé, et la réponse du client est consignée.',
        'An estimate has been sent, and the customer’s answer is recorded.',
      ),
    ],
  },
};
