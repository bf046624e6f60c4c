/**
 * Figures for primary care (issue 3, "Figures to reach"): building the demo population, registering a
 * household, recording an encounter alone and 16 at a time, finding a person by name among a
 * million, and a post's worklist. Prints a table (and JSON with --json); it asserts nothing.
 *
 *   node --import tsx bench/primary-care.bench.ts [--json out.json] [--postgres URL] [--care-only]
 *
 * `--care-only` skips PGlite and the million-person search, and builds a tenth of the population on
 * PostgreSQL: the quick way to see the write figures after a change. Each database is measured in
 * a process of its own, started with the Node flags the server runs with on it (decision 0005).
 */
import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { openStorage, type Db, type Storage } from '../src/db/database';
import { prepareDatabase, refreshStatistics } from '../src/db/setup';
import { normalizeForSearch } from '../src/modules/territory/territory.rules';
import { searchPersons } from '../src/modules/census/person-record.repository';
import { buildDemo, DEMO_PASSWORD } from '../src/modules/demo/demo.service';
import { DEMO_POST_NAME } from '../src/modules/demo/demo.plan';
import { buildApp } from '../src/server/app';
import type { App } from '../src/server/context';
import {
  FigureTable,
  type Engine,
  p95,
  printMachineSpeed,
  timed,
  warmUp,
  withDatabase,
  runWithServerFlags,
  runEngineInChild,
} from './support';

const table = new FigureTable();
/** Reduced population for the PGlite build figure, so the whole run stays within five minutes. */
const PGLITE_BUILD_SCALE = 0.1;

const ORIGIN = 'http://localhost:80';
/**
 * Encounters recorded 16 at a time and measured after the warm-up (`warmUp`): 5,000, timed as five
 * windows of a thousand. The rate is the 5,000's; each window's is printed beside it, to show how
 * far the machine's speed wandered while it ran.
 */
const CONCURRENT_WINDOWS = 5;
const CONCURRENT_WINDOW = 1_000;

async function logInAsDoctor(app: App) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ORIGIN, host: 'localhost:80' },
    payload: { username: 'medico', password: DEMO_PASSWORD },
  });
  const cookie = response.cookies.find((c) => c.name === 'adentro_session')!;
  const headers = { cookie: `adentro_session=${cookie.value}`, origin: ORIGIN, host: 'localhost:80' };
  return async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const reply = await app.inject({ method, url, headers, ...(payload && { payload }) });
    if (reply.statusCode >= 300) throw new Error(`${method} ${url}: ${reply.statusCode} ${reply.body.slice(0, 300)}`);
    return reply;
  };
}

/** The date `days` before an ISO date. */
function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(date) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The i-th household: a family of four whose birth dates are i days earlier than the previous
 * family's, so that each is new to the post. Registering the very same four people again and again
 * would measure the duplicate flags instead: every earlier copy is a possible duplicate, flagged
 * and ledgered, some 470 flags a request by the hundredth.
 */
function household(i: number) {
  const member = (firstNames: string, sex: 'F' | 'M', birthDate: string, relationship: string) => ({
    firstNames,
    lastNames: 'Pérez Banco',
    sex,
    birthDate: daysBefore(birthDate, i),
    relationship,
  });
  return {
    address: `Vereda 3, casa ${i + 1000}`,
    waterSource: 'piped_inside',
    sanitation: 'sewer',
    electricity: 'grid',
    floor: 'tile_or_cement',
    wasteDisposal: 'collected',
    rooms: 2,
    members: [
      member('María José', 'F', '1985-04-02', 'head'),
      member('Luis', 'M', '1983-09-15', 'spouse'),
      member('Sofía', 'F', '2012-01-20', 'child'),
      member('Santiago', 'M', '2025-06-30', 'child'),
    ],
  };
}

