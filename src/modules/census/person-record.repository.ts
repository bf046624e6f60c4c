import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { containsPattern } from '../territory/territory.rules';
import { UNPREPARED } from '../../db/prepared-client';

/**
 * How long one opening of a record lasts: the person's page asks for the record and for the
 * timeline, and a reader going back and forth within a minute has opened it once, not five times.
 */
const ONE_READING_SECONDS = 60;

/** Logs that a user opened a person's record (DESIGN §3.5), once per reading. */
export async function logRecordRead(db: Db, personId: string, userId: string): Promise<void> {
  await sql`
    INSERT INTO record_reads (person_id, user_id, at)
    SELECT ${personId}::uuid, ${userId}::uuid, now()
    WHERE NOT EXISTS (
      SELECT 1 FROM record_reads
      WHERE person_id = ${personId} AND user_id = ${userId}
        AND at > now() - make_interval(secs => ${ONE_READING_SECONDS}))`.execute(db);
}

/** Who opened the record, newest first, at most `limit`, and how many times in all. */
export async function listRecordReads(db: Db, personId: string, limit: number) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('record_reads as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.user_id', 'u.display_name', 'r.at'])
      .where('r.person_id', '=', personId)
      .orderBy('r.at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('record_reads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findHouseholdPlace(db: Db, householdId: string) {
  return db
    .selectFrom('households as h')
    .leftJoin('parishes as p', 'p.code', 'h.parish_code')
    .innerJoin('facilities as f', 'f.id', 'h.facility_id')
    .leftJoin('sectors as s', 's.id', 'h.sector_id')
    .selectAll('h')
    .select(['p.name as parish_name', 's.name as sector_name', 'f.name as facility_name'])
    .select('f.parish_code as facility_parish_code')
    .select((eb) =>
      eb
        .selectFrom('persons as m')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('m.household_id', '=', 'h.id')
        .where('m.merged_into', 'is', null)
        .where('m.vital_status', '=', 'alive')
        .as('living_members'),
    )
    .where('h.id', '=', householdId)
    .executeTakeFirstOrThrow();
}

export async function findFamilyName(db: Db, familyId: string | null) {
  if (familyId === null) return undefined;
  return db.selectFrom('families').select(['id', 'name']).where('id', '=', familyId).executeTakeFirst();
}

export async function listMergedFrom(db: Db, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('persons').select('id').where('merged_into', '=', personId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Open flags naming the person, with the other person of each pair. */
export async function listOpenFlagsOf(db: Db, personId: string) {
  return db
    .selectFrom('duplicate_candidates as d')
    .innerJoin('persons as o', (join) =>
      join.on(sql`o.id`, '=', sql`CASE WHEN d.person_id = ${personId} THEN d.candidate_id ELSE d.person_id END`),
    )
    .select(['d.id', 'd.reason', 'd.detected_at', 'd.facility_id', 'o.id as other_id', 'o.first_names', 'o.last_names'])
    .select(['o.birth_date', 'o.national_id', 'o.facility_id as other_facility_id'])
    .where('d.status', '=', 'open')
    .where((eb) => eb.or([eb('d.person_id', '=', personId), eb('d.candidate_id', '=', personId)]))
    .orderBy('d.detected_at', 'desc')
    .execute();
}

export async function listMoves(db: Db, personId: string) {
  return db
    .selectFrom('person_moves as m')
    .innerJoin('households as fh', 'fh.id', 'm.from_household_id')
    .innerJoin('households as th', 'th.id', 'm.to_household_id')
    .leftJoin('users as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('m.recorded_by')))
    .select(['m.id', 'm.from_household_id', 'm.to_household_id', 'm.moved_on', 'm.recorded_by', 'm.recorded_at'])
    .select(['fh.address as from_address', 'th.address as to_address', 'u.display_name'])
    .where('m.person_id', '=', personId)
    .orderBy('m.moved_on', 'desc')
    .orderBy('m.recorded_at', 'desc')
    .execute();
}

/**
 * A page of persons at the given posts whose name contains every word, ignoring accents and case
 * (a LIKE per word, served by the index on the post and the name's trigrams), or whose national id
 * is given. The page is chosen from persons alone and only its rows are joined to their
 * households and flags; the count reads persons alone. Both run unprepared: a plan kept for any
 * words ANDs the post index with the name index even where the name's trigrams and the posts
 * together narrow the search at once, and took three times as long (30 against 10 ms p95 among a
 * million people).
 */
export async function searchPersons(
  db: Db,
  filter: { facilityIds: string[]; words: string[]; nationalIds: string[]; page: number; pageSize: number },
) {
  let base = db
    .selectFrom('persons as p')
    .where('p.facility_id', 'in', filter.facilityIds)
    .where('p.merged_into', 'is', null);
  if (filter.words.length > 0 || filter.nationalIds.length > 0) {
    base = base.where((eb) =>
      eb.or([
        ...(filter.words.length > 0
          ? [eb.and(filter.words.map((word) => eb('p.search_name', 'like', containsPattern(word))))]
          : []),
        ...(filter.nationalIds.length > 0 ? [eb('p.national_id', 'in', filter.nationalIds)] : []),
      ]),
    );
  }
  const page = base
    .selectAll('p')
    .orderBy('p.search_name')
    .orderBy('p.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .as('p');
  const [rows, count] = await Promise.all([
    db
      .selectFrom(page)
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .selectAll('p')
      .select('h.address')
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
      .orderBy('p.search_name')
      .orderBy('p.id')
      .modifyEnd(sql.raw(UNPREPARED))
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .modifyEnd(sql.raw(UNPREPARED))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
