/**
 * Figures for medicines (issue 4, "Figures to reach"): stock on hand for a facility's whole module
 * with a million movements in its history, and dispensing a prescription alone and 16 at a time,
 * ledger included. Prints a table (and JSON with --json); it asserts nothing.
 *
 *   node --import tsx bench/medicines.bench.ts [--json out.json] [--postgres URL] [--skip-pglite]
 */
import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { openStorage, type Db, type Storage } from '../src/db/database';
import { newId } from '../src/db/ids';
import { prepareDatabase } from '../src/db/setup';
import { accessForUser } from '../src/modules/people/auth.service';
import { hashPassword } from '../src/modules/people/password';
import { insertUserWithRoles } from '../src/modules/people/user.service';
import { facilityStock } from '../src/modules/medicines/stock.service';
import { listFacilityLots } from '../src/modules/medicines/stock.repository';
import { onHandByFacility } from '../src/modules/medicines/dispensing.repository';
import { todayLocal } from '../src/shared/time';
import { buildApp } from '../src/server/app';
import type { App } from '../src/server/context';
import {
  CONCURRENT_WARM_UP_WRITES,
  FigureTable,
  type Engine,
  SAMPLES,
  WARM_UP,
  p95,
  timed,
  warmUp,
  withDatabase,
  runWithServerFlags,
} from './support';

const table = new FigureTable();
const MOVEMENTS = 1_000_000;
const LOTS_PER_MEDICINE = 10;
const CONCURRENT = 16;
/** Dispensings made 16 at a time and measured, after the warm-up (`warmUp`). */
const CONCURRENT_DISPENSES = 3_200;
const PASSWORD = 'bench-password';
const ORIGIN = 'http://localhost:80';

async function logIn(app: App, username: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ORIGIN, host: 'localhost:80' },
    payload: { username, password: PASSWORD },
  });
  const cookie = response.cookies.find((c) => c.name === 'adentro_session')!;
  const headers = { cookie: `adentro_session=${cookie.value}`, origin: ORIGIN, host: 'localhost:80' };
  return async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const reply = await app.inject({ method, url, headers, ...(payload && { payload }) });
    if (reply.statusCode >= 300) throw new Error(`${method} ${url}: ${reply.statusCode} ${reply.body.slice(0, 300)}`);
    return reply;
  };
}

/**
 * A dispensary with every module item in ten lots, a million movements and a year of dispensings
 * of history behind them (generated in SQL, not ledgered: the history is only read), a post it
 * serves, and prescriptions waiting. Returns the ids the figures need.
 */
