import { FAMILIES_PER_POST } from '../demo/demo.rules';

/** Living conditions are coded, so that they can be counted across posts. */
export const WATER_SOURCES = [
  'piped_inside',
  'piped_outside',
  'public_tap',
  'well',
  'tanker_truck',
  'river_or_rain',
  'other',
] as const;
export const SANITATION = ['sewer', 'septic_tank', 'latrine', 'none'] as const;
export const ELECTRICITY = ['grid', 'generator', 'none'] as const;
export const FLOORS = ['tile_or_cement', 'wood', 'earth', 'other'] as const;
export const WASTE_DISPOSAL = ['collected', 'burned', 'buried', 'dumped'] as const;
export const VECTORS = ['mosquitoes', 'rodents', 'cockroaches', 'flies', 'triatomines', 'stray_animals'] as const;

/** Facility kinds where a family doctor keeps a household census: the primary-care posts. */
export const POST_KINDS = ['consultorio_popular', 'clinica_popular'] as const;

export function isPost(kind: string): boolean {
  return (POST_KINDS as readonly string[]).includes(kind);
}

/**
 * Critical overcrowding: more than three persons per room. This is the threshold of the INE's
 * unmet-basic-needs method ("hacinamiento crítico", Necesidades Básicas Insatisfechas) and of
 * UN-Habitat's "sufficient living area" indicator (Urban Indicators Guidelines, 2004).
 */
export const CRITICAL_PERSONS_PER_ROOM = 3;

export interface Overcrowding {
  personsPerRoom: number;
  critical: boolean;
}

/** Persons per room, to two decimals, and whether that is critical overcrowding. */
export function overcrowding(persons: number, rooms: number): Overcrowding {
  if (!Number.isInteger(rooms) || rooms <= 0) throw new RangeError('A household has at least one room');
  const personsPerRoom = Math.round((persons / rooms) * 100) / 100;
  return { personsPerRoom, critical: persons / rooms > CRITICAL_PERSONS_PER_ROOM };
}

/**
 * Overcrowding of a household whose rooms may not be surveyed yet: null then, so that a household
 * nobody surveyed counts neither as overcrowded nor as not.
 */
export function overcrowdingIfSurveyed(persons: number, rooms: number | null): Overcrowding | null {
  return rooms === null ? null : overcrowding(persons, rooms);
}

/**
 * The living conditions a survey gives, all together: a household's conditions are surveyed at
 * once, or not yet (a person brought in to an emergency room with no record). Vectors may be an
 * empty list, so they are not among the fields a survey must give.
 */
export const SURVEYED_CONDITIONS = [
  'waterSource',
  'sanitation',
  'electricity',
  'floor',
  'wasteDisposal',
  'rooms',
] as const;

/**
 * The condition fields a survey leaves out when it gives some of them: every one when only some
 * are given, none when all or none are. `surveyed` says whether the household already was.
 */
export function missingConditions(
  given: Partial<Record<(typeof SURVEYED_CONDITIONS)[number] | 'vectors', unknown>>,
  surveyed = false,
): (typeof SURVEYED_CONDITIONS)[number][] {
  if (surveyed) return [];
  const present = SURVEYED_CONDITIONS.filter((field) => given[field] !== undefined && given[field] !== null);
  const started = present.length > 0 || (Array.isArray(given.vectors) && given.vectors.length > 0);
  return started ? SURVEYED_CONDITIONS.filter((field) => !present.includes(field)) : [];
}

/**
 * The families a post is meant to serve: its own figure when set, otherwise the top of the
 * planning rule of one post per 250–300 families (DESIGN §1), so coverage is never overstated.
 */
export function targetFamilies(facilityTarget: number | null): {
  families: number;
  source: 'facility' | 'planning_rule';
} {
  if (facilityTarget !== null && facilityTarget > 0) return { families: facilityTarget, source: 'facility' };
  return { families: FAMILIES_PER_POST.max, source: 'planning_rule' };
}

/** Registered families as a percentage of the target, to one decimal. */
export function coveragePercent(families: number, target: number): number {
  return target > 0 ? Math.round((families / target) * 1000) / 10 : 0;
}

/** The name a family goes by when none is given: the head's family names. */
export function defaultFamilyName(headLastNames: string): string {
  return `Familia ${headLastNames.trim()}`;
}
