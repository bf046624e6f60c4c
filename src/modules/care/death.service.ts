import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { findPersonForCareTeam } from '../census/person.access';
import { requireAlive } from './care.access';
import { isInfantDeath, isMaternalDeath } from './death.rules';
import { findIcd10Codes } from './icd10.repository';
import { lockPerson } from './immunization.repository';
import { endPregnancyRow, insertDeath, listPregnancies, markPersonDead, type DeathRow } from './maternal.repository';
import type { DeathInput, DeathView } from './maternal.schema';

/** A death as the API shows it. */
export function toDeathView(row: DeathRow, causeTitle: string, names: ReadonlyMap<string, string>): DeathView {
  return {
    id: row.id,
    personId: row.person_id,
    diedOn: row.died_on,
    place: row.place,
    cause: { code: row.cause_icd10, title: causeTitle },
    infant: row.infant,
    maternal: row.maternal,
    recordedBy: { id: row.recorded_by, name: names.get(row.recorded_by) ?? row.recorded_by },
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

/**
 * Records the death of a person of the caller's post: the death with its cause, the person's vital
 * status (a ledgered update), and the end of an ongoing pregnancy. Whether it is an infant or a
 * maternal death is decided by rule, from the record, not typed in.
 */
export async function recordDeath(db: Db, access: Access, personId: string, input: DeathInput): Promise<DeathView> {
  const person = await findPersonForCareTeam(db, access, personId, 'care.write');
  requireAlive(person);
  if (input.diedOn > todayLocal()) throw fieldError('VALIDATION_FAILED', 'diedOn', 'The date cannot be in the future');
  if (input.diedOn < person.birth_date) {
    throw fieldError('VALIDATION_FAILED', 'diedOn', `The date cannot be before birth (${person.birth_date})`);
  }
  const [cause] = await findIcd10Codes(db, [input.causeIcd10]);
  if (!cause)
    throw fieldError('UNKNOWN_DIAGNOSIS', 'causeIcd10', `There is no CIE-10 code ${input.causeIcd10} in the list`);
  if (cause.sex && cause.sex !== person.sex) {
    throw fieldError(
      'DIAGNOSIS_NOT_FOR_SEX',
      'causeIcd10',
      `${cause.code} does not apply to a person of sex ${person.sex}`,
    );
  }
  const death = await db.transaction().execute(async (tx) => {
    await lockPerson(tx, person.id);
    const pregnancies = await listPregnancies(tx, person.id);
    const ongoing = pregnancies.find((p) => p.ended_on === null);
    if (ongoing && input.diedOn < ongoing.last_menstrual_period) {
      throw fieldError(
        'VALIDATION_FAILED',
        'diedOn',
        `The ongoing pregnancy began on ${ongoing.last_menstrual_period}`,
      );
    }
    if (!(await markPersonDead(tx, access.userId, person.id, input.diedOn))) {
      throw new AppError('PERSON_DECEASED', 'The death was recorded at the same time by someone else');
    }
    // The pregnancy ends with its mother, whatever the cause; whether the death counts as maternal is the death's flag.
    if (ongoing) await endPregnancyRow(tx, access.userId, ongoing.id, input.diedOn, 'maternal_death');
    return insertDeath(tx, access.userId, {
      id: newId(),
      person_id: person.id,
      facility_id: person.facility_id,
      state_code: person.state_code,
      died_on: input.diedOn,
      place: input.place,
      cause_icd10: cause.code,
      infant: isInfantDeath(person.birth_date, input.diedOn),
      maternal: isMaternalDeath({
        sex: person.sex,
        diedOn: input.diedOn,
        cause: { code: cause.code, maternal: cause.maternal },
        pregnancies: pregnancies.map((p) => ({ lastMenstrualPeriod: p.last_menstrual_period, endedOn: p.ended_on })),
      }),
      recorded_by: access.userId,
      recorded_at: new Date(),
    });
  });
  return toDeathView(death, cause.title_es, new Map([[access.userId, access.actor.displayName]]));
}
