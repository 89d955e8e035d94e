import { t } from '../text.ts';
import type { DemoSop } from '../types.ts';

/** Commande de pièces: from the accepted estimate to the right part, checked and tagged for its repair order. */
export const orderingParts: DemoSop = {
  key: 'ordering-parts',
  title: t('Commande de pièces', 'Ordering parts'),
  category: 'support',
  reviewIntervalDays: 180,
  changeNote: 'First version',
  content: {
    mode: 'sequential',
    objective: t(
      'Obtenir la bonne pièce, au meilleur délai, et la mettre à disposition du technicien avec l’ordre de réparation correspondant.',
      'Get the right part as fast as possible and make it available to the technician with the matching repair order.',
    ),
    prerequisites: [
      t('Devis accepté par le client.', 'Estimate accepted by the customer.'),
      t(
        'Numéro VIN du véhicule (case E de la carte grise).',
        'Vehicle identification number (VIN, field E of the registration document).',
      ),
      t(
        'Accès aux catalogues en ligne des fournisseurs habituels.',
        'Access to the usual suppliers’ online catalogues.',
      ),
    ],
    steps: [
      {
        id: 'part-reference',
        kind: 'text',
        required: true,
        title: t('Référence de la pièce', 'Part reference'),
        instructions: t(
          'Identifier la pièce dans le catalogue à partir du VIN, pas seulement du modèle, et recopier la référence constructeur ou équipementier.',
          'Identify the part in the catalogue from the VIN, not just the model, and copy the manufacturer or OEM reference.',
        ),
        why: t(
          'Deux versions du même modèle n’ont pas toujours les mêmes disques ou la même pompe : le VIN évite la mauvaise pièce et un jour perdu.',
          'Two versions of the same model do not always share discs or pumps: the VIN avoids the wrong part and a lost day.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'in-stock',
        kind: 'decision',
        yes: 'tag-part',
        no: 'compare-suppliers',
        title: t('La pièce est-elle en stock à l’atelier ?', 'Is the part in stock at the workshop?'),
        instructions: t(
          'Vérifier le stock dans le logiciel puis sur l’étagère : le stock informatique n’est pas toujours juste.',
          'Check the stock in the software, then on the shelf: the recorded stock is not always right.',
        ),
        critical: false,
        expectedSeconds: 120,
      },
      {
        id: 'compare-suppliers',
        kind: 'check',
        title: t('Comparer les fournisseurs', 'Compare suppliers'),
        instructions: t(
          'Interroger au moins deux fournisseurs : prix net, délai de livraison, garantie. Privilégier la livraison du jour quand le véhicule immobilise un pont.',
          'Ask at least two suppliers: net price, delivery time, warranty. Prefer same-day delivery when the vehicle is blocking a lift.',
        ),
        why: t(
          'Un véhicule qui attend une pièce occupe une place et retarde les autres clients.',
          'A vehicle waiting for a part takes up a bay and delays other customers.',
        ),
        critical: false,
        expectedSeconds: 600,
      },
      {
        id: 'place-order',
        kind: 'check',
        title: t('Passer le bon de commande', 'Send the purchase order'),
        instructions: t(
          'Passer la commande en indiquant le numéro d’ordre de réparation en référence, pour rapprocher la livraison et la facture fournisseur.',
          'Place the order quoting the repair order number, so the delivery and the supplier invoice can be matched.',
        ),
        why: t(
          'Sans numéro d’OR sur le bon de commande, la pièce arrive sans que personne ne sache à quel véhicule elle est destinée.',
          'Without the repair order number on the purchase order, the part arrives and nobody knows which vehicle it is for.',
        ),
        critical: false,
        expectedSeconds: 240,
      },
      {
        id: 'order-number',
        kind: 'text',
        required: true,
        title: t('Numéro de commande fournisseur', 'Supplier order number'),
        instructions: t(
          'Recopier le numéro de commande donné par le fournisseur.',
          'Copy the order number given by the supplier.',
        ),
        why: t(
          'C’est le numéro à donner au fournisseur pour suivre, relancer ou retourner la pièce.',
          'It is the number to give the supplier to track, chase or return the part.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'inform-customer',
        kind: 'check',
        title: t('Informer le client du délai', 'Tell the customer the lead time'),
        instructions: t(
          'Prévenir le client de la date de livraison prévue et de la nouvelle date de restitution du véhicule.',
          'Tell the customer the expected delivery date and the new date for getting the vehicle back.',
        ),
        why: t(
          'Un client prévenu d’un retard l’accepte ; un client qui le découvre en appelant ne revient pas.',
          'A customer told about a delay accepts it; a customer who finds out by calling does not come back.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'check-delivery',
        kind: 'check',
        title: t('Contrôler la livraison', 'Check the delivery'),
        instructions: t(
          'Comparer le bon de livraison au bon de commande : référence, quantité, état de l’emballage et de la pièce. Signaler toute non-conformité.',
          'Compare the delivery note with the purchase order: reference, quantity, condition of the packaging and the part. Flag any mismatch.',
        ),
        why: t(
          'Une erreur vue à la livraison se règle avec le livreur ; vue au montage, elle coûte une demi-journée.',
          'A mistake seen on delivery is sorted out with the driver; seen during fitting, it costs half a day.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'photo-delivery-issue',
        kind: 'photo',
        required: false,
        title: t('Photo de la pièce non conforme', 'Photo of the non-conforming part'),
        instructions: t(
          'Seulement si la pièce est abîmée ou ne correspond pas : photographier la pièce et son étiquette pour la demande de retour.',
          'Only if the part is damaged or does not match: photograph the part and its label for the return request.',
        ),
        why: t(
          'Le fournisseur accepte un retour bien plus vite avec une photo prise à réception.',
          'Suppliers accept a return much faster with a photo taken on receipt.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'tag-part',
        kind: 'check',
        title: t(
          'Étiqueter la pièce et la ranger au casier du véhicule',
          'Tag the part and put it in the vehicle’s bin',
        ),
        instructions: t(
          'Coller une étiquette avec le numéro d’OR et l’immatriculation, puis ranger la pièce dans le casier réservé au véhicule.',
          'Stick a label with the repair order number and the plate number on it, then put the part in the bin reserved for the vehicle.',
        ),
        why: t(
          'Le technicien trouve sa pièce sans chercher, et une pièce réservée n’est pas vendue à un autre client.',
          'The technician finds the part without searching, and a reserved part is not sold to another customer.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'update-repair-order',
        kind: 'check',
        title: t('Mettre à jour l’ordre de réparation', 'Update the repair order'),
        instructions: t(
          'Passer l’OR en « pièces disponibles » et prévenir le chef d’atelier pour planifier la réparation.',
          'Set the repair order to "parts available" and tell the workshop foreman so the repair can be scheduled.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
    ],
    acceptanceCriteria: [
      t(
        'La pièce livrée correspond à la référence identifiée avec le VIN.',
        'The delivered part matches the reference identified from the VIN.',
      ),
      t(
        'La pièce est étiquetée avec le numéro d’OR et rangée au casier du véhicule.',
        'The part is labelled with the repair order number and in the vehicle’s bin.',
      ),
      t(
        'Le client connaît la date de restitution de son véhicule.',
        'The customer knows when they will get their vehicle back.',
      ),
    ],
  },
};