function encounter() {
  return {
    setting: 'home_visit',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    reason: 'Control de hipertensión',
    vitals: { systolic: 138, diastolic: 86, heartRate: 74, weightKg: 71.5, heightCm: 162 },
    diagnoses: [{ code: 'I10' }],
    prescriptions: [{ medicine: 'Losartán potásico 50 mg', dose: '50 mg', frequency: 'cada 24 horas', quantity: 30 }],
    outcome: 'resolved',
  };
}

/** Household, encounter and worklist figures through the HTTP API, as the demo doctor, on the demo database. */
async function measureCare(engine: Engine, storage: Storage) {
  const app = await buildApp(loadConfig({ databaseUrl: undefined, logLevel: 'silent' }), storage);
  try {
    const call = await logInAsDoctor(app);
    const post = await storage.db
      .selectFrom('facilities')
      .select('id')
      .where('name', '=', DEMO_POST_NAME)
      .executeTakeFirstOrThrow();
    // The worklist first over the demo post as it is, its ~1,200 people (the issue's figure), and
    // again at the end, when the households registered below have added 400 more.
    const worklistOf = async (when: 'before' | 'after') => {
      const { people } = await storage.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<string>().as('people'))
        .where('facility_id', '=', post.id)
        .where('vital_status', '=', 'alive')
        .executeTakeFirstOrThrow();
      const worklist = await timed(() => call('GET', `/api/posts/${post.id}/worklist`), 100);
      // Rounded to hundreds, so that both databases share a row.
      const label = `a post's worklist (~${(Math.round(Number(people) / 100) * 100).toLocaleString('en')} people)`;
      table.record(label, 'ms p95', engine, p95(worklist), when === 'before' ? '≤ 100' : undefined);
    };
    await worklistOf('before');
    const register = await timed((i) => call('POST', `/api/posts/${post.id}/households`, household(i)), 100);
    table.record('register a household with four members', 'ms p95', engine, p95(register), '≤ 50');
    const persons = (
      await storage.db
        .selectFrom('persons')
        .select('id')
        .where('facility_id', '=', post.id)
        .where('vital_status', '=', 'alive')
        .limit(400)
        .execute()
    ).map((p) => p.id);
    const one = await timed((i) =>
      call('POST', `/api/persons/${persons[Math.abs(i) % persons.length]}/encounters`, encounter()),
    );
    table.record('record an encounter, one at a time', 'ms p95', engine, p95(one), '≤ 30');
    // Sixteen at a time, first unmeasured until the server is warm (its code compiled, its
    // statements prepared on every connection), then measured: the figure is a running server's.
    const sixteenAtOnce = async (count: number) => {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < count) {
            const i = next++;
            const at = performance.now();
            await call('POST', `/api/persons/${persons[i % persons.length]}/encounters`, encounter());
            latencies.push(performance.now() - at);
          }
        }),
      );
      return { latencies, seconds: (performance.now() - started) / 1000 };
    };
    await warmUp(`encounters on ${engine}`, sixteenAtOnce, { untilSteady: true });
    const concurrent: number[] = [];
    const rates: number[] = [];
    let measuredSeconds = 0;
    for (let window = 0; window < CONCURRENT_WINDOWS; window++) {
      const { latencies, seconds } = await sixteenAtOnce(CONCURRENT_WINDOW);
      measuredSeconds += seconds;
      concurrent.push(...latencies);
      rates.push(CONCURRENT_WINDOW / seconds);
    }
    console.log(
      `  measured, encounters on ${engine}, windows of ${CONCURRENT_WINDOW}: ${rates.map((r) => r.toFixed(0)).join(', ')} a second`,
    );
    table.record('record an encounter, 16 concurrent', 'ms p95', engine, p95(concurrent), '≤ 30');
    table.record(
      'record an encounter, 16 concurrent',
      'per s',
      engine,
      (CONCURRENT_WINDOWS * CONCURRENT_WINDOW) / measuredSeconds,
      '≥ 2,000',
    );
    await worklistOf('after');
  } finally {
    await app.close();
  }
}

