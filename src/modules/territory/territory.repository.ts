import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { NATION } from '../../server/access';
import { containsPattern, type TerritoryLevel } from './territory.rules';

export interface TerritoryRow {
  code: string;
  name: string;
  level: TerritoryLevel;
  population2011: number | null;
}

const TABLE_OF_LEVEL = { state: 'states', municipality: 'municipalities', parish: 'parishes' } as const;

/** The facility column that places a facility in a territory of this level. */
export const FACILITY_COLUMN_OF_LEVEL = {
  state: 'state_code',
  municipality: 'municipality_code',
  parish: 'parish_code',
} as const;

export async function findTerritory(db: Db, code: string, level: TerritoryLevel): Promise<TerritoryRow | undefined> {
  if (level === 'nation') {
    const { total } = await db
      .selectFrom('states')
      .select((eb) => eb.fn.sum<number>('population_2011').as('total'))
      .executeTakeFirstOrThrow();
    return { code: NATION, name: 'Venezuela', level, population2011: Number(total) };
  }
  if (level === 'state') {
    const row = await db
      .selectFrom('states')
      .select(['code', 'name', 'population_2011'])
      .where('code', '=', code)
      .executeTakeFirst();
    return row && { code: row.code, name: row.name, level, population2011: row.population_2011 };
  }
  const row = await db
    .selectFrom(TABLE_OF_LEVEL[level])
    .select(['code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
  return row && { code: row.code, name: row.name, level, population2011: null };
}

/** Names of several territories of any level at once, by code. */
export async function territoryNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>([[NATION, 'Venezuela']]);
  const wanted = codes.filter((c) => c !== NATION);
  if (wanted.length === 0) return names;
  const rows = await db
    .selectFrom('states')
    .select(['code', 'name'])
    .where('code', 'in', wanted)
    .unionAll(db.selectFrom('municipalities').select(['code', 'name']).where('code', 'in', wanted))
    .unionAll(db.selectFrom('parishes').select(['code', 'name']).where('code', 'in', wanted))
    .execute();
  for (const row of rows) names.set(row.code, row.name);
  return names;
}

export async function listChildTerritories(
  db: Db,
  code: string,
  level: TerritoryLevel,
): Promise<{ code: string; name: string }[]> {
  switch (level) {
    case 'nation':
      return db.selectFrom('states').select(['code', 'name']).orderBy('name').execute();
    case 'state':
      return db
        .selectFrom('municipalities')
        .select(['code', 'name'])
        .where('state_code', '=', code)
        .orderBy('name')
        .execute();
    case 'municipality':
      return db
        .selectFrom('parishes')
        .select(['code', 'name'])
        .where('municipality_code', '=', code)
        .orderBy('name')
        .execute();
    case 'parish':
      return [];
  }
}

export interface FacilityCountRow {
  area: string;
  tier: number;
  status: string;
  n: number;
}

/**
 * Facilities of a territory counted by tier and status, grouped by the child territory they lie
 * in (or all together for a parish).
 */
export async function countFacilitiesByChild(db: Db, code: string, level: TerritoryLevel): Promise<FacilityCountRow[]> {
  const childColumn = level === 'nation' ? 'state_code' : level === 'state' ? 'municipality_code' : 'parish_code';
  let query = db
    .selectFrom('facilities')
    .select([sql.ref<string>(childColumn).as('area'), 'tier', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([childColumn, 'tier', 'status']);
  if (level !== 'nation') query = query.where(FACILITY_COLUMN_OF_LEVEL[level], '=', code);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export interface TerritoryMatch {
  code: string;
  name: string;
  level: TerritoryLevel;
  parentName: string | null;
}

/**
 * States, municipalities and parishes whose name contains the query, ignoring accents and case;
 * only those of one level when `level` is given.
 */
export async function searchTerritories(
  db: Db,
  query: string,
  limit: number,
  level?: Exclude<TerritoryLevel, 'nation'>,
): Promise<TerritoryMatch[]> {
  const pattern = containsPattern(query);
  const matches = db
    .selectFrom('states')
    .select([
      'code',
      'name',
      sql<string>`'state'`.as('level'),
      sql<string | null>`null`.as('parent_name'),
      'search_name',
    ])
    .where('search_name', 'like', pattern)
    .unionAll(
      db
        .selectFrom('municipalities as m')
        .innerJoin('states as s', 's.code', 'm.state_code')
        .select(['m.code', 'm.name', sql<string>`'municipality'`.as('level'), 's.name as parent_name', 'm.search_name'])
        .where('m.search_name', 'like', pattern),
    )
    .unionAll(
      db
        .selectFrom('parishes as p')
        .innerJoin('municipalities as m', 'm.code', 'p.municipality_code')
        .innerJoin('states as s', 's.code', 'p.state_code')
        .select([
          'p.code',
          'p.name',
          sql<string>`'parish'`.as('level'),
          sql<string>`m.name || ', ' || s.name`.as('parent_name'),
          'p.search_name',
        ])
        .where('p.search_name', 'like', pattern),
    );
  // Shortest names first: the closest match to what was typed, and states before their namesakes.
  let found = db.selectFrom(matches.as('t')).selectAll();
  if (level) found = found.where('t.level', '=', level);
  const rows = await found
    .orderBy(sql`length(t.search_name)`)
    .orderBy('t.code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level as TerritoryLevel, parentName: r.parent_name }));
}

export async function listSectors(db: Db, parishCode: string) {
  return db
    .selectFrom('sectors')
    .select(['id', 'name', 'parish_code'])
    .where('parish_code', '=', parishCode)
    .orderBy('name')
    .execute();
}

export async function listAsicsWithin(db: Db, code: string) {
  let query = db
    .selectFrom('asics')
    .select(['id', 'code', 'name', 'territory_code', 'state_code', 'population'])
    .orderBy('code');
  if (code !== NATION)
    query = query.where((eb) => eb.or([eb('territory_code', '=', code), eb('territory_code', 'like', `${code}-%`)]));
  return query.execute();
}
