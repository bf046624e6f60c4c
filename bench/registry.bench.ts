/**
 * Figures for the registry's targets: first start from a fresh install, restart, memory, latency of
 * the facility list and territory tree, the cost of the ledger on a write, and ledger verification
 * throughput. Prints a table (and JSON with --json); it asserts nothing.
 *
 *   node --import tsx bench/registry.bench.ts [--json out.json] [--postgres URL]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { openStorage, type Db, type Storage } from '../src/db/database';
import { newId } from '../src/db/ids';
import { prepareDatabase } from '../src/db/setup';
import { buildDemo, DEMO_PASSWORD } from '../src/modules/demo/demo.service';
import { DemoPopulationLoader } from '../src/modules/demo/population/population.loader';
import { appendRowsToLedger, writeLedgeredTogether, readLedgerState } from '../src/modules/integrity/ledger.repository';
import { verifyLedger } from '../src/modules/integrity/verify.service';
import { adminQuery, withDatabase } from './support';

const ROOT = resolve(import.meta.dirname, '..');
const REQUESTS = 300;
const WRITES = 500;
const VERIFY_ENTRIES = 100_000;

// ---------------------------------------------------------------------------------------------
// figures

type Engine = 'pglite' | 'postgresql';

interface Figure {
  name: string;
  unit: string;
  target?: { max?: number; min?: number };
  pglite?: number;
  postgresql?: number;
}
const figures: Figure[] = [];
const notes: string[] = [];

function record(name: string, unit: string, engine: Engine, value: number, target?: Figure['target']) {
  let figure = figures.find((f) => f.name === name);
  if (!figure) figures.push((figure = { name, unit, ...(target && { target }) }));
  figure[engine] = value;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean };
}

// ---------------------------------------------------------------------------------------------
// the server as a user starts it

interface Server {
  process: ChildProcess;
  origin: string;
  output: string[];
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}

/** The arguments `npm start` gives Node, read from package.json so that the bench starts what a user starts. */
const START_COMMAND = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(' ')
  .slice(1);

