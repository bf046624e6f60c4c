import { addDays, compareAscii, dayNumber, fromDayNumber, laterOf } from './calendar';

/**
 * Which vaccine doses a person is due, computed from the birth date, the national schedule
 * (data/immunization/schedule.json) and the doses given. Pure: no I/O.
 *
 * For each vaccine only the next dose of its series is pending: dose n needs dose n − 1 given.
 * - It can be given from its earliest date: the dose's minimum age, and the minimum interval
 *   after the previous dose.
 * - It is due from its recommended age (never before the earliest date).
 * - It is overdue once OVERDUE_AFTER_DAYS have passed since it fell due.
 * - Past the dose's maximum age it is no longer offered at all.
 */

/**
 * Four weeks: the tolerance the schedule itself gives between doses of a series (its minimum
 * interval of 28 days). A dose not given within four weeks of its due date is overdue and shows on
 * the post's worklist. A project choice, kept in this one constant.
 */
export const OVERDUE_AFTER_DAYS = 28;

export interface ScheduleDose {
  number: number;
  label_es: string;
  minAgeDays: number;
  recommendedAgeDays: number;
  maxAgeDays: number | null;
  minIntervalDaysFromPrevious: number | null;
}

export interface ScheduledVaccine {
  code: string;
  nameEs: string;
  targetSex: 'F' | 'M' | null;
  doses: readonly ScheduleDose[];
}

export interface GivenDose {
  vaccineCode: string;
  doseNumber: number;
  givenOn: string;
}

export interface Recipient {
  birthDate: string;
  sex: 'F' | 'M';
}

export type PendingStatus = 'upcoming' | 'due' | 'overdue';

export interface PendingDose {
  vaccineCode: string;
  vaccineName: string;
  doseNumber: number;
  label: string;
  earliestOn: string;
  dueOn: string;
  overdueOn: string;
  lastOn: string | null;
  status: PendingStatus;
}

/** Given doses of one vaccine, by dose number: the latest date each was given. */
type DoseDates = ReadonlyMap<number, string>;

/** A person's given doses by vaccine, read once for all the vaccines of the schedule. */
type DoseCard = ReadonlyMap<string, DoseDates>;

const NO_DOSES: DoseDates = new Map();

function cardOf(history: readonly GivenDose[]): DoseCard {
  const card = new Map<string, Map<number, string>>();
  for (const dose of history) {
    let dates = card.get(dose.vaccineCode);
    if (!dates) card.set(dose.vaccineCode, (dates = new Map()));
    const known = dates.get(dose.doseNumber);
    if (!known || dose.givenOn > known) dates.set(dose.doseNumber, dose.givenOn);
  }
  return card;
}

/**
 * Series that need not be started because another vaccine already protects (schedule notes):
 * the MR vaccine is for whoever lacks two documented doses of MMR, and the adult hepatitis B series
 * for whoever did not complete the pentavalent (which carries hepatitis B) as a child.
 */
export const COVERED_BY: Readonly<Record<string, { vaccineCode: string; doseNumber: number }>> = {
  MR: { vaccineCode: 'MMR', doseNumber: 2 },
  HEPB_ADULT: { vaccineCode: 'PENTA', doseNumber: 3 },
};

/**
 * Whoever completed the childhood diphtheria–tetanus series (three pentavalent doses and two DTP
 * boosters) needs only the Td boosters (schedule notes): Td doses 1–3 count as given on the date
 * of the second DTP booster.
 */
function creditedDates(vaccineCode: string, card: DoseCard): DoseDates {
  const dates = card.get(vaccineCode) ?? NO_DOSES;
  if (vaccineCode !== 'TD') return dates;
  const penta = card.get('PENTA')?.get(3);
  const dtp = card.get('DTP')?.get(2);
  if (!penta || !dtp) return dates;
  const credited = new Map(dates);
  for (const n of [1, 2, 3]) if (!credited.has(n)) credited.set(n, dtp);
  return credited;
}

/**
 * Seasonal influenza is given in yearly campaigns; the routine computation offers only the
 * first-time series of children of 6 to 35 months (schedule notes), and leaves the rest to campaigns.
 */
