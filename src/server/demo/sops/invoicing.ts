import { t } from '../text.ts';
import type { DemoSop } from '../types.ts';

/** Facturation: turning a closed repair order into a correct invoice, explained and paid at handover. */
export const invoicing: DemoSop = {
  key: 'invoicing',
  title: t('Facturation', 'Invoicing'),
  category: 'management',
  reviewIntervalDays: 180,
  changeNote: 'First version',
  content: {
    mode: 'sequential',
    objective: t(
      'Établir une facture juste, conforme au devis accepté, l’expliquer au client et encaisser le règlement à la restitution du véhicule.',
      'Issue a correct invoice that matches the accepted estimate, explain it to the customer and take payment when the vehicle is returned.',
    ),
    prerequisites: [
      t('Test final conforme et signé.', 'Final test passed and signed.'),
      t(
        'Ordre de réparation complet : pièces montées et temps passés saisis par le technicien.',
        'Complete repair order: parts fitted and time spent entered by the technician.',
      ),
      t('Terminal de paiement allumé.', 'Card terminal switched on.'),
    ],
    steps: [
      {
        id: 'close-repair-order',
        kind: 'check',
        title: t('Clôturer l’ordre de réparation', 'Close the repair order'),
        instructions: t(
          'Vérifier que chaque ligne de l’OR est réalisée, que le test final est conforme et que les pièces utilisées sont sorties du stock.',
          'Check that every line of the repair order is done, that the final test passed and that the parts used are taken out of stock.',
        ),
        why: t(
          'Une pièce montée mais non sortie du stock, c’est une pièce offerte et un stock faux.',
          'A part fitted but not taken out of stock is a part given away and a wrong stock count.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'over-estimate',
        kind: 'decision',
        yes: 'extra-work-approval',
        no: 'enter-lines',
        title: t('Le montant dépasse-t-il le devis accepté ?', 'Is the amount above the accepted estimate?'),
        instructions: t(
          'Comparer le total de l’OR avec le devis signé.',
          'Compare the repair order total with the signed estimate.',
        ),
        why: t(
          'Le devis signé fixe le prix : tout dépassement doit avoir été accepté avant les travaux.',
          'The signed estimate sets the price: any overrun must have been approved before the work.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'extra-work-approval',
        kind: 'check',
        title: t(
          'Vérifier l’accord du client pour les travaux supplémentaires',
          'Check the customer approved the extra work',
        ),
        instructions: t(
          'L’accord écrit (signature, SMS ou e-mail) doit figurer sur l’OR. Sinon, ne facturer que le montant du devis et prévenir le gérant.',
          'The written approval (signature, text or e-mail) must be on the repair order. If not, invoice only the estimate amount and tell the owner.',
        ),
        why: t(
          'Un travail supplémentaire sans accord du client ne peut pas lui être facturé.',
          'Extra work done without the customer’s approval cannot be charged to them.',
        ),
        critical: false,
        expectedSeconds: 120,
      },
      {
        id: 'enter-lines',
        kind: 'check',
        title: t('Saisir pièces et main-d’œuvre', 'Enter parts and labour'),
        instructions: t(
          'Pièces avec références et quantités, main-d’œuvre au temps barème et au taux horaire affiché, ingrédients (huile, liquides), TVA à 20 %.',
          'Parts with references and quantities, labour at standard times and the displayed hourly rate, consumables (oil, fluids), VAT at 20%.',
        ),
        why: t(
          'Une facture détaillée est une obligation et évite la plupart des contestations.',
          'A detailed invoice is a legal requirement and prevents most disputes.',
        ),
        critical: false,
        expectedSeconds: 420,
      },
      {
        id: 'invoice-number',
        kind: 'text',
        required: true,
        title: t('Numéro de facture', 'Invoice number'),
        instructions: t(
          'Recopier le numéro attribué par le logiciel (numérotation continue, sans trou).',
          'Copy the number given by the software (continuous numbering, no gaps).',
        ),
        why: t(
          'Le numéro relie la facture au paiement et, si besoin, à la relance.',
          'The number links the invoice to the payment and, if needed, to the reminder.',
        ),
        critical: false,
        expectedSeconds: 20,
      },
      {
        id: 'explain-invoice',
        kind: 'check',
        title: t('Expliquer la facture au client', 'Explain the invoice to the customer'),
        instructions: t(
          'Reprendre ligne par ligne avec le client les travaux faits, montrer les photos avant/après et transmettre les remarques du contrôleur.',
          'Go through the work done line by line with the customer, show the before and after photos and pass on the tester’s remarks.',
        ),
        why: t(
          'Un client qui comprend ce qu’il paie paie sans discuter et revient.',
          'A customer who understands what they pay for pays without argument and comes back.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'old-parts-requested',
        kind: 'decision',
        yes: 'return-old-parts',
        no: 'take-payment',
        title: t('Le client a-t-il demandé ses pièces usagées ?', 'Did the customer ask for their old parts?'),
        instructions: t(
          'Le client peut demander à récupérer les pièces remplacées ; la question est posée à l’accueil.',
          'The customer may ask to keep the replaced parts; reception asks the question.',
        ),
        why: t(
          'Rendre les pièces usagées prouve au client qu’elles ont vraiment été changées.',
          'Handing back the old parts proves to the customer that they really were replaced.',
        ),
        critical: false,
        expectedSeconds: 15,
      },
      {
        id: 'return-old-parts',
        kind: 'check',
        title: t('Remettre les pièces usagées', 'Hand back the old parts'),
        instructions: t(
          'Remettre les pièces remplacées, emballées, sauf celles reprises en échange standard par le fournisseur (à expliquer au client).',
          'Hand back the replaced parts, wrapped, except those taken back by the supplier as exchange units (explain this to the customer).',
        ),
        why: t(
          'Une pièce en échange standard rendue au client, c’est la consigne perdue pour l’atelier.',
          'An exchange unit given to the customer means the workshop loses the core deposit.',
        ),
        critical: false,
        expectedSeconds: 120,
      },
      {
        id: 'take-payment',
        kind: 'check',
        title: t('Encaisser le règlement', 'Take the payment'),
        instructions: t(
          'Carte, chèque, virement ou espèces. Pour un client professionnel en compte, noter l’échéance sur la facture : la relance de paiement prend le relais si elle passe.',
          'Card, cheque, bank transfer or cash. For a business customer on account, write the due date on the invoice: the payment reminder procedure takes over if it is missed.',
        ),
        why: t(
          'Rendre les clés avant le règlement, c’est perdre le seul moyen de pression.',
          'Handing back the keys before payment gives away the only leverage we have.',
        ),
        critical: false,
        expectedSeconds: 120,
      },
      {
        id: 'payment-method',
        kind: 'text',
        required: true,
        title: t('Mode de règlement', 'Payment method'),
        instructions: t(
          'Par exemple « CB », « chèque n° 1234567 » ou « en compte, échéance le 30/06 ».',
          'For example "card", "cheque no. 1234567" or "on account, due 30/06".',
        ),
        why: t(
          'Le mode de règlement sert au rapprochement bancaire de fin de journée.',
          'The payment method is used to reconcile the bank account at the end of the day.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'hand-over-keys',
        kind: 'check',
        title: t('Remettre les clés et la facture', 'Hand over the keys and the invoice'),
        instructions: t(
          'Remettre les clés, la facture et, s’il y en a un, récupérer le véhicule de prêt et son contrat.',
          'Hand over the keys and the invoice and, if there was one, take back the courtesy car and its agreement.',
        ),
        why: t(
          'La restitution est le dernier souvenir que le client garde de sa visite.',
          'The handover is the last memory the customer keeps of their visit.',
        ),
        critical: false,
        expectedSeconds: 90,
      },
    ],
    acceptanceCriteria: [
      t(
        'La facture correspond au devis accepté, ou à un dépassement accepté par écrit.',
        'The invoice matches the accepted estimate, or an overrun approved in writing.',
      ),
      t(
        'Le règlement est encaissé, ou l’échéance est notée pour un client en compte.',
        'Payment is taken, or the due date is recorded for a customer on account.',
      ),
      t('Les pièces montées sont sorties du stock.', 'The fitted parts are taken out of stock.'),
    ],
  },
};
