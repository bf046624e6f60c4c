import type { Relationship } from '../census/person.rules';
import { ageInYears } from '../census/person.rules';
import { addDays, addMonths, daysBetween } from './calendar';

/** Pregnancy, prenatal control and birth: pure rules, no I/O. */

export const PREGNANCY_RISKS = ['low', 'high'] as const;
export const BIRTH_OUTCOMES = ['live', 'stillbirth'] as const;
export const BIRTH_PLACES = ['health_facility', 'home', 'in_transit', 'other'] as const;
/** Ways a pregnancy ends other than a birth or the mother's death. */
export const EARLY_ENDINGS = ['abortion', 'ectopic'] as const;

/** Ages, in whole years by the birth date on record, at which a pregnancy is accepted. */
export const PREGNANCY_AGE_YEARS = { min: 10, max: 55 };

/** A pregnancy lasts at most this long from the last menstrual period (45 weeks, the schema's limit). */
export const LONGEST_PREGNANCY_DAYS = 45 * 7;

/**
 * Naegele's rule: the expected date of delivery is the first day of the last menstrual period,
 * plus one year, minus three months, plus seven days — that is, nine months and seven days on.
 */
export function expectedDeliveryDate(lastMenstrualPeriod: string): string {
  return addDays(addMonths(lastMenstrualPeriod, 9), 7);
}

/** Completed weeks of gestation on a date, counted from the last menstrual period. */
export function gestationalWeeksOn(lastMenstrualPeriod: string, on: string): number {
  return Math.floor(daysBetween(lastMenstrualPeriod, on) / 7);
}

/** How far the gestational age written at a control may differ from the one the LMP gives. */
export const GESTATIONAL_WEEKS_TOLERANCE = 2;

/** Why this person cannot have a pregnancy recorded with this LMP, or null. */
export function pregnancyEligibilityProblem(
  person: { sex: 'F' | 'M'; birthDate: string; vitalStatus: 'alive' | 'dead' },
  lastMenstrualPeriod: string,
): string | null {
  if (person.vitalStatus === 'dead') return 'The person is recorded as deceased';
  if (person.sex !== 'F') return 'The person is recorded as male';
  const age = ageInYears(person.birthDate, lastMenstrualPeriod);
  if (age < PREGNANCY_AGE_YEARS.min || age > PREGNANCY_AGE_YEARS.max) {
    return `The person was ${age} by the birth date on record; a pregnancy is recorded from ${PREGNANCY_AGE_YEARS.min} to ${PREGNANCY_AGE_YEARS.max} years`;
  }
  return null;
}

/**
 * Gestational weeks of the antenatal contacts after the first, from the WHO recommendations on
 * antenatal care for a positive pregnancy experience (2016), recommendation E.7: a first contact
 * in the first trimester (up to 12 weeks), then contacts at 20, 26, 30, 34, 36, 38 and 40 weeks.
 */
export const ANTENATAL_CONTACT_WEEKS = [20, 26, 30, 34, 36, 38, 40] as const;

/** A control within this many weeks before a scheduled contact stands for it. */
const CONTACT_WINDOW_WEEKS = 2;

/**
 * When the next prenatal control falls due: at once when there has been none; otherwise at the
 * next WHO contact not already covered by the last control; past 40 weeks, a week after the last
 * control until the pregnancy ends (a project rule: the WHO model stops at 40 weeks).
 */
export function nextControlDueOn(
  lastMenstrualPeriod: string,
  registeredOn: string,
  lastControl: { controlOn: string; gestationalWeeks: number } | null,
): string {
  if (!lastControl) return registeredOn;
  const next = ANTENATAL_CONTACT_WEEKS.find((week) => week >= lastControl.gestationalWeeks + CONTACT_WINDOW_WEEKS);
  if (next === undefined) return addDays(lastControl.controlOn, 7);
  return addDays(lastMenstrualPeriod, next * 7);
}

/**
 * Wide limits for the measures of a prenatal control, for catching typing errors. The normal fetal
 * heart rate is 110–160 beats per minute (FIGO consensus guidelines on intrapartum fetal
 * monitoring, 2015); fundal height in centimetres roughly equals the weeks of gestation from 20
 * weeks on (McDonald's rule).
 */
export const CONTROL_LIMITS = {
  fundalHeightCm: { min: 5, max: 50 },
  fetalHeartRate: { min: 50, max: 240 },
};

/** How the newborn is related to the head of the mother's household. */
export function newbornRelationship(mother: Relationship): Relationship {
  switch (mother) {
    case 'head':
    case 'spouse':
      return 'child';
    case 'child':
    case 'stepchild':
    case 'child_in_law':
      return 'grandchild';
    case 'parent':
      return 'sibling';
    case 'non_relative':
      return 'non_relative';
    default:
      return 'other_relative';
  }
}

/**
 * Whether a birth can still be recorded for a pregnancy that has ended: a twin born within a day of
 * the first birth, or a child born as the mother died.
 */
export function acceptsLaterBirth(pregnancy: { endedOn: string | null; outcome: string | null }, bornOn: string) {
  if (!pregnancy.endedOn) return true;
  if (!['live_birth', 'stillbirth', 'maternal_death'].includes(pregnancy.outcome ?? '')) return false;
  return Math.abs(daysBetween(pregnancy.endedOn, bornOn)) <= 1;
}
