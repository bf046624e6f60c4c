import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { DuplicateCandidateTable, FamilyTable, HouseholdTable, PersonTable } from '../../db/schema';
import { writeLedgered, writeLedgeredTogether, type LedgeredPart } from '../integrity/ledger.repository';
import type { PersonRow } from './person.access';

export type HouseholdRow = Selectable<HouseholdTable>;
export type FamilyRow = Selectable<FamilyTable>;

export async function findSector(db: Db, sectorId: string) {
  return db.selectFrom('sectors').select(['id', 'name', 'parish_code']).where('id', '=', sectorId).executeTakeFirst();
}

export async function listSectors(db: Db, parishCode: string) {
  return db
    .selectFrom('sectors')
    .select(['id', 'name'])
    .where('parish_code', '=', parishCode)
    .orderBy('search_name')
    .execute();
}

export async function insertHousehold(tx: Db, actor: string, row: Insertable<HouseholdTable>): Promise<HouseholdRow> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'households',
    tx.insertInto('households').values(row).returningAll(),
  );
  return written!;
}

/**
 * Writes a household of one person — the household, its family, the person and the person's
 * possible-duplicate flags — and their ledger entries in one statement: all of it or, when any
 * row is refused (a national id taken meanwhile), nothing.
 */
export async function writeHouseholdOfOne(
  db: Db,
  actor: string,
  rows: {
    household: Insertable<HouseholdTable>;
    family: Insertable<FamilyTable>;
    person: Insertable<PersonTable>;
    flags: Insertable<DuplicateCandidateTable>[];
  },
): Promise<void> {
  const parts: LedgeredPart[] = [
    {
      entity: 'households',
      action: 'create',
      query: db.insertInto('households').values(rows.household).returningAll(),
    },
    { entity: 'families', action: 'create', query: db.insertInto('families').values(rows.family).returningAll() },
    { entity: 'persons', action: 'create', query: db.insertInto('persons').values(rows.person).returningAll() },
  ];
  if (rows.flags.length > 0) {
    parts.push({
      entity: 'duplicate_candidates',
      action: 'create',
      query: db.insertInto('duplicate_candidates').values(rows.flags).returningAll(),
    });
  }
  await writeLedgeredTogether(db, actor, parts);
}

export async function insertFamilies(tx: Db, actor: string, rows: Insertable<FamilyTable>[]): Promise<FamilyRow[]> {
  return writeLedgered(tx, actor, 'create', 'families', tx.insertInto('families').values(rows).returningAll());
}

export async function updateHousehold(
  tx: Db,
  actor: string,
  id: string,
  changes: Updateable<HouseholdTable>,
): Promise<HouseholdRow> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'update',
    'households',
    tx.updateTable('households').set(changes).where('id', '=', id).returningAll(),
  );
  return written!;
}

/** The household with the names of its post, sector and registrar. */
export async function findHouseholdNames(db: Db, householdId: string) {
  return db
    .selectFrom('households as h')
    .innerJoin('facilities as f', 'f.id', 'h.facility_id')
    .leftJoin('sectors as s', 's.id', 'h.sector_id')
    .leftJoin('users as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('h.registered_by')))
    .select(['f.name as facility_name', 's.name as sector_name', 'u.display_name as registered_by_name'])
    .where('h.id', '=', householdId)
    .executeTakeFirstOrThrow();
}

export async function listFamilies(db: Db, householdId: string): Promise<FamilyRow[]> {
  return db
    .selectFrom('families')
    .selectAll()
    .where('household_id', '=', householdId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The current members of a household (merged records left out), each marked when flagged as a possible duplicate. */
export async function listMembers(db: Db, householdId: string): Promise<(PersonRow & { flagged: boolean })[]> {
  return db
    .selectFrom('persons as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('duplicate_candidates as d')
            .select('d.id')
            .where('d.status', '=', 'open')
            .where((w) => w.or([w('d.person_id', '=', w.ref('p.id')), w('d.candidate_id', '=', w.ref('p.id'))])),
        )
        .$castTo<boolean>()
        .as('flagged'),
    )
    .where('p.household_id', '=', householdId)
    .where('p.merged_into', 'is', null)
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
}
