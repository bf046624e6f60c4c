/**
 * The rules of stock by lot: what a movement does to a balance, which lots a dispense should take
 * (first expiry, first out), how a prescription's dispensing is classified, and what the figures
 * mean. Pure: no I/O.
 */
import { addDays, daysBetween } from '../care/calendar';
import { normalizeForSearch } from '../territory/territory.rules';

/** Coded reasons for an adjustment, with the direction each moves the stock. */
export const ADJUSTMENT_REASONS = ['expired', 'damaged', 'lost', 'found'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** The sign of an adjustment: only a find adds stock. */
export function adjustmentSign(reason: AdjustmentReason): 1 | -1 {
  return reason === 'found' ? 1 : -1;
}

/** Coded explanations of a difference between the shelf and the balance found by a count. */
export const COUNT_REASONS = [
  'expired',
  'damaged',
  'lost',
  'theft',
  'found',
  'unrecorded_dispense',
  'unrecorded_receipt',
  'counting_error',
] as const;
export type CountReason = (typeof COUNT_REASONS)[number];

/** Why a prescription was not dispensed in full: each is a refusal of care (DESIGN §3.1). */
export const DISPENSE_REASONS = [
  'out_of_stock',
  'insufficient_stock',
  'not_in_module',
  'only_expired_stock',
  'prescription_unclear',
  'patient_did_not_come',
] as const;
export type DispenseReason = (typeof DISPENSE_REASONS)[number];

/** Why a family package was not delivered. */
export const NOT_DELIVERED_REASONS = ['nobody_home', 'moved_away', 'out_of_stock', 'refused', 'other'] as const;

/** Why a transfer never arrived. */
export const TRANSFER_LOSS_REASONS = ['lost_in_transit', 'damaged_in_transit', 'stolen_in_transit'] as const;

/** Lots that expire within this many days are flagged (and counted in the figures). */
export const EXPIRY_WARNING_DAYS = 90;

/** A lot expires at the end of its expiry date: on that day it may still be dispensed. */
export function isExpired(expiresOn: string, today: string): boolean {
  return expiresOn < today;
}

export function expiresSoon(expiresOn: string, today: string): boolean {
  return !isExpired(expiresOn, today) && expiresOn <= addDays(today, EXPIRY_WARNING_DAYS);
}

export interface LotOnHand {
  id: string;
  lot: string;
  expiresOn: string;
  onHand: number;
}

export interface DispenseLine {
  lotId: string;
  quantity: number;
}

/**
 * First-expiry-first-out: the units to take from each lot, earliest expiry first, skipping expired
 * and empty lots, up to `quantity`. May come short when the shelf holds less.
 */
export function proposeFefo(lots: readonly LotOnHand[], quantity: number, today: string): DispenseLine[] {
  const usable = lots
    .filter((l) => l.onHand > 0 && !isExpired(l.expiresOn, today))
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.lot.localeCompare(b.lot));
  const lines: DispenseLine[] = [];
  let left = quantity;
  for (const lot of usable) {
    if (left <= 0) break;
    const take = Math.min(left, lot.onHand);
    lines.push({ lotId: lot.id, quantity: take });
    left -= take;
  }
  return lines;
}

export type DispenseOutcome = 'full' | 'partial' | 'declined';

/** Full, partial or declined, from the units requested and given. */
export function dispenseOutcome(requested: number, dispensed: number): DispenseOutcome {
  if (dispensed <= 0) return 'declined';
  return dispensed >= requested ? 'full' : 'partial';
}

/** Names in common use in Venezuela for a medicine the module lists under its INN. */
const SYNONYMS: [RegExp, string][] = [[/^acetaminofen\b/, 'paracetamol']];

function withSynonyms(text: string): string {
  return SYNONYMS.reduce((t, [pattern, name]) => t.replace(pattern, name), text);
}

export interface CatalogEntry {
  code: string;
  nameEs: string;
  strength: string;
}

/** How a catalogue item is written on a prescription: the name and strength. */
export function catalogLabel(item: { nameEs: string; strength: string }): string {
  return `${item.nameEs} ${item.strength}`;
}

/**
 * The catalogue item a free-text prescription names: the item whose name and strength it starts
 * with (the prescription form offers exactly that text), else the only item of that name. Null
 * when it names nothing in the module, or is ambiguous.
 */
/** An item's label, name and strength as they are compared, worked out once per catalogue. */
interface Normalized {
  label: string;
  name: string;
  strength: string;
}

const compact = (s: string) => s.replace(/\s+/g, '');
const normalizedCatalogs = new WeakMap<readonly CatalogEntry[], Normalized[]>();

