/**
 * The rates the demo population is drawn from: one ASIC of about 45 thousand people in parish
 * Sucre (Catia), Caracas, and one year of its primary care. Pure constants and functions, no I/O.
 * Every figure is an assumption chosen to look like the place, not a statistic of it.
 */
import type { Random } from '../demo.rules';

/**
 * Share of the population by five-year age group (0–4 … 80+), in percent: the shape of
 * Venezuela's pyramid in the 2011 census (INE, Censo de Población y Vivienda 2011), a broad
 * young base narrowing from age 30 on, about 27% under 15 and 6% aged 65 and over. Rounded.
 */
export const AGE_PYRAMID_2011 = [
  9.0, 9.1, 9.4, 9.5, 9.0, 8.4, 7.7, 6.9, 6.3, 6.0, 5.2, 4.2, 3.3, 2.4, 1.8, 1.2, 1.2,
] as const;

/** Men per 100 women in the 2011 census: close to even (99.3 at all ages). */
export const MALE_SHARE = 0.498;

/** Live births per 1,000 people a year (Venezuela in the early 2010s: about 17–20). */
export const BIRTHS_PER_1000 = 17;
/** Deaths per 1,000 people a year (Venezuela around 2011: about 5, a young population). */
export const DEATHS_PER_1000 = 5;
/** Infant deaths per 1,000 live births (Venezuela around 2011: about 13–15). */
export const INFANT_DEATHS_PER_1000_BIRTHS = 15;
/** Stillbirths per live birth (about 1%). */
export const STILLBIRTH_SHARE = 0.01;
/** Registered pregnancies that end early (abortion, ectopic) within the year, per live birth. */
export const EARLY_LOSS_SHARE = 0.08;
/** Share of deaths that are homicides of young men: a sad fact of Caracas' barrios. */
export const HOMICIDE_SHARE = 0.1;

/** Persons per household in the barrio (the planning rule's 4.5 persons per family). */
export const PERSONS_PER_HOUSEHOLD = 4.5;

/**
 * Consultations per person and year, counting post, home and community: 1.6. A plausible figure
 * for a neighbourhood post that registers its whole sector; Barrio Adentro reported more in its
 * first years, when a post served far fewer people. Infants, the chronically ill and the old are
 * seen more often (ENCOUNTER_WEIGHT); the mean over everyone stays at this rate.
 */
export const ENCOUNTERS_PER_PERSON_YEAR = 1.6;
/** About 40% of consultations are home visits (issue 3, part 9); a few are in the community. */
export const SETTING_SHARES = [
  ['home_visit', 40],
  ['post', 55],
  ['community', 5],
] as const;

/** Dispensarization: share classified within the last year, classified earlier (now overdue), never. */
export const CLASSIFIED_SHARES = { current: 0.84, overdue: 0.11 } as const;

/** Chronic conditions (CIE-10) with their prevalence by age, per person; a person may have several. */
export const CHRONIC_CONDITIONS: readonly { code: string; fromAge: number; prevalence: (age: number) => number }[] = [
  { code: 'I10', fromAge: 20, prevalence: (a) => Math.min(0.55, 0.02 + Math.max(0, a - 25) * 0.0095) },
  { code: 'E11', fromAge: 30, prevalence: (a) => Math.min(0.2, Math.max(0, a - 30) * 0.0045) },
  { code: 'J45', fromAge: 2, prevalence: (a) => (a < 15 ? 0.08 : 0.04) },
  { code: 'J44', fromAge: 45, prevalence: (a) => Math.min(0.06, Math.max(0, a - 45) * 0.0015) },
  { code: 'I25', fromAge: 50, prevalence: (a) => Math.min(0.07, Math.max(0, a - 50) * 0.002) },
  { code: 'E03', fromAge: 25, prevalence: () => 0.015 },
  { code: 'F32', fromAge: 16, prevalence: () => 0.02 },
  { code: 'G40', fromAge: 1, prevalence: () => 0.007 },
  { code: 'N18', fromAge: 50, prevalence: () => 0.012 },
];

/** Disabilities (group IV) in about 3% of people, more with age. */
export const DISABILITY_SHARE = (age: number) => (age < 60 ? 0.02 : 0.07);

/** Risk factors (group II) and who they are drawn for. */
export const RISK_FACTOR_SHARES: readonly { factor: string; fromAge: number; share: number }[] = [
  { factor: 'smoking', fromAge: 15, share: 0.14 },
  { factor: 'alcohol_misuse', fromAge: 15, share: 0.06 },
  { factor: 'physical_inactivity', fromAge: 15, share: 0.15 },
  { factor: 'overweight', fromAge: 10, share: 0.14 },
  { factor: 'obesity', fromAge: 10, share: 0.08 },
  { factor: 'undernutrition', fromAge: 0, share: 0.02 },
  { factor: 'family_history_diabetes', fromAge: 18, share: 0.05 },
  { factor: 'unsafe_sexual_behaviour', fromAge: 15, share: 0.03 },
];

/** Living conditions of Catia's barrios: mostly piped water and sewers, with tanker trucks and latrines up the hills. */
export const LIVING_CONDITIONS = {
  water_source: [
    ['piped_inside', 66],
    ['piped_outside', 12],
    ['public_tap', 5],
    ['tanker_truck', 14],
    ['other', 3],
  ],
  sanitation: [
    ['sewer', 80],
    ['septic_tank', 9],
    ['latrine', 9],
    ['none', 2],
  ],
  electricity: [
    ['grid', 97],
    ['generator', 1],
    ['none', 2],
  ],
  floor: [
    ['tile_or_cement', 91],
    ['wood', 2],
    ['earth', 4],
    ['other', 3],
  ],
  waste_disposal: [
    ['collected', 74],
    ['burned', 5],
    ['buried', 1],
    ['dumped', 20],
  ],
} as const;
export const VECTOR_SHARES = [
  ['mosquitoes', 0.5],
  ['rodents', 0.35],
  ['cockroaches', 0.55],
  ['flies', 0.25],
  ['stray_animals', 0.3],
] as const;

/** A Poisson draw (Knuth's method; the means here are small). */
export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

/**
 * A count from an expected value: its whole part, plus one with the chance of its fraction. A post
 * expects a fraction of an infant death a year; rounding each post's share would give the ASIC none.
 */
export function countOf(random: Random, expected: number): number {
  const whole = Math.floor(expected);
  return whole + (random.chance(expected - whole) ? 1 : 0);
}

/** A normal draw with this mean and spread, rounded to `digits` and kept within [min, max]. */
export function normalWithin(random: Random, mean: number, sd: number, min: number, max: number, digits = 0) {
  const factor = 10 ** digits;
  const value = Math.round((mean + sd * random.normal()) * factor) / factor;
  return Math.min(max, Math.max(min, value));
}

/** The weight of a person's consultations against the mean: infants, the ill and the old come more. */
export function encounterWeight(age: number, chronic: boolean): number {
  if (age < 1) return 4;
  if (age < 5) return 1.6;
  if (chronic) return 2.6;
  if (age >= 65) return 1.4;
  return 0.7;
}
