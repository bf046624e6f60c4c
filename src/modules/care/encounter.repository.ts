import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { EncounterDiagnosisTable, EncounterTable, PrescriptionTable } from '../../db/schema';
import { writeLedgered } from '../integrity/ledger.repository';

export type EncounterRow = Selectable<EncounterTable>;
export type DiagnosisRow = Selectable<EncounterDiagnosisTable> & { title: string };
export type PrescriptionRow = Selectable<PrescriptionTable>;

/**
 * Writes one encounter and its ledger entry. An id already present (a device sending the same
 * record twice) writes nothing and returns undefined.
 */
export async function insertEncounter(
  tx: Db,
  actor: string,
  row: Insertable<EncounterTable>,
): Promise<EncounterRow | undefined> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'encounters',
    tx
      .insertInto('encounters')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll(),
  );
  return written;
}

/** Writes the diagnoses of an encounter in one statement, each with its ledger entry. */
export async function insertDiagnoses(tx: Db, actor: string, rows: Insertable<EncounterDiagnosisTable>[]) {
  if (rows.length === 0) return [];
  return writeLedgered(
    tx,
    actor,
    'create',
    'encounter_diagnoses',
    tx.insertInto('encounter_diagnoses').values(rows).returningAll(),
  );
}

/** Writes the prescriptions of an encounter in one statement, each with its ledger entry. */
export async function insertPrescriptions(tx: Db, actor: string, rows: Insertable<PrescriptionTable>[]) {
  if (rows.length === 0) return [];
  return writeLedgered(
    tx,
    actor,
    'create',
    'prescriptions',
    tx.insertInto('prescriptions').values(rows).returningAll(),
  );
}

export async function findEncounter(db: Db, id: string): Promise<EncounterRow | undefined> {
  return db.selectFrom('encounters').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The amendment that points at an encounter, if any (there is at most one). */
export async function findAmendmentOf(db: Db, id: string): Promise<EncounterRow | undefined> {
  return db.selectFrom('encounters').selectAll().where('amends_id', '=', id).executeTakeFirst();
}

/** Every encounter row of a person, amendments included, oldest first. */
export async function listEncounterRows(db: Db, personId: string): Promise<EncounterRow[]> {
  return db
    .selectFrom('encounters')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** The diagnoses (with their CIE-10 titles) and prescriptions of these encounters. */
export async function findEncounterDetails(
  db: Db,
  encounterIds: string[],
): Promise<{ diagnoses: DiagnosisRow[]; prescriptions: PrescriptionRow[] }> {
  if (encounterIds.length === 0) return { diagnoses: [], prescriptions: [] };
  const [diagnoses, prescriptions] = await Promise.all([
    db
      .selectFrom('encounter_diagnoses as d')
      .innerJoin('icd10 as c', 'c.code', 'd.icd10_code')
      .selectAll('d')
      .select('c.title_es as title')
      .where('d.encounter_id', 'in', encounterIds)
      .orderBy('d.is_primary', 'desc')
      .orderBy('d.id')
      .execute(),
    db.selectFrom('prescriptions').selectAll().where('encounter_id', 'in', encounterIds).orderBy('id').execute(),
  ]);
  return { diagnoses, prescriptions };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Display names of the users who recorded something, by user id. */
export async function findUserNames(db: Db, userIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)].filter((id) => UUID.test(id));
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
