/** What every benchmark shares: sampling, the 95th percentile, throw-away PostgreSQL databases, and the figures table. */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { NODE_FLAGS, runsWith } from '../bin/node-flags.js';

export type Engine = 'pglite' | 'postgresql';

export const WARM_UP = 20;
export const SAMPLES = 200;

/** Writes sent 16 at a time, unmeasured, before the concurrent figures: rounds of a thousand. */
export const CONCURRENT_WARM_UP_ROUNDS = 5;
export const CONCURRENT_WARM_UP_ROUND = 1_000;
/** All the writes of the warm-up, for a benchmark that must set up a record for each. */
export const CONCURRENT_WARM_UP_WRITES = CONCURRENT_WARM_UP_ROUNDS * CONCURRENT_WARM_UP_ROUND;

/** At most this many rounds when warming up until the rate is steady (`warmUp`'s `untilSteady`). */
export const CONCURRENT_WARM_UP_MOST_ROUNDS = 15;
/** A rate is steady when the last three rounds beat the best round before them by less than this share. */
const STEADY_GAIN = 0.05;

/**
 * Warms a server up for the concurrent figures and prints the rate of each round, so that the
 * curve is there to read: the figure is meant to be a running server's, its code compiled by the
 * JIT and its statements prepared and planned on every connection of the pool, and on a two-core
 * machine that took some four thousand writes (the rate rose from 1,300 to 2,200 a second and
 * then stayed). With `untilSteady` it goes on past the five rounds, up to fifteen, until the rate
 * stops rising: with the group statements pipelined on a server (decision 0012) and the whole demo
 * population loaded, the rate was still rising after five rounds (979, 856, 1,311, 1,506, 1,785)
 * and levelled out at 2,100–2,200 only after eight.
 */
export async function warmUp(
  label: string,
  round: (count: number) => Promise<unknown>,
  { untilSteady = false }: { untilSteady?: boolean } = {},
) {
  const rates: number[] = [];
  const steady = () => {
    if (!untilSteady || rates.length < CONCURRENT_WARM_UP_ROUNDS) return rates.length >= CONCURRENT_WARM_UP_ROUNDS;
    const before = Math.max(...rates.slice(0, -3));
    return Math.max(...rates.slice(-3)) < before * (1 + STEADY_GAIN);
  };
  while (!steady() && rates.length < CONCURRENT_WARM_UP_MOST_ROUNDS) {
    const started = performance.now();
    await round(CONCURRENT_WARM_UP_ROUND);
    rates.push(CONCURRENT_WARM_UP_ROUND / ((performance.now() - started) / 1000));
  }
  console.log(
    `  warm-up, ${label}, rounds of ${CONCURRENT_WARM_UP_ROUND}: ${rates.map((r) => r.toFixed(0)).join(', ')} a second`,
  );
}

/**
 * Runs this benchmark again in a child process with the server's Node flags for `engine`
 * (`bin/node-flags.js`, decision 0005), unless it has them already. Returns whether it did: the
 * caller then stops, the child having printed the figures. On the embedded database the server
 * keeps V8's young generation small, so it collects garbage far more often than a process started
 * without the flag (on a post's worklist that cost a quarter more time); a benchmark that runs the
 * app in its own process must do the same for its figures to be the server's. One that measures
 * both databases in one process runs with the embedded database's flags, the stricter of the two.
 */
export async function runWithServerFlags(engine: Engine = 'pglite'): Promise<boolean> {
  const flags = NODE_FLAGS[engine];
  if (runsWith(process.execArgv, flags)) {
    console.log(`  Node runs with ${flags.join(' ')}, as the server runs on ${ENGINE_NAMES[engine]}`);
    return false;
  }
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  return true;
}

const ENGINE_NAMES: Record<Engine, string> = { pglite: 'the embedded database', postgresql: 'a PostgreSQL server' };

/**
 * Runs this benchmark again for `engine` alone, with `args` and `--engine <engine> --figures
 * <file>`, in a child Node with the server's flags for that database, and returns the figures the
 * child wrote to the file.
 */
