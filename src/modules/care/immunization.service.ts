import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { findPersonForCareTeam, type PersonRow } from '../census/person.access';
import { findPersonOfRecord, requireAlive } from './care.access';
import { findUserNames } from './encounter.repository';
import {
  findImmunization,
  insertImmunization,
  listImmunizationRows,
  loadSchedule,
  lockPerson,
  standingDoses,
  type ImmunizationRow,
} from './immunization.repository';
import { doseProblem, pendingDoses, type GivenDose, type ScheduledVaccine } from './immunization.rules';
import type { GivenDoseView, ImmunizationCard, RecordDoseInput } from './immunization.schema';

/** The doses given, as the due computation reads them. */
export function givenDoses(rows: readonly ImmunizationRow[]): GivenDose[] {
  return standingDoses(rows).map((r) => ({
    vaccineCode: r.vaccine_code,
    doseNumber: r.dose_number,
    givenOn: r.given_on,
  }));
}

/** Immunization rows as the API shows them: doses, each with the row that voided it, if any. */
function toDoseViews(
  rows: readonly ImmunizationRow[],
  schedule: readonly ScheduledVaccine[],
  names: ReadonlyMap<string, string>,
): GivenDoseView[] {
  const voiding = new Map(rows.filter((r) => r.amends_id).map((r) => [r.amends_id!, r]));
  const vaccines = new Map(schedule.map((v) => [v.code, v]));
  const who = (id: string) => ({ id, name: names.get(id) ?? id });
  return rows
    .filter((r) => !r.amends_id)
    .map((r) => {
      const vaccine = vaccines.get(r.vaccine_code);
      const voided = voiding.get(r.id);
      return {
        id: r.id,
        vaccineCode: r.vaccine_code,
        vaccineName: vaccine?.nameEs ?? r.vaccine_code,
        doseNumber: r.dose_number,
        doseLabel: vaccine?.doses.find((d) => d.number === r.dose_number)?.label_es ?? `Dosis ${r.dose_number}`,
        givenOn: r.given_on,
        lot: r.lot,
        givenBy: who(r.given_by),
        recordedAt: new Date(r.recorded_at).toISOString(),
        status: voided ? ('entered_in_error' as const) : ('current' as const),
        enteredInError: voided
          ? {
              id: voided.id,
              reason: voided.amendment_reason,
              recordedBy: who(voided.given_by),
              recordedAt: new Date(voided.recorded_at).toISOString(),
            }
          : null,
      };
    });
}

/** Every dose recorded for a person, those entered in error marked so, in the order given. */
export async function listDoseViews(db: Db, personId: string): Promise<GivenDoseView[]> {
  const [schedule, rows] = await Promise.all([loadSchedule(db), listImmunizationRows(db, personId)]);
  const names = await findUserNames(
    db,
    rows.map((r) => r.given_by),
  );
  return toDoseViews(rows, schedule, names);
}

/** A person's doses given and due, as of today (Caracas). */
export async function immunizationCard(db: Db, access: Access, personId: string): Promise<ImmunizationCard> {
  const person = await findPersonForCareTeam(db, access, personId, 'care.read');
  const [schedule, rows] = await Promise.all([loadSchedule(db), listImmunizationRows(db, personId)]);
  const names = await findUserNames(
    db,
    rows.map((r) => r.given_by),
  );
  const today = todayLocal();
  const doses = toDoseViews(rows, schedule, names);
  const pending =
    person.vital_status === 'alive' ? pendingDoses(recipientOf(person), schedule, givenDoses(rows), today) : [];
  return {
    personId,
    today,
    given: doses.filter((d) => d.status === 'current'),
    enteredInError: doses.filter((d) => d.status === 'entered_in_error'),
    due: pending.filter((d) => d.status === 'due'),
    overdue: pending.filter((d) => d.status === 'overdue'),
    upcoming: pending.filter((d) => d.status === 'upcoming'),
  };
}

