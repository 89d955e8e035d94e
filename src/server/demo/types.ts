import type { LocalizedText, SopCategory, SopVersionContent } from '../../shared/sop.ts';

/** One SOP of the demo organisation, as the seed inserts it (published as version 1). */
export interface DemoSop {
  /** Stable slug, e.g. 'customer-reception'; the seed derives the SOP's UUID from it. */
  key: string;
  title: LocalizedText;
  category: SopCategory;
  reviewIntervalDays: number;
  changeNote: string;
  content: SopVersionContent;
}