export async function runEngineInChild(engine: Engine, args: readonly string[]): Promise<Figure[]> {
  const file = join(tmpdir(), `adentro-bench-figures-${randomBytes(4).toString('hex')}.json`);
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...NODE_FLAGS[engine], process.argv[1]!, ...args, '--engine', engine, '--figures', file],
    { stdio: 'inherit' },
  );
  const code = await new Promise<number>((resolve) => child.on('exit', (exit) => resolve(exit ?? 1)));
  if (code !== 0) throw new Error(`the ${engine} part of the benchmark failed (exit ${code})`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Figure[];
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * How fast this machine is at the moment, printed beside the figures: the speed of one core at
 * SHA-256, and the time of a trivial query's round trip to PostgreSQL (which measures how quickly
 * the two processes wake each other, the cost that small statements pay most). On a shared virtual
 * machine both wander from hour to hour, and the figures with them; these say by how much.
 */
export async function printMachineSpeed(label: string, postgresUrl?: string) {
  const block = randomBytes(64 * 1024);
  const hashes = 2_000;
  let started = performance.now();
  for (let i = 0; i < hashes; i++) createHash('sha256').update(block).digest();
  const hashing = (hashes * block.length) / 1024 / 1024 / ((performance.now() - started) / 1000);
  let roundTrip = '';
  if (postgresUrl) {
    const client = new pg.Client({ connectionString: postgresUrl });
    try {
      await client.connect();
      const trips = 2_000;
      for (let i = 0; i < 200; i++) await client.query('SELECT 1');
      started = performance.now();
      for (let i = 0; i < trips; i++) await client.query('SELECT 1');
      roundTrip = `, a PostgreSQL round trip ${(((performance.now() - started) * 1000) / trips).toFixed(0)} µs`;
    } catch (error) {
      roundTrip = `, PostgreSQL did not answer (${(error as Error).message})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  console.log(`  machine ${label}: SHA-256 at ${hashing.toFixed(0)} MB/s on one core${roundTrip}`);
}

export function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
}

/**
 * Runs `run` WARM_UP times unmeasured, then `count` times measured, and returns the milliseconds
 * of each measured run. Every call gets its own index (warm-up first), so a run that must act on a
 * different record each time can pick it by index.
 */
export async function timed(run: (i: number) => Promise<unknown>, count = SAMPLES): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(WARM_UP + i);
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Runs `use` with a new, uniquely named database on the server, dropped afterwards. */
export async function withDatabase(url: string, use: (databaseUrl: string) => Promise<void>) {
  const name = `adentro_bench_${randomBytes(4).toString('hex')}`;
  const target = new URL(url);
  target.pathname = `/${name}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  try {
    await use(target.toString());
  } finally {
    await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

export interface Figure {
  name: string;
  unit: string;
  target?: string;
  pglite?: number;
  postgresql?: number;
}

/** Figures by name and unit, one column per engine, printed as a table at the end of a run. */
export class FigureTable {
  readonly figures: Figure[] = [];

  record(name: string, unit: string, engine: Engine, value: number, target?: string) {
    let figure = this.figures.find((f) => f.name === name && f.unit === unit);
    if (!figure) this.figures.push((figure = { name, unit, ...(target && { target }) }));
    figure[engine] = value;
  }

  /** Takes in figures recorded elsewhere (another process's table). */
  merge(figures: readonly Figure[]) {
    for (const figure of figures) {
      for (const engine of ['pglite', 'postgresql'] as const) {
        const value = figure[engine];
        if (value !== undefined) this.record(figure.name, figure.unit, engine, value, figure.target);
      }
    }
  }

  print() {
    const fmt = (v: number | undefined) => (v === undefined ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));
    const rows = this.figures.map((f) => [f.name, f.unit, fmt(f.pglite), fmt(f.postgresql), f.target ?? '']);
    const header = ['figure', 'unit', 'PGlite', 'PostgreSQL', 'target'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i >= 2 && i <= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
    console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
    for (const row of rows) console.log(line(row));
  }
}
