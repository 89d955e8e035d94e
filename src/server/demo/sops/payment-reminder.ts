import { t } from '../text.ts';
import type { DemoSop } from '../types.ts';

/** Relance de paiement: the weekly follow-up of one overdue invoice, from a phone call to a formal notice. */
export const paymentReminder: DemoSop = {
  key: 'payment-reminder',
  title: t('Relance de paiement', 'Payment reminder'),
  category: 'management',
  reviewIntervalDays: 90,
  changeNote: 'First version',
  content: {
    mode: 'sequential',
    objective: t(
      'Obtenir le règlement d’une facture échue, en commençant par le plus courtois et en gardant une trace de chaque relance.',
      'Get an overdue invoice paid, starting with the most courteous step and keeping a record of every reminder.',
    ),
    prerequisites: [
      t(
        'Liste des factures échues non réglées extraite du logiciel de gestion (chaque lundi).',
        'List of unpaid overdue invoices exported from the management software (every Monday).',
      ),
      t('Accès au relevé bancaire du jour.', 'Access to today’s bank statement.'),
      t(
        'Modèles de lettre de relance et de mise en demeure à jour.',
        'Up-to-date templates for the reminder letter and the formal notice.',
      ),
    ],
    steps: [
      {
        id: 'invoice-number',
        kind: 'text',
        required: true,
        title: t('Numéro de la facture relancée', 'Number of the invoice being chased'),
        instructions: t(
          'Une exécution de cette procédure par facture, en commençant par la plus ancienne.',
          'Run this procedure once per invoice, starting with the oldest.',
        ),
        why: t(
          'Les relances s’enchaînent facture par facture : le numéro permet de retrouver l’historique.',
          'Reminders follow one another invoice by invoice: the number brings up the history.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'check-bank',
        kind: 'check',
        title: t('Vérifier les encaissements récents', 'Check recent payments'),
        instructions: t(
          'Chercher le montant sur le relevé bancaire, les remises de chèques et les paiements par carte des derniers jours.',
          'Look for the amount on the bank statement, the cheque deposits and the card payments of the last few days.',
        ),
        why: t(
          'Relancer un client qui a déjà payé, c’est le vexer pour rien.',
          'Chasing a customer who has already paid upsets them for nothing.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'already-paid',
        kind: 'decision',
        yes: null,
        no: 'call-customer',
        title: t('Le paiement est-il arrivé entre-temps ?', 'Has the payment arrived in the meantime?'),
        instructions: t(
          'Oui : lettrer la facture dans le logiciel ; la procédure s’arrête là.',
          'Yes: match the payment to the invoice in the software; the procedure ends here.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'call-customer',
        kind: 'check',
        title: t('Appeler le client', 'Call the customer'),
        instructions: t(
          'Ton courtois : rappeler le numéro, la date et le montant de la facture, et demander s’il y a un souci avec la réparation.',
          'Courteous tone: give the invoice number, date and amount, and ask whether there is a problem with the repair.',
        ),
        why: t(
          'Un retard cache parfois une réclamation : mieux vaut la traiter en SAV que perdre le client et le paiement.',
          'A late payment sometimes hides a complaint: better to handle it as after-sales than lose both the customer and the money.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'payment-promised',
        kind: 'decision',
        yes: 'next-action',
        no: 'send-reminder-letter',
        title: t('Le client s’engage-t-il sur une date de paiement ?', 'Does the customer commit to a payment date?'),
        instructions: t(
          'Oui : noter la date promise. Non : envoyer la lettre de relance.',
          'Yes: write down the promised date. No: send the reminder letter.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'send-reminder-letter',
        kind: 'check',
        title: t('Envoyer la lettre de relance', 'Send the reminder letter'),
        instructions: t(
          'Envoyer la lettre de relance avec une copie de la facture. Pour un client professionnel, rappeler les pénalités de retard et l’indemnité forfaitaire de 40 € pour frais de recouvrement.',
          'Send the reminder letter with a copy of the invoice. For a business customer, restate the late payment penalties and the €40 fixed recovery fee.',
        ),
        why: t(
          'L’écrit fixe la date de la relance, nécessaire si le dossier va plus loin.',
          'A written reminder fixes the date of the reminder, which is needed if the case goes further.',
        ),
        critical: false,
        expectedSeconds: 600,
      },
      {
        id: 'overdue-30-days',
        kind: 'decision',
        yes: 'formal-notice',
        no: 'next-action',
        title: t(
          'La facture est-elle impayée plus de 30 jours après l’échéance ?',
          'Is the invoice unpaid more than 30 days after its due date?',
        ),
        instructions: t(
          'Compter à partir de la date d’échéance écrite sur la facture. Non : fixer la prochaine relance.',
          'Count from the due date written on the invoice. No: set the next reminder.',
        ),
        why: t(
          'Au-delà d’un mois, les chances d’être payé baissent vite : il faut passer à l’étape formelle.',
          'After a month, the chances of being paid drop fast: it is time for the formal step.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'formal-notice',
        kind: 'check',
        title: t('Envoyer la mise en demeure', 'Send the formal notice'),
        instructions: t(
          'Faire valider par M. Martin, puis envoyer la mise en demeure en lettre recommandée avec accusé de réception, avec un délai de paiement de 8 jours.',
          'Have Mr Martin approve it, then send the formal notice by recorded delivery with acknowledgement of receipt, giving 8 days to pay.',
        ),
        why: t(
          'La mise en demeure est le préalable à une injonction de payer devant le tribunal.',
          'The formal notice is the step required before applying to the court for a payment order.',
        ),
        critical: false,
        expectedSeconds: 900,
      },
      {
        id: 'proof-of-posting',
        kind: 'photo',
        required: true,
        title: t('Photo de la preuve de dépôt du recommandé', 'Photo of the recorded delivery receipt'),
        instructions: t(
          'Photographier le récépissé de La Poste avec le numéro du recommandé lisible.',
          'Photograph the post office receipt with the tracking number readable.',
        ),
        why: t(
          'Sans preuve d’envoi, la mise en demeure ne vaut rien devant un juge.',
          'Without proof of posting, the formal notice is worthless before a judge.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'next-action',
        kind: 'text',
        required: true,
        title: t('Prochaine action et date', 'Next action and date'),
        instructions: t(
          'Par exemple « paiement promis le 12/06 » ou « rappel le 20/06 si pas de règlement ». Reporter la date dans l’agenda.',
          'For example "payment promised for 12/06" or "call again on 20/06 if not paid". Put the date in the diary.',
        ),
        why: t(
          'Une relance sans date de suivi est une relance oubliée.',
          'A reminder with no follow-up date is a forgotten reminder.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
    ],
    acceptanceCriteria: [
      t('Aucun client ayant déjà payé n’est relancé.', 'No customer who has already paid is chased.'),
      t(
        'Chaque relance est tracée, avec une prochaine action datée.',
        'Every reminder is recorded, with a dated next action.',
      ),
      t(
        'Toute mise en demeure a une preuve de dépôt jointe.',
        'Every formal notice has its proof of posting attached.',
      ),
    ],
  },
};
