import { afterSales } from './sops/after-sales.ts';
import { customerReception } from './sops/customer-reception.ts';
import { diagnosis } from './sops/diagnosis.ts';
import { finalTest } from './sops/final-test.ts';
import { invoicing } from './sops/invoicing.ts';
import { orderingParts } from './sops/ordering-parts.ts';
import { paymentReminder } from './sops/payment-reminder.ts';
import { repair } from './sops/repair.ts';
import type { DemoSop } from './types.ts';

export type { DemoSop } from './types.ts';

/** The SOPs of the demo workshop "Atelier Martin", in the order a vehicle goes through them. */
export const DEMO_SOPS: DemoSop[] = [
  customerReception,
  diagnosis,
  orderingParts,
  repair,
  finalTest,
  invoicing,
  afterSales,
  paymentReminder,
];
