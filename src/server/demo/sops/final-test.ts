import { t } from '../text.ts';
import type { DemoSop } from '../types.ts';

/**
 * Test final: the inspection checklist every vehicle passes before it is returned. The items
 * are independent, so the tester does them in whatever order the vehicle's position allows.
 */
export const finalTest: DemoSop = {
  key: 'final-test',
  title: t('Test final', 'Final test'),
  category: 'operational',
  reviewIntervalDays: 90,
  changeNote: 'First version',
  content: {
    mode: 'free_order',
    objective: t(
      'Vérifier, par une autre personne que le technicien, que la réparation est efficace et que le véhicule est sûr avant de le rendre au client.',
      'Have someone other than the technician confirm that the repair works and that the vehicle is safe before it goes back to the customer.',
    ),
    prerequisites: [
      t(
        'Réparation terminée et photos jointes à l’ordre de réparation.',
        'Repair finished and photos attached to the repair order.',
      ),
      t(
        'Contrôleur différent du technicien qui a fait la réparation.',
        'Tester different from the technician who did the repair.',
      ),
      t(
        'Manomètre, pied à coulisse ou palmer, multimètre et valise de diagnostic à portée.',
        'Pressure gauge, caliper or micrometer, multimeter and diagnostic scan tool at hand.',
      ),
    ],
    steps: [
      {
        id: 'road-test',
        kind: 'check',
        title: t('Essai routier', 'Road test'),
        instructions: t(
          'Au moins 5 km, ville et voie rapide : tenue de route, direction, bruits, passage des vitesses, et disparition du symptôme signalé par le client.',
          'At least 5 km, town and fast road: handling, steering, noises, gear changes, and the symptom the customer reported is gone.',
        ),
        why: t(
          'Seul l’essai routier prouve que la panne du client est réparée, pas seulement que la pièce est changée.',
          'Only the road test proves the customer’s fault is fixed, not just that the part was replaced.',
        ),
        critical: true,
        expectedSeconds: 900,
      },
      {
        id: 'brake-test',
        kind: 'check',
        title: t('Test de freinage', 'Brake test'),
        instructions: t(
          'Freinage appuyé sur route dégagée : le véhicule ne tire d’aucun côté, la pédale reste ferme, pas de vibration. Le frein de parking tient en pente.',
          'Firm braking on a clear road: the vehicle does not pull to either side, the pedal stays firm, no vibration. The parking brake holds on a slope.',
        ),
        why: t(
          'Les freins sont le premier organe de sécurité : un défaut non vu ici peut coûter une vie.',
          'Brakes are the first safety system: a defect missed here can cost a life.',
        ),
        critical: true,
        expectedSeconds: 300,
      },
      {
        id: 'brake-disc-thickness',
        kind: 'reading',
        unit: 'mm',
        min: 22,
        title: t('Épaisseur des disques de frein avant', 'Front brake disc thickness'),
        instructions: t(
          'Mesurer au palmer le disque le plus usé, sur la piste de freinage. La cote minimale de ce type de véhicule est de 22 mm (gravée sur le disque).',
          'Measure the most worn disc on its braking surface with a micrometer. The minimum for this type of vehicle is 22 mm (stamped on the disc).',
        ),
        why: t(
          'Un disque sous la cote minimale chauffe et perd de son efficacité : il doit être proposé au remplacement.',
          'A disc under its minimum thickness overheats and brakes less well: it must be offered for replacement.',
        ),
        critical: true,
        expectedSeconds: 240,
      },
      {
        id: 'tyre-pressure',
        kind: 'reading',
        unit: 'bar',
        min: 2,
        max: 2.6,
        title: t('Pression des pneus à froid', 'Cold tyre pressure'),
        instructions: t(
          'Contrôler les quatre pneus au manomètre, ajuster à la valeur de l’étiquette de portière, et saisir la pression la plus basse relevée.',
          'Check all four tyres with the gauge, adjust to the value on the door label, and enter the lowest pressure found.',
        ),
        why: t(
          'Une pression basse use le pneu, augmente la consommation et allonge le freinage.',
          'Low pressure wears the tyre, raises fuel use and lengthens braking distance.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'charging-voltage',
        kind: 'reading',
        unit: 'V',
        min: 13.8,
        max: 14.7,
        title: t('Tension de charge moteur tournant', 'Charging voltage with the engine running'),
        instructions: t(
          'Moteur au ralenti, phares et ventilation allumés, mesurer aux bornes de la batterie.',
          'Engine idling, headlights and fan on, measure across the battery terminals.',
        ),
        why: t(
          'Hors de cette plage, l’alternateur ou le régulateur est en cause et la batterie lâchera à nouveau.',
          'Outside this range the alternator or regulator is at fault and the battery will fail again.',
        ),
        critical: false,
        expectedSeconds: 120,
      },
      {
        id: 'no-fault-codes',
        kind: 'check',
        title: t('Aucun code défaut après l’essai', 'No fault code after the road test'),
        instructions: t(
          'Brancher la valise après l’essai routier et faire un test global : aucun code présent ni réapparu.',
          'Connect the scan tool after the road test and run a global test: no code present or back.',
        ),
        why: t(
          'Un code qui réapparaît après l’essai signifie que la cause n’est pas réglée.',
          'A code that comes back after the road test means the cause is not fixed.',
        ),
        critical: false,
        expectedSeconds: 300,
      },
      {
        id: 'warning-lights',
        kind: 'check',
        title: t('Aucun voyant allumé au tableau de bord', 'No warning light on the dashboard'),
        instructions: t(
          'Moteur tournant, vérifier qu’aucun voyant d’alerte ne reste allumé. Remettre à zéro l’indicateur d’entretien si une vidange a été faite.',
          'With the engine running, check that no warning light stays on. Reset the service indicator if an oil change was done.',
        ),
        why: t(
          'Un voyant allumé à la restitution, c’est un client qui revient le lendemain.',
          'A warning light on at handover means a customer back the next day.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
      {
        id: 'fluid-levels',
        kind: 'check',
        title: t('Niveaux', 'Fluid levels'),
        instructions: t(
          'Huile moteur, liquide de refroidissement, liquide de frein et lave-glace entre le mini et le maxi ; aucune fuite sous le véhicule.',
          'Engine oil, coolant, brake fluid and screen wash between min and max; no leak under the vehicle.',
        ),
        why: t(
          'Une fuite se voit souvent après l’essai routier, quand le circuit est chaud et sous pression.',
          'A leak often shows only after the road test, when the system is hot and under pressure.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'wheel-torque',
        kind: 'check',
        title: t('Serrage des roues au couple', 'Wheel nuts at torque'),
        instructions: t(
          'Si une roue a été déposée, contrôler chaque écrou à la clé dynamométrique au couple constructeur, jamais au pistolet.',
          'If a wheel was removed, check every nut with the torque wrench at the manufacturer’s value, never with the impact gun.',
        ),
        why: t(
          'Une roue mal serrée peut se détacher sur la route.',
          'A wheel that is not tight enough can come off on the road.',
        ),
        critical: true,
        expectedSeconds: 240,
      },
      {
        id: 'dashboard-photo',
        kind: 'photo',
        required: true,
        title: t('Photo du tableau de bord à la sortie', 'Photo of the dashboard on exit'),
        instructions: t(
          'Moteur tournant : kilométrage de sortie et absence de voyant visibles sur la même photo.',
          'Engine running: exit mileage and no warning lights visible in the same photo.',
        ),
        why: t(
          'La photo prouve l’état du véhicule au moment où il quitte l’atelier.',
          'The photo proves the condition of the vehicle when it leaves the workshop.',
        ),
        critical: false,
        expectedSeconds: 30,
      },
      {
        id: 'cleanliness',
        kind: 'check',
        title: t('Véhicule propre, protections retirées', 'Vehicle clean, covers removed'),
        instructions: t(
          'Retirer housse, protège-volant et tapis ; aucune trace de mains sur la carrosserie ou le volant ; siège et rétroviseurs remis en place.',
          'Remove the seat cover, steering wheel cover and mat; no handprints on the body or the wheel; seat and mirrors put back.',
        ),
        why: t(
          'Le client juge d’abord ce qu’il voit : une voiture rendue propre dit que le travail a été soigné.',
          'The customer first judges what they see: a car returned clean says the work was done with care.',
        ),
        critical: false,
        expectedSeconds: 180,
      },
      {
        id: 'test-notes',
        kind: 'text',
        required: false,
        title: t('Observations du contrôleur', 'Tester’s remarks'),
        instructions: t(
          'Tout ce qui mérite d’être dit au client à la restitution : usure à surveiller, entretien à prévoir.',
          'Anything worth telling the customer at handover: wear to watch, service coming up.',
        ),
        critical: false,
        expectedSeconds: 60,
      },
    ],
    acceptanceCriteria: [
      t(
        'Tous les points critiques sont conformes : essai routier, freinage, disques, serrage des roues.',
        'Every critical item passes: road test, braking, discs, wheel torque.',
      ),
      t(
        'Toutes les mesures sont dans leur plage ; toute mesure hors plage est signalée au client.',
        'All readings are within range; any reading out of range is reported to the customer.',
      ),
      t(
        'Aucun code défaut ni voyant après l’essai routier.',
        'No fault code and no warning light after the road test.',
      ),
    ],
  },
};
