import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { BirthTable, DeathTable, PregnancyTable, PrenatalControlTable } from '../../db/schema';
import { writeLedgered } from '../integrity/ledger.repository';

export type PregnancyRow = Selectable<PregnancyTable>;
export type PrenatalControlRow = Selectable<PrenatalControlTable>;
export type BirthRow = Selectable<BirthTable>;
export type DeathRow = Selectable<DeathTable>;

export async function insertPregnancy(tx: Db, actor: string, row: Insertable<PregnancyTable>): Promise<PregnancyRow> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'pregnancies',
    tx.insertInto('pregnancies').values(row).returningAll(),
  );
  return written!;
}

export async function insertPrenatalControl(tx: Db, actor: string, row: Insertable<PrenatalControlTable>) {
  await writeLedgered(
    tx,
    actor,
    'create',
    'prenatal_controls',
    tx.insertInto('prenatal_controls').values(row).returningAll(),
  );
}

export async function insertBirth(tx: Db, actor: string, row: Insertable<BirthTable>) {
  await writeLedgered(tx, actor, 'create', 'births', tx.insertInto('births').values(row).returningAll());
}

export async function insertDeath(tx: Db, actor: string, row: Insertable<DeathTable>): Promise<DeathRow> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'deaths',
    tx.insertInto('deaths').values(row).returningAll(),
  );
  return written!;
}

/** Ends a pregnancy (a ledgered update of its row). */
export async function endPregnancyRow(
  tx: Db,
  actor: string,
  id: string,
  endedOn: string,
  outcome: NonNullable<PregnancyRow['outcome']>,
) {
  await writeLedgered(
    tx,
    actor,
    'update',
    'pregnancies',
    tx
      .updateTable('pregnancies')
      .set({ ended_on: endedOn, outcome, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll(),
  );
}

/** Records that a person died (a ledgered update); false when someone recorded it first. */
export async function markPersonDead(tx: Db, actor: string, personId: string, diedOn: string): Promise<boolean> {
  const rows = await writeLedgered(
    tx,
    actor,
    'update',
    'persons',
    tx
      .updateTable('persons')
      .set({ vital_status: 'dead', died_on: diedOn, updated_at: new Date() })
      .where('id', '=', personId)
      .where('vital_status', '=', 'alive')
      .returningAll(),
  );
  return rows.length === 1;
}

export async function findPregnancy(db: Db, id: string): Promise<PregnancyRow | undefined> {
  return db.selectFrom('pregnancies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks a pregnancy's row until the transaction ends and returns it as it now stands. */
export async function lockPregnancy(tx: Db, id: string): Promise<PregnancyRow> {
  return tx.selectFrom('pregnancies').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/** A person's pregnancies, oldest first. */
export async function listPregnancies(db: Db, personId: string): Promise<PregnancyRow[]> {
  return db
    .selectFrom('pregnancies')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('last_menstrual_period')
    .orderBy('id')
    .execute();
}

/** The controls and births of these pregnancies. */
export async function findPregnancyDetails(db: Db, pregnancyIds: string[]) {
  if (pregnancyIds.length === 0) return { controls: [], births: [] };
  const [controls, births] = await Promise.all([
    db
      .selectFrom('prenatal_controls')
      .selectAll()
      .where('pregnancy_id', 'in', pregnancyIds)
      .orderBy('control_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('births')
      .selectAll()
      .where('pregnancy_id', 'in', pregnancyIds)
      .orderBy('born_on')
      .orderBy('id')
      .execute(),
  ]);
  return { controls, births };
}

/** The birth record of a person born under care (as the child), if any. */
export async function findBirthOfChild(db: Db, childId: string): Promise<BirthRow | undefined> {
  return db.selectFrom('births').selectAll().where('child_id', '=', childId).executeTakeFirst();
}

export async function findDeath(db: Db, personId: string): Promise<DeathRow | undefined> {
  return db.selectFrom('deaths').selectAll().where('person_id', '=', personId).executeTakeFirst();
}
