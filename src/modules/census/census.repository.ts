import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { containsPattern } from '../territory/territory.rules';

/** Households, families and persons of a post that have living, unmerged members. */
export async function countCensus(db: Db, facilityId: string) {
  const row = await db
    .selectFrom('persons')
    .select((eb) => [
      eb.fn.count<number>('household_id').distinct().as('households'),
      eb.fn.count<number>('family_id').distinct().as('families'),
      eb.fn.countAll<number>().as('persons'),
    ])
    .where('facility_id', '=', facilityId)
    .where('merged_into', 'is', null)
    .where('vital_status', '=', 'alive')
    .executeTakeFirstOrThrow();
  return { households: Number(row.households), families: Number(row.families), persons: Number(row.persons) };
}

/**
 * Households of a post with living, unmerged members whose living conditions nobody has surveyed
 * yet: counted apart, so that they count neither as having nor as lacking any condition.
 */
export async function countHouseholdsNotSurveyed(db: Db, facilityId: string): Promise<number> {
  const row = await db
    .selectFrom('households as h')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('h.facility_id', '=', facilityId)
    .where('h.water_source', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('persons as m')
          .select('m.id')
          .whereRef('m.household_id', '=', 'h.id')
          .where('m.merged_into', 'is', null)
          .where('m.vital_status', '=', 'alive'),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Living persons of a post by their latest dispensary group (null when never classified), and how
 * many of each are due a review: never classified, or last classified a year ago or more.
 */
export async function countByGroup(db: Db, facilityId: string, today: string) {
  const { rows } = await sql<{ dispensary_group: number | null; n: number; due: number }>`
    SELECT c.dispensary_group, count(*)::int AS n,
           count(*) FILTER (WHERE c.classified_on IS NULL
                              OR (c.classified_on + interval '1 year')::date <= ${today}::date)::int AS due
    FROM persons p
    LEFT JOIN LATERAL (
      SELECT dispensary_group, classified_on FROM classifications
      WHERE person_id = p.id ORDER BY classified_on DESC, recorded_at DESC LIMIT 1) c ON true
    WHERE p.facility_id = ${facilityId} AND p.merged_into IS NULL AND p.vital_status = 'alive'
    GROUP BY c.dispensary_group`.execute(db);
  return rows;
}

/**
 * The address folded like normalizeForSearch: lower case without accents. Spanish accents only;
 * enough for a post's few hundred households, which are filtered by post first.
 */
const foldedAddress = sql<string>`lower(translate(h.address,
  'ÁÀÂÄÉÈÊËÍÌÎÏÓÒÔÖÚÙÛÜÑÇáàâäéèêëíìîïóòôöúùûüñç', 'AAAAEEEEIIIIOOOOUUUUNCaaaaeeeeiiiioooouuuunc'))`;

/** A page of a post's households, filtered by sector and by words in the address or a member's name. */
export async function listPostHouseholds(
  db: Db,
  filter: { facilityId: string; sectorId?: string | undefined; words: string[]; page: number; pageSize: number },
) {
  let base = db.selectFrom('households as h').where('h.facility_id', '=', filter.facilityId);
  if (filter.sectorId) base = base.where('h.sector_id', '=', filter.sectorId);
  if (filter.words.length > 0) {
    base = base.where((eb) => {
      const inAddress: Expression<SqlBool>[] = filter.words.map((w) => eb(foldedAddress, 'like', containsPattern(w)));
      const memberNamed = eb.exists(
        eb
          .selectFrom('persons as m')
          .select('m.id')
          .whereRef('m.household_id', '=', 'h.id')
          .where('m.merged_into', 'is', null)
          .where((mb) => mb.and(filter.words.map((w) => mb('m.search_name', 'like', containsPattern(w))))),
      );
      return eb.or([eb.and(inAddress), memberNamed]);
    });
  }
  const [rows, count] = await Promise.all([
    base
      .leftJoin('sectors as s', 's.id', 'h.sector_id')
      .select(['h.id', 'h.address', 'h.sector_id', 's.name as sector_name', 'h.rooms', 'h.registered_on'])
      .select((eb) => [
        eb
          .selectFrom('persons as m')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('m.household_id', '=', 'h.id')
          .where('m.merged_into', 'is', null)
          .where('m.vital_status', '=', 'alive')
          .as('members'),
        eb
          .selectFrom('families as f')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('f.household_id', '=', 'h.id')
          .as('families'),
        eb
          .selectFrom('persons as m')
          .select(sql<string>`m.first_names || ' ' || m.last_names`.as('name'))
          .whereRef('m.household_id', '=', 'h.id')
          .where('m.merged_into', 'is', null)
          .where('m.relationship', '=', 'head')
          .orderBy(sql`m.vital_status = 'alive'`, 'desc')
          .orderBy('m.created_at')
          .limit(1)
          .as('head'),
      ])
      .orderBy('h.address')
      .orderBy('h.id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