/** The demo network and the whole ASIC's population built in process, timed apart. */
async function measureBuild(engine: Engine, storage: Storage, scale: number) {
  await prepareDatabase(storage.db);
  const started = performance.now();
  await buildDemo(storage.db, { population: 0 });
  const network = performance.now();
  const summary = await buildPopulationOnly(storage.db, scale);
  const label =
    scale === 1 ? 'demo population build alone (45 thousand people)' : `demo population build alone (scale ${scale})`;
  table.record('demo network build alone', 's', engine, (network - started) / 1000);
  table.record(label, 's', engine, (performance.now() - network) / 1000);
  table.record(label, 'rows', engine, summary);
}

async function buildPopulationOnly(db: Db, scale: number): Promise<number> {
  const { planDemoNetwork } = await import('../src/modules/demo/demo.plan');
  const { readDemoInput } = await import('../src/modules/demo/demo.repository');
  const population = await import('../src/modules/demo/population/population.service');
  const rows = population.planDemoPopulation(
    planDemoNetwork(await readDemoInput(db), 2003),
    await population.readSchedule(db),
    {
      seed: 2003,
      scale,
      today: new Date().toISOString().slice(0, 10),
    },
  );
  await population.writeDemoPopulation(db, rows, () => {});
  // As the server's background load ends: with the statistics of what it wrote.
  await refreshStatistics(db);
  return population.countRows(rows);
}

const FIRST = [
  'María',
  'José',
  'Ana',
  'Luis',
  'Carmen',
  'Carlos',
  'Rosa',
  'Jesús',
  'Yelitza',
  'Ramón',
  'Sofía',
  'Ángel',
];
const LAST = [
  'González',
  'Rodríguez',
  'Pérez',
  'Hernández',
  'Briceño',
  'Marcano',
  'Chacón',
  'Mújica',
  'Peña',
  'Suárez',
];

/**
 * One million persons in 222 thousand households spread over the network's posts, generated in SQL
 * (not through the services and not ledgered: this database is only read, then thrown away).
 */
async function generateMillion(db: Db) {
  const first = sql.raw(`ARRAY[${FIRST.map((n) => `'${n}'`).join(',')}]`);
  const last = sql.raw(`ARRAY[${LAST.map((n) => `'${n}'`).join(',')}]`);
  await sql`CREATE TEMP TABLE posts AS SELECT row_number() OVER (ORDER BY id) AS n, id, state_code, parish_code FROM facilities WHERE kind = 'consultorio_popular'`.execute(
    db,
  );
  await sql`
    INSERT INTO households (id, facility_id, state_code, parish_code, address, water_source, sanitation, electricity,
      floor, rooms, waste_disposal, vectors, registered_on, registered_by, created_at, updated_at)
    SELECT gen_random_uuid(), p.id, p.state_code, p.parish_code, 'Casa ' || g, 'piped_inside', 'sewer', 'grid',
      'tile_or_cement', 2, 'collected', '{}', '2020-01-01', 'bench', now(), now()
    FROM generate_series(1, 222222) g JOIN posts p ON p.n = 1 + g % (SELECT count(*) FROM posts)`.execute(db);
  // The name index is built once after the load, not row by row during it.
  await sql`DROP INDEX persons_by_post_and_name`.execute(db);
  await sql`
    INSERT INTO persons (id, household_id, facility_id, state_code, first_names, last_names, search_name, sex,
      birth_date, relationship, vital_status, created_at, updated_at)
    SELECT gen_random_uuid(), h.id, h.facility_id, h.state_code, f, l, folded, 'F', '1990-01-01', 'other_relative', 'alive', now(), now()
    FROM (SELECT id, facility_id, state_code, row_number() OVER () AS n FROM households) h
    CROSS JOIN generate_series(1, 5) k
    CROSS JOIN LATERAL (SELECT (${first})[1 + (h.n * 7 + k * 3) % ${FIRST.length}] || ' ' || (${first})[1 + (h.n + k * 5) % ${FIRST.length}] AS f,
                               (${last})[1 + (h.n * 3 + k) % ${LAST.length}] || ' ' || (${last})[1 + (h.n * 11 + k * 7) % ${LAST.length}] AS l) names
    CROSS JOIN LATERAL (SELECT lower(translate(f || ' ' || l, 'áéíóúÁÉÍÓÚñÑ', 'aeiouAEIOUnN')) AS folded) s
    LIMIT 1000000`.execute(db);
  await sql`CREATE INDEX persons_by_post_and_name ON persons USING gin (facility_id, search_name gin_trgm_ops)
    WHERE merged_into IS NULL`.execute(db);
  await sql`ANALYZE persons`.execute(db);
}

