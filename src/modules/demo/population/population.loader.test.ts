import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config';
import type { Db, Storage } from '../../../db/database';
import { buildApp } from '../../../server/app';
import { openTestStorage } from '../../../test/harness';
import { loadSchedule } from '../../care/immunization.repository';
import { verifyLedger } from '../../integrity/verify.service';
import { readDemoInput } from '../demo.repository';
import { planDemoNetwork, type DemoPlan } from '../demo.plan';
import { readPopulationLoad } from './population-load.repository';
import { DemoPopulationLoader, scheduleDemoPopulation } from './population.loader';
import { POPULATION_TABLES } from './population.plan';
import { planDemoPopulation } from './population.service';
import { writeDemoAsic } from './population.test-support';

const TODAY = '2026-11-22';
/** A small share of the ASIC (the demo post keeps its ~1,200 people): enough steps to stop midway. */
const SCALE = 0.03;

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...POPULATION_TABLES, 'stock_lots', 'dispensings', 'stock_movements'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describe('the background load of the demo population', () => {
  let storage: Storage;
  let db: Db;
  let plan: DemoPlan;

  beforeAll(async () => {
    storage = await openTestStorage();
    db = storage.db;
    plan = planDemoNetwork(await readDemoInput(db), 2003);
    await writeDemoAsic(db, plan);
    await scheduleDemoPopulation(db, plan, { seed: 2003, scale: SCALE, today: TODAY });
  }, 120_000);

  afterAll(async () => {
    await storage?.close();
  });

  it('stops after a few transactions with a consistent cursor, and a new run completes the load', async () => {
    const first = new DemoPopulationLoader(db, { rowsPerStep: 1_000 });
    expect(await first.run({ maxSteps: 5 })).toBe('stopped');
    const midway = await readPopulationLoad(db);
    expect(midway?.finished_at).toBeNull();
    expect(midway!.next_post * 1_000 + midway!.next_step).toBeGreaterThan(0);
    const persons = await db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(persons.n)).toBeGreaterThan(0);
    expect(Number(midway!.rows_written)).toBe(5_000);
    expect((await verifyLedger(db)).ok).toBe(true);

    // a server started again: another loader, another step size would be wrong, so the same
    const second = new DemoPopulationLoader(db, { rowsPerStep: 1_000 });
    expect(await second.run()).toBe('done');
    expect(second.progress()).toMatchObject({ status: 'done', percent: 100 });
    const planned = planDemoPopulation(plan, await loadSchedule(db), { seed: 2003, scale: SCALE, today: TODAY });
    const counts = await tableCounts(db);
    for (const table of POPULATION_TABLES) expect(counts[table], table).toBe(planned[table].length);
    // the dispensary dispenses the prescriptions of its year of medicines (a day shorter than the care's)
    expect(counts.dispensings).toBeGreaterThan(planned.prescriptions.length * 0.98);
    expect(counts.stock_lots).toBeGreaterThan(0);
    const done = await readPopulationLoad(db);
    expect(done?.finished_at).not.toBeNull();
    expect(Number(done!.rows_written)).toBeGreaterThan(
      POPULATION_TABLES.reduce((sum, table) => sum + planned[table].length, 0),
    );
    expect(await new DemoPopulationLoader(db).run()).toBe('none');
  }, 240_000);

  it('puts every row it wrote on the ledger, and the ledger verifies', async () => {
    const result = await verifyLedger(db);
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThan(10_000);
  });
});

describe('the server while the demo population loads', () => {
  let storage: Storage;

  beforeAll(async () => {
    storage = await openTestStorage();
    const plan = planDemoNetwork(await readDemoInput(storage.db), 2003);
    await writeDemoAsic(storage.db, plan);
    await scheduleDemoPopulation(storage.db, plan, { seed: 2003, scale: SCALE, today: TODAY });
  }, 120_000);

  afterAll(async () => {
    await storage?.close();
  });

  it('answers /api/health between the transactions, with the progress of the load', async () => {
    const loader = new DemoPopulationLoader(storage.db, { rowsPerStep: 1_000 });
    const app = await buildApp(loadConfig({ logLevel: 'silent', webDir: 'dist/web' }), storage, {
      demoPopulation: loader,
    });
    try {
      await app.ready();
      expect((await loader.refresh())?.status).toBe('waiting');
      const waiting = (await app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(waiting.demoPopulation).toMatchObject({ status: 'waiting', percent: 0 });
      const loading = loader.run();
      const seen: { percent: number; status: string; ms: number }[] = [];
      let finished = false;
      void loading.then(() => (finished = true));
      while (!finished) {
        const started = performance.now();
        const res = await app.inject({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(200);
        const { demoPopulation } = res.json();
        seen.push({ ...demoPopulation, ms: performance.now() - started });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await loading).toBe('done');
      const during = seen.filter((s) => s.status === 'loading');
      // answered many times while loading, each within a transaction or two, with the percentage rising
      expect(during.length).toBeGreaterThan(5);
      expect(during.some((s) => s.percent > 0 && s.percent < 100)).toBe(true);
      expect(during.map((s) => s.percent)).toEqual([...during.map((s) => s.percent)].sort((a, b) => a - b));
      expect(Math.max(...during.map((s) => s.ms))).toBeLessThan(5_000);
      const after = (await app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(after.demoPopulation).toMatchObject({ status: 'done', percent: 100 });
    } finally {
      await app.close();
    }
  }, 240_000);

  it('leaves a test app without a population loader: its health has no demoPopulation', async () => {
    const app = await buildApp(loadConfig({ logLevel: 'silent', webDir: 'dist/web' }), storage);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.json().demoPopulation).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
