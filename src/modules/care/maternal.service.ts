import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { findPersonForCareTeam, type PersonRow } from '../census/person.access';
import { addPersonToHousehold } from '../census/person.service';
import { addDays } from './calendar';
import { findPersonOfRecord } from './care.access';
import { findUserNames } from './encounter.repository';
import { vitalSignProblem } from './encounter.rules';
import {
  endPregnancyRow,
  findPregnancy,
  findPregnancyDetails,
  insertBirth,
  insertPregnancy,
  insertPrenatalControl,
  listPregnancies,
  lockPregnancy,
  type PregnancyRow,
} from './maternal.repository';
import {
  acceptsLaterBirth,
  CONTROL_LIMITS,
  expectedDeliveryDate,
  gestationalWeeksOn,
  GESTATIONAL_WEEKS_TOLERANCE,
  LONGEST_PREGNANCY_DAYS,
  newbornRelationship,
  pregnancyEligibilityProblem,
} from './maternal.rules';
import type { BirthInput, PregnancyView, PrenatalControlInput, RegisterPregnancyInput } from './maternal.schema';
import { toPregnancyViews } from './maternal.view';
import { lockPerson } from './immunization.repository';

function notFuture(date: string, field: string) {
  if (date > todayLocal()) throw fieldError('VALIDATION_FAILED', field, 'The date cannot be in the future');
}

/** Pregnancies with their controls and births, as the API shows them. */
export async function viewPregnancies(db: Db, rows: PregnancyRow[]): Promise<PregnancyView[]> {
  const { controls, births } = await findPregnancyDetails(
    db,
    rows.map((p) => p.id),
  );
  const names = await findUserNames(db, [
    ...rows.map((p) => p.registered_by),
    ...controls.map((c) => c.recorded_by),
    ...births.map((b) => b.recorded_by),
  ]);
  return toPregnancyViews(rows, controls, births, names, todayLocal());
}

async function viewPregnancy(db: Db, id: string): Promise<PregnancyView> {
  const [view] = await viewPregnancies(db, [(await findPregnancy(db, id))!]);
  return view!;
}

/** The pregnancy and its mother, for the mother's care team (404 otherwise). */
async function findPregnancyForCareTeam(db: Db, access: Access, id: string, permission: 'care.read' | 'care.write') {
  const pregnancy = await findPregnancy(db, id);
  if (!pregnancy) throw new AppError('PREGNANCY_NOT_FOUND');
  const mother = await findPersonOfRecord(db, access, pregnancy.person_id, permission, 'PREGNANCY_NOT_FOUND');
  return { pregnancy, mother };
}

/** Registers a pregnancy, with its expected date by Naegele's rule, for a woman of the caller's post. */
export async function registerPregnancy(
  db: Db,
  access: Access,
  personId: string,
  input: RegisterPregnancyInput,
): Promise<PregnancyView> {
  const person = await findPersonForCareTeam(db, access, personId, 'care.write');
  const lmp = input.lastMenstrualPeriod;
  const problem = pregnancyEligibilityProblem(
    { sex: person.sex, birthDate: person.birth_date, vitalStatus: person.vital_status },
    lmp,
  );
  if (problem) throw fieldError('NOT_ELIGIBLE_FOR_PREGNANCY', 'id', problem);
  const today = todayLocal();
  notFuture(lmp, 'lastMenstrualPeriod');
  if (lmp < addDays(today, -LONGEST_PREGNANCY_DAYS)) {
    throw fieldError('VALIDATION_FAILED', 'lastMenstrualPeriod', 'A pregnancy that began over 45 weeks ago has ended');
  }
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await lockPerson(tx, person.id);
    const earlier = await listPregnancies(tx, person.id);
    if (earlier.some((p) => p.ended_on === null)) {
      throw fieldError('PREGNANCY_ALREADY_ONGOING', 'id', 'End the ongoing pregnancy before registering another');
    }
    const lastEnd = earlier
      .map((p) => p.ended_on!)
      .sort()
      .at(-1);
    if (lastEnd && lmp <= lastEnd) {
      throw fieldError('VALIDATION_FAILED', 'lastMenstrualPeriod', `The previous pregnancy ended on ${lastEnd}`);
    }
    const now = new Date();
    await insertPregnancy(tx, access.userId, {
      id,
      person_id: person.id,
      facility_id: person.facility_id,
      state_code: person.state_code,
      last_menstrual_period: lmp,
      expected_delivery: expectedDeliveryDate(lmp),
      risk: input.risk,
      risk_factors: input.riskFactors,
      registered_on: today,
      registered_by: access.userId,
      ended_on: null,
      outcome: null,
      created_at: now,
      updated_at: now,
    });
  });
  return viewPregnancy(db, id);
}

