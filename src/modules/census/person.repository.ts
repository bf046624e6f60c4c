import { sql, type Expression, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { PersonTable } from '../../db/schema';
import { writeLedgered } from '../integrity/ledger.repository';
import type { PersonRow } from './person.access';
import { NEAR_SPELLING_SIMILARITY } from './person.rules';

/** Writes persons in one multi-row statement, each with its ledger entry. */
export async function insertPersons(tx: Db, actor: string, rows: Insertable<PersonTable>[]): Promise<PersonRow[]> {
  if (rows.length === 0) return [];
  return writeLedgered(tx, actor, 'create', 'persons', tx.insertInto('persons').values(rows).returningAll());
}

/** Which of these national ids another (unmerged) person already holds. */
export async function findTakenNationalIds(db: Db, nationalIds: string[]): Promise<Set<string>> {
  if (nationalIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('persons')
    .select('national_id')
    .where('national_id', 'in', nationalIds)
    .where('merged_into', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.national_id!));
}

/** The families of a household, oldest first. */
export async function listFamilyIds(db: Db, householdId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('families')
    .select('id')
    .where('household_id', '=', householdId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export type DuplicateReason = 'same_name_and_birth_date' | 'similar_name_and_birth_date';

/**
 * The possible-duplicate rule between an earlier person's normalized name and another one (born
 * the same day, which each query asks apart): the same name, or a near spelling of it.
 */
function sameOrNearName(earlier: Expression<string>, name: Expression<string>) {
  return sql<boolean>`(${earlier} = ${name} OR similarity(${earlier}, ${name}) >= ${NEAR_SPELLING_SIMILARITY})`;
}

/** Why the rule flagged the pair. */
function duplicateReason(earlier: Expression<string>, name: Expression<string>) {
  return sql<DuplicateReason>`CASE WHEN ${earlier} = ${name}
    THEN 'same_name_and_birth_date' ELSE 'similar_name_and_birth_date' END`;
}

/**
 * Pairs of a newly written person and an earlier one at the same post who share the birth date
 * and the normalized name, or a near spelling of it — in one query over the (post, birth date)
 * index. Among the new persons themselves each pair is found once.
 */
export async function findPossibleDuplicates(
  db: Db,
  facilityId: string,
  newPersonIds: string[],
): Promise<{ person_id: string; candidate_id: string; reason: DuplicateReason }[]> {
  if (newPersonIds.length === 0) return [];
  return db
    .selectFrom('persons as n')
    .innerJoin('persons as p', (join) =>
      join
        .onRef('p.facility_id', '=', 'n.facility_id')
        .onRef('p.birth_date', '=', 'n.birth_date')
        .onRef('p.id', '<>', 'n.id'),
    )
    .select([
      'n.id as person_id',
      'p.id as candidate_id',
      duplicateReason(sql.ref('p.search_name'), sql.ref('n.search_name')).as('reason'),
    ])
    .where('n.id', 'in', newPersonIds)
    .where('p.facility_id', '=', facilityId)
    .where('p.merged_into', 'is', null)
    .where(sameOrNearName(sql.ref('p.search_name'), sql.ref('n.search_name')))
    .where((eb) => eb.not(eb.and([eb('p.id', 'in', newPersonIds), eb('p.id', '>', eb.ref('n.id'))])))
    .orderBy('n.id')
    .orderBy('p.id')
    .execute();
}

/**
 * Earlier persons held by any of these facilities who may be the person about to be registered:
 * the same birth date and the same normalized name, or a near spelling of it — the rule of
 * `findPossibleDuplicates`, asked before the person is written so that the flags can be written
 * with the person.
 */
export async function findPossibleDuplicatesOf(
  db: Db,
  facilityIds: readonly string[],
  person: { searchName: string; birthDate: string },
): Promise<{ candidate_id: string; reason: DuplicateReason }[]> {
  if (facilityIds.length === 0) return [];
  return db
    .selectFrom('persons as p')
    .select([
      'p.id as candidate_id',
      duplicateReason(sql.ref('p.search_name'), sql.val(person.searchName)).as('reason'),
    ])
    .where('p.facility_id', 'in', facilityIds)
    .where('p.birth_date', '=', person.birthDate)
    .where('p.merged_into', 'is', null)
    .where(sameOrNearName(sql.ref('p.search_name'), sql.val(person.searchName)))
    .orderBy('p.id')
    .execute();
}

/** The (unmerged) person who holds a national id, with the facility that holds their record. */
export async function findNationalIdHolder(db: Db, nationalId: string) {
  return db
    .selectFrom('persons as p')
    .innerJoin('facilities as f', 'f.id', 'p.facility_id')
    .select(['p.id', 'p.facility_id', 'p.first_names', 'p.last_names', 'p.sex', 'p.birth_date', 'p.national_id'])
    .select(['p.vital_status', 'f.name as facility_name'])
    .where('p.national_id', '=', nationalId)
    .where('p.merged_into', 'is', null)
    .executeTakeFirst();
}

/** Flags each pair as an open possible duplicate for the registrar, on the ledger. */
export async function insertDuplicateFlags(
  tx: Db,
  actor: string,
  place: { facility_id: string; state_code: string },
  pairs: { person_id: string; candidate_id: string; reason: DuplicateReason }[],
): Promise<void> {
  if (pairs.length === 0) return;
  const now = new Date();
  await writeLedgered(
    tx,
    actor,
    'create',
    'duplicate_candidates',
    tx
      .insertInto('duplicate_candidates')
      .values(
        pairs.map((pair) => ({
          id: newId(),
          person_id: pair.person_id,
          candidate_id: pair.candidate_id,
          facility_id: place.facility_id,
          state_code: place.state_code,
          reason: pair.reason,
          status: 'open' as const,
          detected_at: now,
        })),
      )
      .returningAll(),
  );
}

/** Records that a person moved and points the person at the new household, both on the ledger. */
export async function writeMove(
  tx: Db,
  actor: string,
  person: PersonRow,
  to: { household_id: string; family_id: string; facility_id: string; state_code: string; relationship: string },
  movedOn: string,
): Promise<PersonRow> {
  const now = new Date();
  await writeLedgered(
    tx,
    actor,
    'create',
    'person_moves',
    tx
      .insertInto('person_moves')
      .values({
        id: newId(),
        person_id: person.id,
        facility_id: to.facility_id,
        state_code: to.state_code,
        from_household_id: person.household_id,
        to_household_id: to.household_id,
        moved_on: movedOn,
        recorded_by: actor,
        recorded_at: now,
      })
      .returningAll(),
  );
  const [moved] = await writeLedgered(
    tx,
    actor,
    'update',
    'persons',
    tx
      .updateTable('persons')
      .set({ ...to, updated_at: now })
      .where('id', '=', person.id)
      .returningAll(),
  );
  return moved!;
}

/** Whether an open possible-duplicate flag names the person. */
export async function hasOpenDuplicateFlag(db: Db, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('duplicate_candidates')
    .select('id')
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('candidate_id', '=', personId)]))
    .executeTakeFirst();
  return row !== undefined;
}