async function setUp(db: Db, app: App, prescriptions: number) {
  const passwordHash = await hashPassword(PASSWORD);
  const adminId = newId();
  await db.transaction().execute((tx) =>
    insertUserWithRoles(tx, 'bench', {
      id: adminId,
      username: 'bench-admin',
      displayName: 'bench-admin',
      passwordHash,
      locale: 'es',
      roles: [{ role: 'national_admin', facilityId: null, territoryCode: 'VE' }],
    }),
  );
  const admin = await logIn(app, 'bench-admin');
  const facility = async (code: string, kind: string) =>
    (
      await admin('POST', '/api/facilities', { code, name: code, kind, parishCode: 'VE-A-01-22', status: 'operating' })
    ).json().id as string;
  const dispensaryId = await facility('BENCH-DP-1', 'dispensary');
  const postId = await facility('BENCH-CP-1', 'consultorio_popular');
  await db.transaction().execute((tx) =>
    insertUserWithRoles(tx, 'bench', {
      id: newId(),
      username: 'bench-pharmacist',
      displayName: 'bench-pharmacist',
      passwordHash,
      locale: 'es',
      roles: [{ role: 'pharmacist', facilityId: dispensaryId, territoryCode: null }],
    }),
  );
  // Lots: every module item, ten lots each, a large balance so that dispensing never runs short.
  await sql`
    INSERT INTO stock_lots (id, facility_id, state_code, medicine_code, lot, expires_on, on_hand, updated_at)
    SELECT gen_random_uuid(), ${dispensaryId}, 'VE-A', m.code, 'L' || n, current_date + 400 + n * 30, 1000000, now()
    FROM medicines m, generate_series(1, ${LOTS_PER_MEDICINE}) n`.execute(db);
  // A million movements over the past ten years: receipts, dispensings and counts, spread over the lots.
  const started = performance.now();
  await sql`
    INSERT INTO stock_movements (id, facility_id, state_code, medicine_code, stock_lot_id, kind, quantity, balance_after,
                                 source_kind, document_number, counted_quantity, reason, approved_by, occurred_on, recorded_by, recorded_at)
    SELECT gen_random_uuid(), l.facility_id, l.state_code, l.medicine_code, l.id,
           CASE WHEN g % 10 = 0 THEN 'receipt' WHEN g % 97 = 0 THEN 'count' ELSE 'dispense' END,
           CASE WHEN g % 10 = 0 THEN 500 WHEN g % 97 = 0 THEN 0 ELSE -(1 + g % 30) END,
           1000000, CASE WHEN g % 10 = 0 THEN 'warehouse' END, CASE WHEN g % 10 = 0 THEN 'GR-' || g END,
           CASE WHEN g % 97 = 0 THEN 1000000 END, NULL, NULL,
           current_date - (3650 - (g::bigint * 3650 / ${MOVEMENTS}))::int, 'bench', now()
    FROM generate_series(1, ${MOVEMENTS}) g
    JOIN (SELECT id, facility_id, state_code, medicine_code, row_number() OVER (ORDER BY id) - 1 AS k FROM stock_lots) l
      ON l.k = g % (SELECT count(*) FROM stock_lots)`.execute(db);
  // The last year's dispensings: the table a dispensing is written to and checked against is not new.
  await sql`
    INSERT INTO dispensings (id, facility_id, state_code, medicine_code, outcome, requested_quantity, dispensed_quantity,
                             dispensed_by, dispensed_at)
    SELECT gen_random_uuid(), ${dispensaryId}, 'VE-A', m.code, 'full', 10, 10, 'bench', now() - (g % 365) * interval '1 day'
    FROM generate_series(1, ${MOVEMENTS / 10}) g
    JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k FROM medicines) m
      ON m.k = g % (SELECT count(*) FROM medicines)`.execute(db);
  await sql`ANALYZE dispensings`.execute(db);
  await sql`ANALYZE stock_movements`.execute(db);
  await sql`ANALYZE stock_lots`.execute(db);
  console.log(
    `  ${MOVEMENTS.toLocaleString('en')} movements in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // One person of the post with the prescriptions to dispense, every one of a module item.
  const personId = newId();
  const householdId = newId();
  const encounterId = newId();
  await sql`
    INSERT INTO households (id, facility_id, state_code, parish_code, address, water_source, sanitation, electricity, floor,
                            rooms, waste_disposal, vectors, registered_on, registered_by, created_at, updated_at)
    VALUES (${householdId}, ${postId}, 'VE-A', 'VE-A-01-22', 'Banco', 'piped_inside', 'sewer', 'grid', 'tile_or_cement',
            2, 'collected', '{}', current_date, 'bench', now(), now())`.execute(db);
  await sql`
    INSERT INTO persons (id, household_id, facility_id, state_code, first_names, last_names, search_name, sex, birth_date,
                         relationship, vital_status, created_at, updated_at)
    VALUES (${personId}, ${householdId}, ${postId}, 'VE-A', 'Banco', 'Prueba', 'banco prueba', 'F', '1970-01-01', 'head',
            'alive', now(), now())`.execute(db);
  await sql`
    INSERT INTO encounters (id, person_id, facility_id, state_code, setting, occurred_at, reason, procedures, outcome,
                            recorded_by, recorded_at)
    VALUES (${encounterId}, ${personId}, ${postId}, 'VE-A', 'post', now(), 'Banco', '{}', 'resolved', 'bench', now())`.execute(
    db,
  );
  const { rows } = await sql<{ id: string; lot_id: string }>`
    WITH catalog AS (SELECT code, name_es || ' ' || strength AS label, row_number() OVER (ORDER BY code) - 1 AS k FROM medicines),
    written AS (
      INSERT INTO prescriptions (id, encounter_id, person_id, facility_id, state_code, medicine, dose, frequency, quantity,
                                 prescribed_by, prescribed_at)
      SELECT gen_random_uuid(), ${encounterId}, ${personId}, ${postId}, 'VE-A', c.label, '1', 'diaria', 10, 'bench', now()
      FROM generate_series(0, ${prescriptions - 1}) g JOIN catalog c ON c.k = g % (SELECT count(*) FROM catalog)
      RETURNING id, medicine)
    SELECT w.id, (SELECT l.id FROM stock_lots l JOIN catalog c ON c.code = l.medicine_code
                  WHERE c.label = w.medicine AND l.lot = 'L1') AS lot_id
    FROM written w`.execute(db);
  return { dispensaryId, prescriptions: roundRobinByLot(rows) };
}

/**
 * The prescriptions reordered so that consecutive ones take from different lots, one medicine
 * after another as the catalogue goes: the insert returns them grouped by medicine, and sixteen
 * dispensers all waiting on one lot's row would measure that lot, not dispensing.
 */
function roundRobinByLot<T extends { lot_id: string }>(rows: T[]): T[] {
  const byLot = new Map<string, T[]>();
  for (const row of rows) byLot.set(row.lot_id, [...(byLot.get(row.lot_id) ?? []), row]);
  const queues = [...byLot.values()];
  const ordered: T[] = [];
  for (let i = 0; ordered.length < rows.length; i++) {
    for (const queue of queues) if (queue[i]) ordered.push(queue[i]!);
  }
  return ordered;
}

async function measure(engine: Engine, storage: Storage) {
  await prepareDatabase(storage.db);
  const app = await buildApp(loadConfig({ logLevel: 'silent', webDir: 'dist/web' }), storage);
  await app.ready();
  try {
    const concurrent = engine === 'postgresql' ? CONCURRENT_WARM_UP_WRITES + CONCURRENT_DISPENSES : 0;
    const { dispensaryId, prescriptions } = await setUp(storage.db, app, WARM_UP + SAMPLES + concurrent);
    const pharmacist = await logIn(app, 'bench-pharmacist');
    const access = (await accessForUser(
      storage.db,
      (
        await storage.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'bench-pharmacist')
          .executeTakeFirstOrThrow()
      ).id,
    ))!;

    const today = todayLocal();
    const onHand = await timed(() => onHandByFacility(storage.db, [dispensaryId], today));
    table.record('stock on hand, whole module (106 items, from balances)', 'p95 ms', engine, p95(onHand), '≤ 10 ms');
    const balances = await timed(() => listFacilityLots(storage.db, dispensaryId));
    table.record('every lot of the facility (1,060 balances)', 'p95 ms', engine, p95(balances));
    const page = await timed(() => facilityStock(storage.db, access, dispensaryId));
    table.record('stock page: on hand, lots, months of stock (service)', 'p95 ms', engine, p95(page));
    const http = await timed(() => pharmacist('GET', `/api/medicines/facilities/${dispensaryId}/stock`));
    table.record('GET stock page over HTTP (inject)', 'p95 ms', engine, p95(http));

    let next = 0;
    const dispense = () => {
      const p = prescriptions[next++]!;
      return pharmacist('POST', `/api/medicines/facilities/${dispensaryId}/prescriptions/${p.id}/dispensing`, {
        lines: [{ lotId: p.lot_id, quantity: 10 }],
      });
    };
    const one = await timed(dispense);
    table.record('dispense a prescription, one at a time', 'p95 ms', engine, p95(one), '≤ 30 ms');
    if (concurrent > 0) {
      // Sixteen at a time, first unmeasured until the server is warm (its code compiled, its
      // statements prepared on every connection), then measured: the figure is a running server's.
      const sixteenAtOnce = async (count: number) => {
        const samples: number[] = [];
        const end = next + count;
        await Promise.all(
          Array.from({ length: CONCURRENT }, async () => {
            while (next < end) {
              const t0 = performance.now();
              await dispense();
              samples.push(performance.now() - t0);
            }
          }),
        );
        return samples;
      };
      await warmUp('dispensing', sixteenAtOnce);
      const started = performance.now();
      const samples = await sixteenAtOnce(CONCURRENT_DISPENSES);
      const seconds = (performance.now() - started) / 1000;
      table.record(`dispense, ${CONCURRENT} concurrent`, 'p95 ms', engine, p95(samples), '≤ 30 ms');
      table.record(`dispense, ${CONCURRENT} concurrent`, 'per second', engine, samples.length / seconds, '≥ 1,500');
    }
  } finally {
    await app.close();
  }
}

async function main() {
  if (await runWithServerFlags()) return;
  const args = process.argv.slice(2);
  const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const url =
    (args.includes('--postgres') ? args[args.indexOf('--postgres') + 1] : undefined) ??
    process.env.ADENTRO_BENCH_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  if (!args.includes('--skip-pglite')) {
    console.log('PGlite: a dispensary with a million movements, then dispensing one at a time');
    const lite = await openStorage({ dataDir: 'memory://' });
    try {
      await measure('pglite', lite);
    } finally {
      await lite.close();
    }
  }
  console.log(`PostgreSQL: the same, then dispensing ${CONCURRENT} at a time`);
  await withDatabase(url, async (databaseUrl) => {
    const storage = await openStorage({ databaseUrl, poolSize: CONCURRENT });
    try {
      await measure('postgresql', storage);
    } finally {
      await storage.close();
    }
  });
  table.print();
  if (jsonFile)
    writeFileSync(jsonFile, JSON.stringify({ at: new Date().toISOString(), figures: table.figures }, null, 2));
}

await main();