/** Starts `adentro serve` and resolves when /api/health answers 200, with the milliseconds it took. */
async function startServer(env: Record<string, string>): Promise<{ server: Server; ms: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, START_COMMAND, {
    cwd: ROOT,
    env: { ...process.env, ADENTRO_HOST: '127.0.0.1', ADENTRO_PORT: String(port), ADENTRO_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: Server = { process: child, origin: `http://127.0.0.1:${port}`, output: [] };
  child.stdout!.on('data', (chunk: Buffer) => server.output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => server.output.push(chunk.toString()));
  const deadline = started + 180_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${server.output.join('')}`);
    const status = await request(server, 'GET', '/api/health').then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { server, ms: performance.now() - started };
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer within 180 s:\n${server.output.join('')}`);
}

async function stopServer(server: Server) {
  if (server.process.exitCode !== null) return;
  const exited = new Promise((done) => server.process.once('exit', done));
  server.process.kill('SIGTERM');
  const timer = setTimeout(() => server.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Waits until /api/health says the demo population has loaded; the seconds since `startedAt`. */
async function waitForPopulation(server: Server, startedAt: number): Promise<number> {
  const deadline = performance.now() + 900_000;
  while (performance.now() < deadline) {
    const res = await request(server, 'GET', '/api/health');
    const progress = (JSON.parse(res.body) as { demoPopulation?: { status: string } }).demoPopulation;
    if (!progress || progress.status === 'done') return (performance.now() - startedAt) / 1000;
    if (server.process.exitCode !== null) throw new Error(`the server exited:\n${server.output.join('')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the demo population did not finish loading within 15 minutes');
}

/**
 * The resident memory of a process and every process it started: on a PostgreSQL server
 * `bin/adentro.js` starts Node again with that database's flags (decision 0005) and waits for it,
 * and both count.
 */
function residentMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return (line ? Number(line[1]) / 1024 : NaN) + children.reduce((sum, child) => sum + residentMegabytes(child), 0);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(server: Server, method: string, path: string, options: { cookie?: string; body?: unknown } = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((done, fail) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(`${server.origin}${path}`, {
      method,
      agent,
      headers: {
        ...(options.cookie && { cookie: options.cookie }),
        ...(body !== undefined && { 'content-type': 'application/json', origin: server.origin }),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
      );
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function logIn(server: Server): Promise<string> {
  const res = await request(server, 'POST', '/api/auth/login', {
    body: { username: 'admin', password: DEMO_PASSWORD },
  });
  const cookie = res.headers['set-cookie']?.[0]?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`login as admin failed: ${res.status} ${res.body}`);
  return cookie;
}

/** Milliseconds per request, one request at a time, after a warm-up. */
async function latency(server: Server, cookie: string, paths: (i: number) => string) {
  for (let i = 0; i < 30; i++) await request(server, 'GET', paths(i), { cookie });
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const res = await request(server, 'GET', paths(i), { cookie });
    samples.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`GET ${paths(i)} answered ${res.status}: ${res.body.slice(0, 300)}`);
  }
  return stats(samples);
}

const STATES = 'ABCDEFGHIJKLMNOPRSTUVXYZ'.split('').map((letter) => `VE-${letter}`);

async function measureReads(engine: Engine, server: Server) {
  const cookie = await logIn(server);
  // Tier I operating facilities of a state: dozens in the smallest state, over a thousand in Zulia
  const page = await latency(
    server,
    cookie,
    (i) =>
      `/api/facilities?territory=${STATES[i % STATES.length]}&tier=1&status=operating&page=${1 + (i % 2)}&pageSize=50`,
  );
  const nation = await latency(server, cookie, () => '/api/territories/VE');
  const state = await latency(server, cookie, (i) => `/api/territories/${STATES[i % STATES.length]}`);
  for (const [label, s] of [
    ['facility page (state, tier, status filter; 50 rows)', page],
    ['territory tree: nation', nation],
    ['territory tree: a state', state],
  ] as const) {
    record(`${label} p50`, 'ms', engine, s.p50);
    record(`${label} p95`, 'ms', engine, s.p95, { max: 30 });
    record(`${label} p99`, 'ms', engine, s.p99);
  }
}

// ---------------------------------------------------------------------------------------------
// the ledger: its cost on a write, and verification throughput

/**
 * The writes registerFacility makes (a facility and its first status), either as the service
 * makes them — both inserts and their ledger entries in one statement (`writeLedgeredTogether`) —
 * or as the same two inserts in one statement with no ledger entry. Both give back the rows they
 * wrote, as JSON, as the service needs them to answer.
 */
async function registerOnce(db: Db, ledgered: boolean, i: number) {
  const id = newId();
  const now = new Date();
  const facility = db
    .insertInto('facilities')
    .values({
      id,
      code: `BENCH-${ledgered ? 'L' : 'U'}-${i}`,
      name: `Consultorio Popular de prueba ${i}`,
      search_name: `consultorio popular de prueba ${i}`,
      kind: 'consultorio_popular',
      tier: 1,
      state_code: 'VE-A',
      municipality_code: 'VE-A-01',
      parish_code: 'VE-A-01-22',
      sector_id: null,
      asic_id: null,
      address: null,
      phone: null,
      services: ['FAMILY_MEDICINE_CONSULTATION', 'HOME_VISIT'],
      beds_ward: 0,
      beds_icu: 0,
      target_families: 275,
      target_population: null,
      status: 'operating',
      status_since: '2026-01-01',
      created_at: now,
      updated_at: now,
    })
    .returningAll();
  const change = db
    .insertInto('facility_status_changes')
    .values({
      id: newId(),
      facility_id: id,
      state_code: 'VE-A',
      from_status: null,
      to_status: 'operating',
      effective_on: '2026-01-01',
      reason: 'Benchmark',
      recorded_by: 'bench',
      recorded_at: now,
    })
    .returningAll();
  if (ledgered) {
    await writeLedgeredTogether(db, 'bench', [
      { entity: 'facilities', action: 'create', query: facility },
      { entity: 'facility_status_changes', action: 'create', query: change },
    ]);
  } else {
    await sql`WITH f AS (${facility}), c AS (${change})
              SELECT 0 AS part, to_jsonb(f) AS record FROM f UNION ALL SELECT 1, to_jsonb(c) FROM c`.execute(db);
  }
}

/** Alternates blocks of ledgered and unledgered writes so that drift in the machine hits both alike. */
async function measureLedgerCost(engine: Engine, db: Db) {
  const timings = { with: [] as number[], without: [] as number[] };
  for (let i = 0; i < 20; i++) await registerOnce(db, i % 2 === 0, -1 - i);
  for (let block = 0; block < WRITES / 50; block++) {
    for (const ledgered of block % 2 === 0 ? [true, false] : [false, true]) {
      for (let i = 0; i < 50; i++) {
        const started = performance.now();
        await registerOnce(db, ledgered, block * 50 + i);
        timings[ledgered ? 'with' : 'without'].push(performance.now() - started);
      }
    }
  }
  const withLedger = stats(timings.with);
  const without = stats(timings.without);
  record('register a facility, with ledger entries, p50', 'ms', engine, withLedger.p50);
  record('register a facility, with ledger entries, mean', 'ms', engine, withLedger.mean);
  record('register a facility, without ledger entries, p50', 'ms', engine, without.p50);
  record('register a facility, without ledger entries, mean', 'ms', engine, without.mean);
  record('ledger cost: with / without (p50)', '×', engine, withLedger.p50 / without.p50, { max: 1.3 });
  record('ledger cost: with / without (mean)', '×', engine, withLedger.mean / without.mean, { max: 1.3 });
}

/** Appends unchanged-record entries for the demo's facilities until the ledger holds `entries`. */
async function growLedger(db: Db, entries: number) {
  const head = await readLedgerState(db);
  const ids = (await db.selectFrom('facilities').select('id').orderBy('id').execute()).map((r) => r.id);
  let missing = entries - Number(head.seq);
  for (let i = 0; missing > 0; i = (i + 500) % ids.length) {
    const chunk = ids.slice(i, i + Math.min(500, missing));
    await db
      .transaction()
      .execute((tx) => appendRowsToLedger(tx, 'bench', 'update', 'facilities', sql`id = ANY(${chunk}::uuid[])`));
    missing -= chunk.length;
  }
}

async function measureVerify(engine: Engine, db: Db) {
  await growLedger(db, VERIFY_ENTRIES);
  const started = performance.now();
  let chainDone = started;
  const result = await verifyLedger(db, () => {
    chainDone = performance.now(); // the last call comes when the whole chain is walked
  });
  if (!result.ok) throw new Error(`the ledger did not verify: ${JSON.stringify(result.broken)}`);
  record('verify: ledger entries checked', 'entries', engine, result.entries);
  record('verify: throughput, chain and records', 'entries/s', engine, result.entries / result.seconds, {
    min: 100_000,
  });
  record('verify: throughput, hash chain alone', 'entries/s', engine, result.entries / ((chainDone - started) / 1000));
}

// ---------------------------------------------------------------------------------------------
// one engine after the other

/** The demo network built in process into a fresh database, timed alone, then the population's load. */
async function measureDemoBuild(engine: Engine, open: () => Promise<Storage>) {
  const storage = await open();
  try {
    await prepareDatabase(storage.db);
    let started = performance.now();
    await buildDemo(storage.db, { population: 'later' });
    record(
      'demo network build alone (in process)',
      's',
      engine,
      (performance.now() - started) / 1000,
      engine === 'pglite' ? { max: 8 } : undefined,
    );
    started = performance.now();
    await new DemoPopulationLoader(storage.db).run();
    record(
      'demo population load alone (in process, 45 thousand people)',
      's',
      engine,
      (performance.now() - started) / 1000,
    );
  } finally {
    await storage.close();
  }
}

/** First start, restart, reads and memory through the server, then verification and writes in process. */
async function benchEngine(engine: Engine, env: Record<string, string>, open: () => Promise<Storage>) {
  const startedAt = performance.now();
  const first = await startServer(env);
  record('first start, fresh install (migrate, reference data, demo, HTTP)', 's', engine, first.ms / 1000, { max: 20 });
  record(
    'server memory (RSS) at first answer, population loading',
    'MB',
    engine,
    residentMegabytes(first.server.process.pid!),
  );
  const populated = await waitForPopulation(first.server, startedAt);
  record('demo population loaded in the background (from spawning)', 's', engine, populated);
  record(
    'server memory (RSS) when the population has loaded',
    'MB',
    engine,
    residentMegabytes(first.server.process.pid!),
  );
  await measureReads(engine, first.server);
  record(
    'server memory (RSS) after the first start, population and reads',
    'MB',
    engine,
    residentMegabytes(first.server.process.pid!),
    { max: 300 },
  );
  await stopServer(first.server);
  const again = await startServer(env);
  record('start again on the same data', 's', engine, again.ms / 1000, { max: 5 });
  await measureReads(engine, again.server);
  record('server memory (RSS) after a restart and reads', 'MB', engine, residentMegabytes(again.server.process.pid!), {
    max: 300,
  });
  await stopServer(again.server);
  const storage = await open();
  try {
    await measureVerify(engine, storage.db);
    await measureLedgerCost(engine, storage.db);
  } finally {
    await storage.close();
  }
}

async function benchPGlite() {
  const home = mkdtempSync(join(tmpdir(), 'adentro-bench-'));
  try {
    await measureDemoBuild('pglite', () => openStorage({ dataDir: join(home, 'demo-alone') }));
    const dataDir = join(home, 'data');
    await benchEngine('pglite', { ADENTRO_DATA_DIR: dataDir }, () => openStorage({ dataDir }));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function benchPostgres(url: string) {
  await withDatabase(url, (databaseUrl) =>
    measureDemoBuild('postgresql', () => openStorage({ databaseUrl, poolSize: 2 })),
  );
  await withDatabase(url, (databaseUrl) =>
    benchEngine('postgresql', { ADENTRO_DATABASE_URL: databaseUrl }, () => openStorage({ databaseUrl, poolSize: 2 })),
  );
}

async function reachable(url: string): Promise<boolean> {
  try {
    await adminQuery(url, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// report

function format(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'entries/s' || unit === 'entries') return Math.round(value).toLocaleString('en-US');
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function verdict(figure: Figure, value: number | undefined): string {
  if (value === undefined || !figure.target) return '';
  const { max, min } = figure.target;
  return (max === undefined || value <= max) && (min === undefined || value >= min) ? ' ok' : ' MISS';
}

function printTable() {
  const rows = figures.map((f) => {
    const target = f.target
      ? `${f.target.max !== undefined ? '≤ ' + f.target.max : '≥ ' + f.target.min!.toLocaleString('en-US')}`
      : '';
    return [
      f.name,
      f.unit,
      format(f.pglite, f.unit) + verdict(f, f.pglite),
      format(f.postgresql, f.unit) + verdict(f, f.postgresql),
      target,
    ];
  });
  const header = ['figure', 'unit', 'PGlite', 'PostgreSQL', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(`\nnote: ${note}`);
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const jsonPath = option('--json');
  const explicitUrl = option('--postgres') ?? process.env.ADENTRO_BENCH_DATABASE_URL;
  const postgresUrl = explicitUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // The server runs from its bundle only when the bundle is newer than every source file
  // (bin/adentro.js); otherwise from the sources through tsx, which holds more memory. A new install
  // has a fresh bundle, so the benchmark builds one first: the figures are those of the code as it stands.
  console.log('Building the server bundle …');
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  const started = performance.now();
  console.log('PGlite: fresh install, restart, reads, verification, writes …');
  await benchPGlite();
  if (await reachable(postgresUrl)) {
    console.log(`PostgreSQL at ${new URL(postgresUrl).host}: the same …`);
    await benchPostgres(postgresUrl);
  } else {
    notes.push(`no PostgreSQL at ${new URL(postgresUrl).host}; give one with --postgres URL`);
    if (explicitUrl) throw new Error(`cannot reach PostgreSQL at ${explicitUrl}`);
  }
  agent.destroy();
  printTable();
  console.log(
    `\n(${((performance.now() - started) / 1000).toFixed(0)} s; ${REQUESTS} requests per read figure, ${WRITES} writes each way)`,
  );
  if (jsonPath) {
    writeFileSync(
      jsonPath,
      `${JSON.stringify({ at: new Date().toISOString(), node: process.version, figures, notes }, null, 2)}\n`,
    );
    console.log(`figures written to ${jsonPath}`);
  }
}

await main();