export async function getPregnancy(db: Db, access: Access, id: string): Promise<PregnancyView> {
  await findPregnancyForCareTeam(db, access, id, 'care.read');
  return viewPregnancy(db, id);
}

function checkControl(pregnancy: PregnancyRow, input: PrenatalControlInput) {
  notFuture(input.controlOn, 'controlOn');
  if (input.controlOn < pregnancy.last_menstrual_period) {
    throw fieldError('VALIDATION_FAILED', 'controlOn', 'The control cannot be before the last menstrual period');
  }
  const byLmp = gestationalWeeksOn(pregnancy.last_menstrual_period, input.controlOn);
  if (Math.abs(byLmp - input.gestationalWeeks) > GESTATIONAL_WEEKS_TOLERANCE) {
    throw fieldError(
      'GESTATIONAL_AGE_MISMATCH',
      'gestationalWeeks',
      `By the last menstrual period (${pregnancy.last_menstrual_period}) it is week ${byLmp} on ${input.controlOn}`,
    );
  }
  const vital = vitalSignProblem(
    { systolic: input.systolic, diastolic: input.diastolic, weightKg: input.weightKg },
    '',
  );
  if (vital) throw fieldError('IMPLAUSIBLE_VITAL_SIGN', vital.field, vital.message);
  for (const key of ['fundalHeightCm', 'fetalHeartRate'] as const) {
    const value = input[key];
    const { min, max } = CONTROL_LIMITS[key];
    if (value !== null && value !== undefined && (value < min || value > max)) {
      throw fieldError('IMPLAUSIBLE_VITAL_SIGN', key, `${value} is not plausible; expected ${min}–${max}`);
    }
  }
}

/** Records a prenatal control of an ongoing pregnancy. */
export async function recordPrenatalControl(
  db: Db,
  access: Access,
  pregnancyId: string,
  input: PrenatalControlInput,
): Promise<PregnancyView> {
  const { pregnancy } = await findPregnancyForCareTeam(db, access, pregnancyId, 'care.write');
  if (pregnancy.ended_on) throw new AppError('PREGNANCY_ENDED', `This pregnancy ended on ${pregnancy.ended_on}`);
  checkControl(pregnancy, input);
  await db.transaction().execute(async (tx) => {
    const current = await lockPregnancy(tx, pregnancyId);
    if (current.ended_on) throw new AppError('PREGNANCY_ENDED', `This pregnancy ended on ${current.ended_on}`);
    await insertPrenatalControl(tx, access.userId, {
      id: newId(),
      pregnancy_id: pregnancyId,
      person_id: pregnancy.person_id,
      facility_id: pregnancy.facility_id,
      state_code: pregnancy.state_code,
      encounter_id: null,
      control_on: input.controlOn,
      gestational_weeks: input.gestationalWeeks,
      systolic: input.systolic ?? null,
      diastolic: input.diastolic ?? null,
      weight_kg: input.weightKg ?? null,
      fundal_height_cm: input.fundalHeightCm ?? null,
      fetal_heart_rate: input.fetalHeartRate ?? null,
      notes: input.notes || null,
      recorded_by: access.userId,
      recorded_at: new Date(),
    });
  });
  return viewPregnancy(db, pregnancyId);
}