export const ROUTINE_MAX_AGE_DAYS: Readonly<Record<string, number>> = { INFLUENZA: 1095 };

/**
 * Vaccines whose dose is given again after a while, and how soon: a seasonal influenza dose each
 * season, a Td booster every ten years after the series (schedule notes).
 */
export const REPEATS: Readonly<Record<string, { doseNumber: number; afterDays: number }>> = {
  INFLUENZA: { doseNumber: 1, afterDays: 180 },
  TD: { doseNumber: 5, afterDays: 3650 },
};

/** The earliest a dose can be given, given the date of the previous dose (if it needs one). */
function earliestDate(birthDate: string, dose: ScheduleDose, previousOn: string | undefined): string {
  const byAge = addDays(birthDate, dose.minAgeDays);
  if (!previousOn) return byAge;
  return laterOf(byAge, addDays(previousOn, Math.max(dose.minIntervalDaysFromPrevious ?? 0, 1)));
}

/** The next dose of one vaccine a person is pending, or null when none is. */
export function nextDose(
  person: Recipient,
  vaccine: ScheduledVaccine,
  history: readonly GivenDose[],
  today: string,
): PendingDose | null {
  const pending = pendingOn(person, vaccine, cardOf(history), dayNumber(person.birthDate), dayNumber(today));
  return pending && withDates(pending);
}

/** A pending dose with its dates as day numbers (`dayNumber`), as `pendingOn` computes it. */
interface PendingDays {
  vaccine: ScheduledVaccine;
  dose: ScheduleDose;
  earliest: number;
  due: number;
  overdue: number;
  last: number | null;
  status: PendingStatus;
}

/**
 * `nextDose` in day numbers, on a card read once for the whole schedule: this runs for every
 * vaccine of every child of a post on each worklist.
 */
function pendingOn(
  person: Recipient,
  vaccine: ScheduledVaccine,
  card: DoseCard,
  birth: number,
  now: number,
): PendingDays | null {
  if (vaccine.targetSex && vaccine.targetSex !== person.sex) return null;
  const cover = COVERED_BY[vaccine.code];
  if (cover && card.get(cover.vaccineCode)?.has(cover.doseNumber)) return null;
  const given = creditedDates(vaccine.code, card);
  let dose: ScheduleDose | undefined;
  let first = Infinity;
  for (const d of vaccine.doses) {
    first = Math.min(first, d.number);
    if (!given.has(d.number) && (!dose || d.number < dose.number)) dose = d;
  }
  if (!dose) return null;
  const previousOn = given.get(dose.number - 1);
  if (dose.number > first && !previousOn) return null;
  const routineMax = ROUTINE_MAX_AGE_DAYS[vaccine.code];
  const maxAge = routineMax === undefined ? dose.maxAgeDays : Math.min(dose.maxAgeDays ?? routineMax, routineMax);
  const last = maxAge === null ? null : birth + maxAge;
  if (last !== null && now > last) return null;
  const earliest = Math.max(
    birth + dose.minAgeDays,
    previousOn ? dayNumber(previousOn) + Math.max(dose.minIntervalDaysFromPrevious ?? 0, 1) : -Infinity,
  );
  if (last !== null && earliest > last) return null;
  const due = Math.max(birth + dose.recommendedAgeDays, earliest);
  const overdue = due + OVERDUE_AFTER_DAYS;
  return {
    vaccine,
    dose,
    earliest,
    due,
    overdue,
    last,
    status: now < due ? 'upcoming' : now >= overdue ? 'overdue' : 'due',
  };
}

function withDates({ vaccine, dose, earliest, due, overdue, last, status }: PendingDays): PendingDose {
  return {
    vaccineCode: vaccine.code,
    vaccineName: vaccine.nameEs,
    doseNumber: dose.number,
    label: dose.label_es,
    earliestOn: fromDayNumber(earliest),
    dueOn: fromDayNumber(due),
    overdueOn: fromDayNumber(overdue),
    lastOn: last === null ? null : fromDayNumber(last),
    status,
  };
}

/** Every vaccine's next pending dose for a person, soonest first. */
export function pendingDoses(
  person: Recipient,
  schedule: readonly ScheduledVaccine[],
  history: readonly GivenDose[],
  today: string,
): PendingDose[] {
  return pendingOnCard(person, schedule, history, today, () => true);
}