function recipientOf(person: PersonRow) {
  return { birthDate: person.birth_date, sex: person.sex };
}

async function viewDose(db: Db, id: string): Promise<GivenDoseView> {
  const row = await findImmunization(db, id);
  const [schedule, rows] = await Promise.all([loadSchedule(db), listImmunizationRows(db, row!.person_id)]);
  const related = rows.filter((r) => r.id === id || r.amends_id === id);
  const names = await findUserNames(
    db,
    related.map((r) => r.given_by),
  );
  return toDoseViews(related, schedule, names)[0]!;
}

/**
 * Records a dose given to a living person of the caller's post, after checking it against the
 * schedule and the person's history. Sending the same id again returns the dose already recorded.
 */
export async function recordDose(
  db: Db,
  access: Access,
  personId: string,
  input: RecordDoseInput,
): Promise<{ dose: GivenDoseView; created: boolean }> {
  const person = await findPersonForCareTeam(db, access, personId, 'care.write');
  requireAlive(person);
  if (input.givenOn > todayLocal())
    throw fieldError('VALIDATION_FAILED', 'givenOn', 'The date cannot be in the future');
  if (input.givenOn < person.birth_date) {
    throw fieldError('VALIDATION_FAILED', 'givenOn', `The date cannot be before birth (${person.birth_date})`);
  }
  const vaccine = (await loadSchedule(db)).find((v) => v.code === input.vaccineCode);
  if (!vaccine) {
    throw fieldError('UNKNOWN_VACCINE', 'vaccineCode', `There is no vaccine ${input.vaccineCode} in the schedule`);
  }
  const id = input.id ?? newId();
  const created = await db.transaction().execute(async (tx) => {
    await lockPerson(tx, person.id);
    const rows = await listImmunizationRows(tx, person.id);
    const existing = rows.find((r) => r.id === id);
    if (existing) return false;
    const problem = doseProblem(recipientOf(person), vaccine, input.doseNumber, input.givenOn, givenDoses(rows));
    if (problem) throw fieldError(problem.code, problem.field, problem.message);
    const written = await insertImmunization(tx, access.userId, {
      id,
      person_id: person.id,
      facility_id: person.facility_id,
      state_code: person.state_code,
      vaccine_code: vaccine.code,
      dose_number: input.doseNumber,
      given_on: input.givenOn,
      lot: input.lot,
      given_by: access.userId,
      recorded_at: new Date(),
      amends_id: null,
      amendment: null,
    });
    if (!written) throw new AppError('CONFLICT', 'This id belongs to another record');
    return true;
  });
  return { dose: await viewDose(db, id), created };
}

/** Marks a dose entered in error, with the reason; the dose stays on record, voided. */
export async function voidDose(db: Db, access: Access, id: string, reason: string): Promise<GivenDoseView> {
  const dose = await findImmunization(db, id);
  if (!dose || dose.amends_id) throw new AppError('IMMUNIZATION_NOT_FOUND');
  const person = await findPersonOfRecord(db, access, dose.person_id, 'care.write', 'IMMUNIZATION_NOT_FOUND');
  await db.transaction().execute(async (tx) => {
    await lockPerson(tx, person.id);
    const rows = await listImmunizationRows(tx, person.id);
    if (rows.some((r) => r.amends_id === id)) {
      throw new AppError('ALREADY_AMENDED', 'This dose was already marked entered in error', [
        { field: 'id', message: 'Already marked entered in error', code: 'ALREADY_AMENDED' },
      ]);
    }
    await insertImmunization(tx, access.userId, {
      id: newId(),
      person_id: dose.person_id,
      facility_id: dose.facility_id,
      state_code: dose.state_code,
      vaccine_code: dose.vaccine_code,
      dose_number: dose.dose_number,
      given_on: dose.given_on,
      lot: dose.lot,
      given_by: access.userId,
      recorded_at: new Date(),
      amends_id: id,
      amendment: 'entered_in_error',
      amendment_reason: reason,
    });
  });
  return viewDose(db, id);
}