async function measureSearch(db: Db) {
  await generateMillion(db);
  const asic = await db
    .selectFrom('facilities')
    .select('asic_id')
    .where('name', '=', DEMO_POST_NAME)
    .executeTakeFirstOrThrow();
  const posts = (
    await db
      .selectFrom('facilities')
      .select('id')
      .where('asic_id', '=', asic.asic_id)
      .where('kind', '=', 'consultorio_popular')
      .execute()
  ).map((p) => p.id);
  const queries = ['Maria Gonz', 'jose perez', 'Briceño', 'ramon mujica', 'Ángel Peña', 'rosa suar'];
  const count = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons`.execute(db)).rows[0]!.n;
  const samples = await timed((i) =>
    searchPersons(db, {
      facilityIds: posts,
      words: normalizeForSearch(queries[Math.abs(i) % queries.length]!).split(' '),
      nationalIds: [],
      page: 1,
      pageSize: 20,
    }),
  );
  table.record(
    `find a person by name among ${(count / 1e6).toFixed(2)} million (an ASIC's posts)`,
    'ms p95',
    'postgresql',
    p95(samples),
    '≤ 50',
  );
}

/** The figures of one database, measured in this process (a child of the run, with that database's flags). */
async function measureEngine(engine: Engine, url: string, careOnly: boolean) {
  if (engine === 'pglite') {
    console.log('PGlite: demo network and a reduced population, then the care figures');
    const lite = await openStorage({ dataDir: 'memory://' });
    try {
      await measureBuild('pglite', lite, PGLITE_BUILD_SCALE);
      await measureCare('pglite', lite);
    } finally {
      await lite.close();
    }
    return;
  }
  console.log(
    careOnly
      ? 'PostgreSQL: demo network and a tenth of the population, then the care figures'
      : 'PostgreSQL: demo network and the whole population, the care figures, then a million persons',
  );
  await withDatabase(url, async (databaseUrl) => {
    const storage = await openStorage({ databaseUrl, poolSize: 16 });
    try {
      await measureBuild('postgresql', storage, careOnly ? 0.1 : 1);
      await measureCare('postgresql', storage);
      if (!careOnly) await measureSearch(storage.db);
    } finally {
      await storage.close();
    }
  });
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const careOnly = args.includes('--care-only');
  const url =
    option('--postgres') ?? process.env.ADENTRO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const engine = option('--engine') as Engine | undefined;
  if (engine) {
    // A child of the run below: one database, its figures written where the parent reads them.
    // Started without that database's Node flags, it runs again as a child that has them, which
    // writes the figures, and stops.
    if (await runWithServerFlags(engine)) return;
    await measureEngine(engine, url, careOnly);
    writeFileSync(option('--figures')!, JSON.stringify(table.figures));
    return;
  }
  await printMachineSpeed('at the start', url);
  const forwarded = ['--postgres', url, ...(careOnly ? ['--care-only'] : [])];
  // Each database in a process of its own, with the Node flags the server runs with on it.
  if (!careOnly) table.merge(await runEngineInChild('pglite', forwarded));
  table.merge(await runEngineInChild('postgresql', forwarded));
  await printMachineSpeed('at the end', url);
  table.print();
  const jsonFile = option('--json');
  if (jsonFile)
    writeFileSync(jsonFile, JSON.stringify({ at: new Date().toISOString(), figures: table.figures }, null, 2));
}

await main();
