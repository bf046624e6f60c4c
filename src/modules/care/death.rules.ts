import { addYears, daysBetween } from './calendar';

/** Deaths: which count as infant and maternal deaths, and the rates they make. Pure, no I/O. */

export const DEATH_PLACES = ['home', 'health_facility', 'in_transit', 'public_place', 'other'] as const;

/** Infant death: a death before the first birthday (ICD-10 Volume 2, §5.7, infant mortality). */
export function isInfantDeath(birthDate: string, diedOn: string): boolean {
  return diedOn < addYears(birthDate, 1);
}

/** Days after the end of a pregnancy within which a death can be a maternal death. */
export const MATERNAL_DEATH_WINDOW_DAYS = 42;

/**
 * Late maternal deaths (O96, more than 42 days after the end of the pregnancy) and deaths from
 * sequelae of obstetric causes (O97) are counted apart from maternal deaths (ICD-10 Volume 2, §5.8).
 */
const LATE_OBSTETRIC_CAUSES = ['O96', 'O97'];

/**
 * Accidental and incidental causes — injuries (chapter XIX, S00–T98) and external causes (chapter XX,
 * V01–Y98) — do not make a maternal death, even during pregnancy.
 */
function isExternalCause(code: string): boolean {
  return /^[STVWXY]/.test(code);
}

export interface MaternalDeathFacts {
  sex: 'F' | 'M';
  diedOn: string;
  cause: { code: string; maternal: boolean };
  pregnancies: readonly { lastMenstrualPeriod: string; endedOn: string | null }[];
}

/**
 * Maternal death, after the WHO definition (ICD-10 Volume 2, §5.8.1): "the death of a woman while
 * pregnant or within 42 days of termination of pregnancy, irrespective of the duration and site of
 * the pregnancy, from any cause related to or aggravated by the pregnancy or its management but not
 * from accidental or incidental causes". By record: a woman pregnant when she died or whose
 * pregnancy ended 42 days or less before, unless the cause was external; or, whatever is on record
 * about a pregnancy, a woman whose cause of death is obstetric (an O code, obstetric tetanus,
 * puerperal disorders), except late and sequela causes.
 */
export function isMaternalDeath(facts: MaternalDeathFacts): boolean {
  if (facts.sex !== 'F') return false;
  const { code, maternal } = facts.cause;
  if (maternal && !LATE_OBSTETRIC_CAUSES.some((late) => code.startsWith(late))) return true;
  if (isExternalCause(code)) return false;
  return facts.pregnancies.some(
    (p) =>
      p.lastMenstrualPeriod <= facts.diedOn &&
      (p.endedOn === null || daysBetween(p.endedOn, facts.diedOn) <= MATERNAL_DEATH_WINDOW_DAYS),
  );
}

export interface VitalCounts {
  liveBirths: number;
  infantDeaths: number;
  maternalDeaths: number;
}

/**
 * Infant mortality rate (infant deaths per 1,000 live births) and maternal mortality ratio
 * (maternal deaths per 100,000 live births) of one territory and period (ICD-10 Volume 2, §5.7–5.8);
 * null when there were no live births to divide by.
 */
export function mortalityRates(counts: VitalCounts): {
  infantMortalityPer1000LiveBirths: number | null;
  maternalMortalityPer100000LiveBirths: number | null;
} {
  if (counts.liveBirths <= 0) {
    return { infantMortalityPer1000LiveBirths: null, maternalMortalityPer100000LiveBirths: null };
  }
  return {
    infantMortalityPer1000LiveBirths: (counts.infantDeaths * 1000) / counts.liveBirths,
    maternalMortalityPer100000LiveBirths: (counts.maternalDeaths * 100_000) / counts.liveBirths,
  };
}
