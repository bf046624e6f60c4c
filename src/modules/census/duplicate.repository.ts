import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { DuplicateCandidateTable } from '../../db/schema';
import { writeLedgered } from '../integrity/ledger.repository';
import type { PersonRow } from './person.access';

export type DuplicateRow = Selectable<DuplicateCandidateTable>;

function flagsWithPersons(db: Db) {
  return db
    .selectFrom('duplicate_candidates as d')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .innerJoin('households as ph', 'ph.id', 'p.household_id')
    .innerJoin('persons as c', 'c.id', 'd.candidate_id')
    .innerJoin('households as ch', 'ch.id', 'c.household_id')
    .leftJoin('users as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('d.resolved_by')));
}

/** Flags of a post with both persons of each pair, newest first, and their total. */
export async function listDuplicateFlags(
  db: Db,
  filter: { facilityId?: string; flagId?: string; status?: string; page: number; pageSize: number },
) {
  let base = flagsWithPersons(db);
  if (filter.facilityId) base = base.where('d.facility_id', '=', filter.facilityId);
  if (filter.flagId) base = base.where('d.id', '=', filter.flagId);
  if (filter.status) base = base.where('d.status', '=', filter.status as DuplicateRow['status']);
  const [rows, count] = await Promise.all([
    base
      .selectAll('d')
      .select([
        'u.display_name as resolved_by_name',
        'p.first_names as p_first_names',
        'p.last_names as p_last_names',
        'p.sex as p_sex',
        'p.birth_date as p_birth_date',
        'p.national_id as p_national_id',
        'p.household_id as p_household_id',
        'p.merged_into as p_merged_into',
        'p.facility_id as p_facility_id',
        'ph.address as p_address',
        'c.first_names as c_first_names',
        'c.last_names as c_last_names',
        'c.sex as c_sex',
        'c.birth_date as c_birth_date',
        'c.national_id as c_national_id',
        'c.household_id as c_household_id',
        'c.merged_into as c_merged_into',
        'c.facility_id as c_facility_id',
        'ch.address as c_address',
      ])
      .orderBy('d.detected_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type DuplicateListRow = Awaited<ReturnType<typeof listDuplicateFlags>>['rows'][number];

export async function findFlag(db: Db, id: string): Promise<DuplicateRow | undefined> {
  return db.selectFrom('duplicate_candidates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockFlag(tx: Db, id: string): Promise<DuplicateRow> {
  return tx.selectFrom('duplicate_candidates').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function lockPersons(tx: Db, ids: string[]): Promise<PersonRow[]> {
  return tx.selectFrom('persons').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/** Closes the flag as merged or dismissed, on the ledger. */
export async function resolveFlag(tx: Db, actor: string, id: string, status: 'merged' | 'dismissed') {
  await writeLedgered(
    tx,
    actor,
    'update',
    'duplicate_candidates',
    tx
      .updateTable('duplicate_candidates')
      .set({ status, resolved_by: actor, resolved_at: new Date() })
      .where('id', '=', id)
      .returningAll(),
  );
}

/**
 * Merges one record into another: the merged record points at the kept one and so leaves its
 * household; the kept one takes the national id when it had none. Other open flags naming the
 * merged record are dismissed, since that record no longer stands on its own. All on the ledger.
 */
export async function mergeRecords(tx: Db, actor: string, kept: PersonRow, merged: PersonRow, flagId: string) {
  const now = new Date();
  await writeLedgered(
    tx,
    actor,
    'update',
    'persons',
    tx.updateTable('persons').set({ merged_into: kept.id, updated_at: now }).where('id', '=', merged.id).returningAll(),
  );
  if (kept.national_id === null && merged.national_id !== null) {
    await writeLedgered(
      tx,
      actor,
      'update',
      'persons',
      tx
        .updateTable('persons')
        .set({ national_id: merged.national_id, updated_at: now })
        .where('id', '=', kept.id)
        .returningAll(),
    );
  }
  await writeLedgered(
    tx,
    actor,
    'update',
    'duplicate_candidates',
    tx
      .updateTable('duplicate_candidates')
      .set({ status: 'dismissed', resolved_by: actor, resolved_at: now })
      .where('status', '=', 'open')
      .where('id', '<>', flagId)
      .where((eb) => eb.or([eb('person_id', '=', merged.id), eb('candidate_id', '=', merged.id)]))
      .returningAll(),
  );
}