function normalizedOf(catalog: readonly CatalogEntry[]): Normalized[] {
  let normalized = normalizedCatalogs.get(catalog);
  if (!normalized) {
    normalized = catalog.map((item) => ({
      label: compact(normalizeForSearch(catalogLabel(item))),
      name: normalizeForSearch(item.nameEs.replace(/\s*\(.*\)$/, '')),
      strength: compact(normalizeForSearch(item.strength.split('/')[0]!)),
    }));
    normalizedCatalogs.set(catalog, normalized);
  }
  return normalized;
}

export function matchCatalogItem<T extends CatalogEntry>(text: string, catalog: readonly T[]): T | null {
  const wanted = withSynonyms(normalizeForSearch(text));
  const compactWanted = compact(wanted);
  const normalized = normalizedOf(catalog);
  const byLabel = catalog.filter((_, i) => compactWanted.startsWith(normalized[i]!.label));
  if (byLabel.length > 0) return byLabel.sort((a, b) => b.strength.length - a.strength.length)[0]!;
  const byName = catalog.flatMap((item, i) => {
    const { name } = normalized[i]!;
    return wanted === name || wanted.startsWith(`${name} `) ? [{ item, i }] : [];
  });
  if (byName.length === 1) return byName[0]!.item;
  const byStrength = byName.filter(({ i }) => compactWanted.includes(normalized[i]!.strength));
  return byStrength.length === 1 ? byStrength[0]!.item : null;
}

/**
 * Months the stock on hand lasts at the pace of the last 90 days' dispensing (WHO/MSH "months of
 * stock"). Null when nothing was dispensed, so a medicine nobody takes is not called plentiful.
 */
export function monthsOfStock(onHand: number, dispensedLast90Days: number): number | null {
  if (dispensedLast90Days <= 0) return null;
  return Math.round((onHand / (dispensedLast90Days / 3)) * 10) / 10;
}

/** The quarter a date falls in, as `2026-Q4`. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** The days of [from, to] (inclusive) during which a balance stayed at zero, given its changes. */
export function stockOutDays(
  changes: readonly { on: string; balanceAfter: number }[],
  from: string,
  to: string,
  openingBalance: number,
): number {
  let balance = openingBalance;
  let day = from;
  let zeroDays = 0;
  const sorted = [...changes].filter((c) => c.on >= from && c.on <= to).sort((a, b) => a.on.localeCompare(b.on));
  for (const change of sorted) {
    if (balance === 0) zeroDays += daysBetween(day, change.on);
    balance = change.balanceAfter;
    day = change.on;
  }
  if (balance === 0) zeroDays += daysBetween(day, to) + 1;
  return zeroDays;
}

export interface HouseholdMember {
  personId: string;
  ageYears: number;
  ageMonths: number;
  sex: 'F' | 'M';
  pregnant: boolean;
  /** Catalogue codes of chronic medicines prescribed to the person within the last six months. */
  chronicMedicines: string[];
}

/** The family package's items for the vulnerable groups (DESIGN §2): code and units per quarter. */
export const PACKAGE_ITEMS = {
  infant: { code: 'MED-081', quantity: 1 }, // ferrous sulfate drops, one bottle
  child: { code: 'MED-084', quantity: 1 }, // vitamin A, one capsule
  pregnant: { code: 'MED-082', quantity: 90 }, // iron and folic acid, one a day
  elderly: { code: 'MED-085', quantity: 90 }, // calcium carbonate, one a day
} as const;

/** Units of a chronic medicine in a quarter's package: one a day. */
export const CHRONIC_UNITS_PER_QUARTER = 90;

export interface PackageItem {
  medicineCode: string;
  quantity: number;
  personId: string;
  need: 'infant' | 'child' | 'pregnant' | 'elderly' | 'chronic';
}

/** A household's quarterly package from its members' needs. */
export function planFamilyPackage(members: readonly HouseholdMember[]): PackageItem[] {
  const items: PackageItem[] = [];
  for (const m of members) {
    const add = (need: PackageItem['need'], medicineCode: string, quantity: number) =>
      items.push({ medicineCode, quantity, personId: m.personId, need });
    if (m.ageYears < 1) add('infant', PACKAGE_ITEMS.infant.code, PACKAGE_ITEMS.infant.quantity);
    else if (m.ageYears < 12) add('child', PACKAGE_ITEMS.child.code, PACKAGE_ITEMS.child.quantity);
    if (m.pregnant) add('pregnant', PACKAGE_ITEMS.pregnant.code, PACKAGE_ITEMS.pregnant.quantity);
    if (m.ageYears >= 60) add('elderly', PACKAGE_ITEMS.elderly.code, PACKAGE_ITEMS.elderly.quantity);
    for (const code of new Set(m.chronicMedicines)) add('chronic', code, CHRONIC_UNITS_PER_QUARTER);
  }
  return items;
}

/** Days between two dates, re-exported for the figures. */
export { daysBetween };
