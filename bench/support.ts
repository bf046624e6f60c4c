/** What every benchmark shares: sampling, the 95th percentile, throw-away PostgreSQL databases, and the figures table. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type Engine = 'pglite' | 'postgresql';

export const WARM_UP = 20;
export const SAMPLES = 200;

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