/**
 * The doses a person is due or overdue today, soonest first: `pendingDoses` without the upcoming
 * ones, whose dates are then never written out (a post's worklist lists only these).
 */
export function dosesDue(
  person: Recipient,
  schedule: readonly ScheduledVaccine[],
  history: readonly GivenDose[],
  today: string,
): PendingDose[] {
  return pendingOnCard(person, schedule, history, today, (pending) => pending.status !== 'upcoming');
}

function pendingOnCard(
  person: Recipient,
  schedule: readonly ScheduledVaccine[],
  history: readonly GivenDose[],
  today: string,
  wanted: (pending: PendingDays) => boolean,
): PendingDose[] {
  const card = cardOf(history);
  const birth = dayNumber(person.birthDate);
  const now = dayNumber(today);
  const pending: PendingDays[] = [];
  for (const vaccine of schedule) {
    const dose = pendingOn(person, vaccine, card, birth, now);
    if (dose && wanted(dose)) pending.push(dose);
  }
  return pending.sort((a, b) => a.due - b.due || compareAscii(a.vaccine.code, b.vaccine.code)).map(withDates);
}

export interface DoseProblem {
  code: 'UNKNOWN_VACCINE' | 'DOSE_ALREADY_GIVEN' | 'DOSE_NOT_DUE';
  field: 'vaccineCode' | 'doseNumber' | 'givenOn';
  message: string;
}

/**
 * Why a dose cannot be recorded as given on `givenOn`, or null: a dose the vaccine does not
 * have, a dose given twice, the previous dose missing, too young, too soon after the previous
 * dose, or past the dose's maximum age.
 */
export function doseProblem(
  person: Recipient,
  vaccine: ScheduledVaccine,
  doseNumber: number,
  givenOn: string,
  history: readonly GivenDose[],
): DoseProblem | null {
  const dose = vaccine.doses.find((d) => d.number === doseNumber);
  if (!dose) {
    const numbers = vaccine.doses.map((d) => d.number).join(', ');
    return { code: 'UNKNOWN_VACCINE', field: 'doseNumber', message: `${vaccine.code} has doses ${numbers}` };
  }
  if (vaccine.targetSex && vaccine.targetSex !== person.sex) {
    return {
      code: 'DOSE_NOT_DUE',
      field: 'vaccineCode',
      message: `${vaccine.code} is given to sex ${vaccine.targetSex}`,
    };
  }
  const card = cardOf(history);
  const before = card.get(vaccine.code)?.get(doseNumber);
  if (before) {
    const repeat = REPEATS[vaccine.code];
    const repeatable = repeat?.doseNumber === doseNumber && givenOn >= addDays(before, repeat.afterDays);
    if (!repeatable) {
      return { code: 'DOSE_ALREADY_GIVEN', field: 'doseNumber', message: `Dose ${doseNumber} was given on ${before}` };
    }
    return null;
  }
  const credited = creditedDates(vaccine.code, card);
  const first = Math.min(...vaccine.doses.map((d) => d.number));
  const previousOn = credited.get(doseNumber - 1);
  if (doseNumber > first && !previousOn) {
    return { code: 'DOSE_NOT_DUE', field: 'doseNumber', message: `Dose ${doseNumber - 1} has not been given` };
  }
  if (givenOn < addDays(person.birthDate, dose.minAgeDays)) {
    return { code: 'DOSE_NOT_DUE', field: 'givenOn', message: `Too young: from ${dose.minAgeDays} days of age` };
  }
  const earliestOn = earliestDate(person.birthDate, dose, previousOn);
  if (givenOn < earliestOn) {
    return {
      code: 'DOSE_NOT_DUE',
      field: 'givenOn',
      message: `Too soon after dose ${doseNumber - 1}: from ${earliestOn}`,
    };
  }
  if (dose.maxAgeDays !== null && givenOn > addDays(person.birthDate, dose.maxAgeDays)) {
    return { code: 'DOSE_NOT_DUE', field: 'givenOn', message: `Too old: up to ${dose.maxAgeDays} days of age` };
  }
  return null;
}
