import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { appendRowsToLedger } from '../integrity/ledger.repository';
import type { LedgeredEntity } from '../integrity/ledgered-entities';
import type { AsicRow, FacilityRow, SectorRow, StatusChangeRow } from './demo.builder';
import type { DemoInput } from './demo.plan';

/** Rows per INSERT statement. */
const ROWS_PER_INSERT = 500;

/** True when no facility and no user exists yet. */
export async function hasNoFacilitiesOrUsers(db: Db): Promise<boolean> {
  const [facility, user] = await Promise.all([
    db.selectFrom('facilities').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
  ]);
  return !facility && !user;
}

/** The territories (with 2011 state populations) and service catalog the demo is planned over, in code order. */
export async function readDemoInput(db: Db): Promise<DemoInput> {
  const [states, municipalities, parishes, catalog] = await Promise.all([
    db.selectFrom('states').select(['code', 'name', 'capital', 'population_2011']).orderBy('code').execute(),
    db.selectFrom('municipalities').select(['code', 'state_code', 'name', 'capital']).orderBy('code').execute(),
    db.selectFrom('parishes').select(['code', 'municipality_code', 'state_code', 'name']).orderBy('code').execute(),
    db.selectFrom('service_catalog').select(['code', 'kinds']).orderBy('code').execute(),
  ]);
  return {
    states: states.map((s) => ({ code: s.code, name: s.name, capital: s.capital, population: s.population_2011 })),
    municipalities: municipalities.map((m) => ({
      code: m.code,
      stateCode: m.state_code,
      name: m.name,
      capital: m.capital,
    })),
    parishes: parishes.map((p) => ({
      code: p.code,
      municipalityCode: p.municipality_code,
      stateCode: p.state_code,
      name: p.name,
    })),
    catalog,
  };
}

/**
 * Inserts rows shaped like the table's own rows, a batch per statement. Each batch travels as one
 * JSON parameter that PostgreSQL turns back into rows: on PGlite that is a fifth faster than
 * binding every field of every row as its own parameter.
 */
async function insertRows(
  tx: Db,
  table: 'sectors' | 'asics' | 'facilities' | 'facility_status_changes',
  rows: readonly object[],
) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const batch = JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT));
    await sql`INSERT INTO ${sql.table(table)} SELECT * FROM json_populate_recordset(NULL::${sql.table(table)}, ${batch}::json)`.execute(
      tx,
    );
  }
}

/** Appends one ledger entry for each of the given rows of a table, found by a uuid column. */
async function ledgerByIds(tx: Db, actor: string, entity: LedgeredEntity, column: string, ids: readonly string[]) {
  if (ids.length === 0) return 0;
  return appendRowsToLedger(tx, actor, 'create', entity, sql`${sql.ref(column)} = ANY(${[...new Set(ids)]}::uuid[])`);
}

/** Inserts sectors and ASICs with their ledger entries. Call inside a transaction. */
export async function insertSectorsAndAsics(
  tx: Db,
  actor: string,
  sectors: readonly SectorRow[],
  asics: readonly AsicRow[],
) {
  await insertRows(tx, 'sectors', sectors);
  await insertRows(tx, 'asics', asics);
  await ledgerByIds(
    tx,
    actor,
    'sectors',
    'id',
    sectors.map((s) => s.id),
  );
  await ledgerByIds(
    tx,
    actor,
    'asics',
    'id',
    asics.map((a) => a.id),
  );
}

/** Inserts facilities and their status changes with their ledger entries. Call inside a transaction. */
export async function insertFacilities(
  tx: Db,
  actor: string,
  facilities: readonly FacilityRow[],
  changes: readonly StatusChangeRow[],
) {
  await insertRows(tx, 'facilities', facilities);
  await insertRows(tx, 'facility_status_changes', changes);
  const ids = facilities.map((f) => f.id);
  await ledgerByIds(tx, actor, 'facilities', 'id', ids);
  await ledgerByIds(tx, actor, 'facility_status_changes', 'facility_id', ids);
}
