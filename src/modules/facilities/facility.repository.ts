import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { FacilityTable } from '../../db/schema';
import { containsPattern, territoryLevel } from '../territory/territory.rules';
import { FACILITY_COLUMN_OF_LEVEL } from '../territory/territory.repository';
import type { FacilityKind, FacilityStatus } from './facility.rules';
import type { FacilitySummary, ListFacilitiesQuery } from './facility.schema';

export type FacilityRow = Selectable<FacilityTable>;

export async function findFacilityById(db: Db, id: string): Promise<FacilityRow | undefined> {
  return db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function facilityCodeExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('facilities').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

function filteredFacilities(db: Db, filter: Omit<ListFacilitiesQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('facilities as f');
  const level = filter.territory ? territoryLevel(filter.territory) : null;
  if (filter.territory && level && level !== 'nation') {
    query = query.where(`f.${FACILITY_COLUMN_OF_LEVEL[level]}`, '=', filter.territory);
  }
  if (filter.tier) query = query.where('f.tier', '=', filter.tier);
  if (filter.kind) query = query.where('f.kind', '=', filter.kind);
  if (filter.status) query = query.where('f.status', '=', filter.status);
  if (filter.asic) query = query.where('f.asic_id', '=', filter.asic);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('f.search_name', 'like', pattern), eb(sql`lower(f.code)`, 'like', pattern)]));
  }
  return query;
}

/** One page of facilities matching the filter, ordered by state, name and code, with the total. */
export async function listFacilities(
  db: Db,
  filter: ListFacilitiesQuery,
): Promise<{ items: FacilitySummary[]; total: number }> {
  const base = filteredFacilities(db, filter);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('parishes as p', 'p.code', 'f.parish_code')
      .innerJoin('municipalities as m', 'm.code', 'f.municipality_code')
      .innerJoin('states as s', 's.code', 'f.state_code')
      .select([
        'f.id',
        'f.code',
        'f.name',
        'f.kind',
        'f.tier',
        'f.status',
        'f.status_since',
        'f.state_code',
        'f.municipality_code',
        'f.parish_code',
        'f.beds_ward',
        'f.beds_icu',
        'p.name as parish_name',
        'm.name as municipality_name',
        's.name as state_name',
      ])
      .orderBy('f.search_name')
      .orderBy('f.code')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind as FacilityKind,
      tier: r.tier,
      status: r.status as FacilityStatus,
      statusSince: r.status_since,
      stateCode: r.state_code,
      municipalityCode: r.municipality_code,
      parishCode: r.parish_code,
      parishName: r.parish_name,
      municipalityName: r.municipality_name,
      stateName: r.state_name,
      bedsWard: r.beds_ward,
      bedsIcu: r.beds_icu,
    })),
  };
}

/** Facilities of a territory counted by tier and status. */
export async function countFacilities(db: Db, territory: string | undefined) {
  const rows = await filteredFacilities(db, { territory })
    .select(['f.tier', 'f.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['f.tier', 'f.status'])
    .execute();
  return rows.map((r) => ({ tier: r.tier, status: r.status, n: Number(r.n) }));
}

export async function listStatusHistory(db: Db, facilityId: string) {
  return db
    .selectFrom('facility_status_changes as c')
    .leftJoin('users as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('c.recorded_by')))
    .select([
      'c.id',
      'c.from_status',
      'c.to_status',
      'c.effective_on',
      'c.reason',
      'c.recorded_by',
      'c.recorded_at',
      'u.display_name',
    ])
    .where('c.facility_id', '=', facilityId)
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export async function findPlaceNames(db: Db, parishCode: string) {
  return db
    .selectFrom('parishes as p')
    .innerJoin('municipalities as m', 'm.code', 'p.municipality_code')
    .innerJoin('states as s', 's.code', 'p.state_code')
    .select(['p.name as parish', 'm.name as municipality', 's.name as state'])
    .where('p.code', '=', parishCode)
    .executeTakeFirstOrThrow();
}

export async function findServices(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('service_catalog').selectAll().where('code', 'in', codes).orderBy('code').execute();
}

export async function listServiceCatalog(db: Db) {
  return db.selectFrom('service_catalog').selectAll().orderBy('area').orderBy('code').execute();
}