/** Ends a pregnancy in an abortion or an ectopic pregnancy. */
export async function endPregnancyEarly(
  db: Db,
  access: Access,
  pregnancyId: string,
  input: { endedOn: string; outcome: 'abortion' | 'ectopic' },
): Promise<PregnancyView> {
  const { pregnancy } = await findPregnancyForCareTeam(db, access, pregnancyId, 'care.write');
  notFuture(input.endedOn, 'endedOn');
  if (input.endedOn < pregnancy.last_menstrual_period) {
    throw fieldError('VALIDATION_FAILED', 'endedOn', 'The pregnancy cannot end before the last menstrual period');
  }
  await db.transaction().execute(async (tx) => {
    const current = await lockPregnancy(tx, pregnancyId);
    if (current.ended_on) throw new AppError('PREGNANCY_ENDED', `This pregnancy ended on ${current.ended_on}`);
    await endPregnancyRow(tx, access.userId, pregnancyId, input.endedOn, input.outcome);
  });
  return viewPregnancy(db, pregnancyId);
}

function checkBirth(pregnancy: PregnancyRow, input: BirthInput) {
  notFuture(input.bornOn, 'bornOn');
  const lmp = pregnancy.last_menstrual_period;
  if (input.bornOn <= lmp || input.bornOn > addDays(lmp, LONGEST_PREGNANCY_DAYS)) {
    throw fieldError('VALIDATION_FAILED', 'bornOn', `The birth must fall within 45 weeks after ${lmp}`);
  }
}

/**
 * Records a birth: ends the pregnancy and, for a live birth, registers the child in the mother's
 * household, linked to the mother through the birth record. A twin can follow within a day.
 */
export async function recordBirth(
  db: Db,
  access: Access,
  pregnancyId: string,
  input: BirthInput,
): Promise<{ birth: PregnancyView['births'][number]; pregnancy: PregnancyView }> {
  const { pregnancy, mother } = await findPregnancyForCareTeam(db, access, pregnancyId, 'care.write');
  const birthId = await db.transaction().execute((tx) => writeBirth(tx, access, pregnancy, mother, input));
  const view = await viewPregnancy(db, pregnancyId);
  return { birth: view.births.find((b) => b.id === birthId)!, pregnancy: view };
}

/**
 * Writes a birth inside the caller's transaction, once the caller has decided who may: ends the
 * pregnancy and registers a live-born child in the mother's household. Used by the mother's post
 * and by the CDI where she delivered, so that both records tell the same birth.
 */
export async function writeBirth(
  tx: Db,
  access: Access,
  pregnancy: PregnancyRow,
  mother: PersonRow,
  input: BirthInput,
): Promise<string> {
  checkBirth(pregnancy, input);
  const birthId = newId();
  const current = await lockPregnancy(tx, pregnancy.id);
  if (!acceptsLaterBirth({ endedOn: current.ended_on, outcome: current.outcome }, input.bornOn)) {
    throw new AppError('PREGNANCY_ENDED', `This pregnancy ended on ${current.ended_on}`);
  }
  const live = input.outcome === 'live';
  if (!current.ended_on || (live && current.outcome === 'stillbirth')) {
    await endPregnancyRow(
      tx,
      access.userId,
      pregnancy.id,
      current.ended_on ?? input.bornOn,
      live ? 'live_birth' : 'stillbirth',
    );
  }
  const childId = live ? await registerNewborn(tx, access, mother, input) : null;
  await insertBirth(tx, access.userId, {
    id: birthId,
    pregnancy_id: pregnancy.id,
    mother_id: mother.id,
    child_id: childId,
    facility_id: pregnancy.facility_id,
    state_code: pregnancy.state_code,
    born_on: input.bornOn,
    outcome: input.outcome,
    weight_g: input.weightG ?? null,
    sex: input.sex ?? null,
    place: input.place,
    recorded_by: access.userId,
    recorded_at: new Date(),
  });
  return birthId;
}

function registerNewborn(tx: Db, access: Access, mother: PersonRow, input: BirthInput): Promise<string> {
  return addPersonToHousehold(
    tx,
    access.userId,
    { id: mother.household_id, facility_id: mother.facility_id, state_code: mother.state_code },
    {
      firstNames: input.child!.firstNames,
      lastNames: input.child!.lastNames,
      sex: input.sex!,
      birthDate: input.bornOn,
      relationship: newbornRelationship(mother.relationship as Parameters<typeof newbornRelationship>[0]),
      familyId: mother.family_id,
    },
    { field: 'child.' },
  );
}
