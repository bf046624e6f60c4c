import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { ImmunizationTable } from '../../db/schema';
import { writeLedgered } from '../integrity/ledger.repository';
import type { ScheduledVaccine } from './immunization.rules';

export type ImmunizationRow = Selectable<ImmunizationTable>;

const schedules = new WeakMap<Db, Promise<ScheduledVaccine[]>>();

/**
 * The national schedule as loaded from `data/` into the vaccines table. It is reference data that
 * no request changes, so it is read once per database.
 */
export function loadSchedule(db: Db): Promise<ScheduledVaccine[]> {
  let schedule = schedules.get(db);
  if (!schedule) {
    schedule = db
      .selectFrom('vaccines')
      .select(['code', 'name_es', 'target_sex', 'doses'])
      .orderBy('code')
      .execute()
      .then((rows) => rows.map((r) => ({ code: r.code, nameEs: r.name_es, targetSex: r.target_sex, doses: r.doses })));
    schedule.catch(() => schedules.delete(db));
    schedules.set(db, schedule);
  }
  return schedule;
}

/** Writes a dose (or an amendment of one) with its ledger entry; nothing when the id exists. */
export async function insertImmunization(
  tx: Db,
  actor: string,
  row: Insertable<ImmunizationTable>,
): Promise<ImmunizationRow | undefined> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'immunizations',
    tx
      .insertInto('immunizations')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll(),
  );
  return written;
}

export async function findImmunization(db: Db, id: string): Promise<ImmunizationRow | undefined> {
  return db.selectFrom('immunizations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every immunization row of a person, amendments included, in the order given. */
export async function listImmunizationRows(db: Db, personId: string): Promise<ImmunizationRow[]> {
  return db
    .selectFrom('immunizations')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('given_on')
    .orderBy('id')
    .execute();
}

/** Locks the person's row until the transaction ends, so that two doses are checked one after the other. */
export async function lockPerson(tx: Db, personId: string): Promise<void> {
  await tx.selectFrom('persons').select('id').where('id', '=', personId).forUpdate().execute();
}

/**
 * The doses that stand among a person's immunization rows: neither an "entered in error" row nor a
 * dose voided by one. The worklist applies the same rule in SQL to a whole post's children.
 */
export function standingDoses(rows: readonly ImmunizationRow[]): ImmunizationRow[] {
  const voided = new Set(rows.filter((r) => r.amends_id).map((r) => r.amends_id!));
  return rows.filter((r) => !r.amends_id && !voided.has(r.id));
}
