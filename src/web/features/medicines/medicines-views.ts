/** The screens of the medicines module, one per task, as they appear in the address. */
export const MEDICINES_VIEWS = [
  'stock',
  'queue',
  'receive',
  'transfers',
  'adjust',
  'count',
  'differences',
  'packages',
  'territory',
] as const;
export type MedicinesView = (typeof MEDICINES_VIEWS)[number];

export function parseMedicinesView(value: string): MedicinesView {
  return (MEDICINES_VIEWS as readonly string[]).includes(value) ? (value as MedicinesView) : 'stock';
}
