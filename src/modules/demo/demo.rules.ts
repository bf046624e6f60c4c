/**
 * The planning arithmetic behind the demo network and the seeded randomness that makes it the
 * same network on every run. Pure functions: no I/O, no clock, no Math.random.
 */

/** One primary-care post for every 250–300 families (DESIGN §1, planning rules). */
export const FAMILIES_PER_POST = { min: 250, max: 300 } as const;

/**
 * Persons per family. An assumption, not a census figure: the planning rule counts families,
 * the reference data counts people, and 4.5 persons per family turns one into the other
 * (a post for 250–300 families then serves about 1,100–1,350 people).
 */
export const PERSONS_PER_FAMILY = 4.5;

/** One CDI and one SRI, heading an ASIC, for every 40–50 thousand people (DESIGN §1). */
export const ASIC_POPULATION = { min: 40_000, max: 50_000 } as const;

/**
 * Share of the population the demo's posts cover. The full rule over the 27.2 million people of
 * the 2011 census asks for about 22 thousand posts; the network as reported placed posts first
 * where exclusion was worst ("unos 8 500 puestos de salud" by 2005, "over 10,000 clinics" claimed
 * in 2014, see the background reading). Covering 37% gives about 8 thousand posts and 10 thousand
 * facilities in all, which is also what keeps the first start within its time budget.
 */
export const POST_COVERAGE = 0.37;

/** At least one CAT per state (DESIGN §1), one more per 800 thousand people: 35 were built. */
export const CAT_POPULATION = 800_000;

/** Tier III hospitals: one per 250 thousand people, and never fewer than two in a state. */
export const HOSPITAL_POPULATION = 250_000;
export const MIN_HOSPITALS_PER_STATE = 2;

/** Clínicas populares: one per 400 thousand people, at least one per state. */
export const CLINIC_POPULATION = 400_000;

/** Share of ASICs with a popular dispensary of their own, besides the CDI's pharmacy. */
export const DISPENSARY_SHARE = 0.5;

/** How many posts share a sector (a neighbourhood): two to five, or fewer where the parish has fewer. */
export const POSTS_PER_SECTOR = { min: 2, max: 5 } as const;

const ASIC_TARGET = (ASIC_POPULATION.min + ASIC_POPULATION.max) / 2;
const PERSONS_PER_POST = ((FAMILIES_PER_POST.min + FAMILIES_PER_POST.max) / 2) * PERSONS_PER_FAMILY;

/** Posts the demo plans for a population: the rule scaled by coverage, at least one. */
export function postsForPopulation(population: number): number {
  return Math.max(1, Math.round((population * POST_COVERAGE) / PERSONS_PER_POST));
}

/** ASICs (each with its CDI and SRI) for a population: at least one. */
export function asicsForPopulation(population: number): number {
  return Math.max(1, Math.round(population / ASIC_TARGET));
}

/** The population one ASIC is planned for. */
export function asicTargetPopulation(): number {
  return ASIC_TARGET;
}

export function catsForState(population: number): number {
  return Math.max(1, Math.round(population / CAT_POPULATION));
}

export function hospitalsForState(population: number): number {
  return Math.max(MIN_HOSPITALS_PER_STATE, Math.round(population / HOSPITAL_POPULATION));
}

export function clinicsForState(population: number): number {
  return Math.max(1, Math.round(population / CLINIC_POPULATION));
}

/**
 * Splits a whole number in proportion to weights, by largest remainder (Hamilton's method):
 * the parts always add up to the total and each is its exact share rounded down or up.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0)
    return apportion(
      total,
      weights.map(() => 1),
    );
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

/** A seeded source of randomness. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform whole number in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Standard normal, by Box–Muller. */
  normal(): number;
  bytes(count: number): Uint8Array;
}

/** FNV-1a over a string, mixed with the seed. */
function hashKey(seed: number, key: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a small, fast 32-bit generator, plenty for synthetic data (never for secrets). */
class Mulberry32 implements Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  bytes(count: number): Uint8Array {
    const bytes = new Uint8Array(count);
    for (let i = 0; i < count; i++) bytes[i] = Math.floor(this.next() * 256);
    return bytes;
  }
}

/**
 * The random stream for one named thing (a parish, a facility). Each thing draws from its own
 * stream, so what one parish gets does not depend on how many draws the parishes before it made.
 */
export function randomFor(seed: number, key: string): Random {
  return new Mulberry32(hashKey(seed, key));
}

/** Picks one option by weight. */
export function pickWeighted<T>(random: Random, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random.next() * total;
  for (const [value, weight] of options) {
    point -= weight;
    if (point < 0) return value;
  }
  return options[options.length - 1]![0];
}
