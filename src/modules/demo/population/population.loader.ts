import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Db } from '../../../db/database';
import { refreshStatistics } from '../../../db/setup';
import { readDemoInput } from '../demo.repository';
import { medicineSteps, writeMedicinesStep } from '../demo.medicines';
import { planDemoMedicinesFor, readPopulationPrescriptions } from '../demo.medicines.service';
import { planDemoNetwork, type DemoPlan } from '../demo.plan';
import { receivingFacilitiesOf } from '../demo.referrals';
import {
  advancePopulationLoad,
  insertPopulationLoad,
  readDemoUserIds,
  readPopulationLoad,
  type PopulationLoadRow,
} from './population-load.repository';
import { POPULATION_ACTOR } from './population.plan';
import type { ReferralTargets } from './population.referrals';
import {
  demoAsicPosts,
  planPostPopulation,
  populationPosts,
  populationSteps,
  readSchedule,
  writePopulationStep,
} from './population.service';

/**
 * Rows per transaction of the background load. On the embedded database every request waits for the
 * transaction in progress, so a step is kept to a fraction of a second (about 0.2 s measured).
 */
const ROWS_PER_STEP = 2_500;

/**
 * Asks V8 for a full collection when the process allows it (`--expose-gc`, as `npm start` runs).
 * Each post's plan is tens of megabytes that are garbage once written; without a nudge V8 lets the
 * old generation grow for a while, and the server's memory with it.
 */
function releasePlanMemory() {
  (globalThis as { gc?: () => void }).gc?.();
}

/** How far the demo population's load has come, as /api/health shows it. */
export interface DemoPopulationProgress {
  /** `loading` in this process, `waiting` scheduled but not being loaded, `done` finished. */
  status: 'loading' | 'waiting' | 'done';
  percent: number;
  posts: number;
  postsDone: number;
  rows: number;
  finishedAt: string | null;
}

/** Schedules the simulated population of the demo ASIC for loading (now or by the server in the background). */
export async function scheduleDemoPopulation(
  db: Db,
  plan: DemoPlan,
  options: { seed: number; scale: number; today: string },
) {
  await insertPopulationLoad(db, { ...options, posts: demoAsicPosts(plan).length });
}

/** The part of the network plan a population needs: the ASIC's posts and the facilities it refers to. */
function trimPlan(plan: DemoPlan): DemoPlan {
  const receiving = new Set(Object.values(receivingFacilitiesOf(plan)).map((f) => f.id));
  const facilities = plan.facilities.filter((f) => f.asic_id === plan.workplaces.asic.id || receiving.has(f.id));
  const sectors = new Set(facilities.map((f) => f.sector_id));
  return { ...plan, facilities, sectors: plan.sectors.filter((s) => sectors.has(s.id)), asics: [], statusChanges: [] };
}

async function referralTargets(db: Db, plan: DemoPlan): Promise<ReferralTargets> {
  const ids = await readDemoUserIds(db, ['medico', 'cdi', 'sri', 'cat', 'hospital']);
  const id = (username: string) => ids.get(username) ?? POPULATION_ACTOR;
  return {
    facilities: receivingFacilitiesOf(plan),
    staff: { cdi: id('cdi'), sri: id('sri'), cat: id('cat'), hospital: id('hospital') },
    doctorOf: (postId) => (postId === plan.workplaces.post.id ? id('medico') : POPULATION_ACTOR),
  };
}

function progressOf(load: PopulationLoadRow, status: DemoPopulationProgress['status'], stepShare = 0) {
  const done = load.finished_at !== null;
  return {
    status: done ? ('done' as const) : status,
    // the ASIC's posts, then the dispensary's year of medicines as one part more
    percent: done ? 100 : Math.min(99, Math.floor(((load.next_post + stepShare) / (load.posts + 1)) * 100)),
    posts: load.posts,
    postsDone: Math.min(load.next_post, load.posts),
    rows: Number(load.rows_written),
    finishedAt: load.finished_at?.toISOString() ?? null,
  };
}

/**
 * Loads the scheduled demo population post by post, then the dispensary's year of medicines that
 * dispenses its prescriptions, in short transactions that each write their rows with their ledger
 * entries and move the load's cursor. Between transactions it yields, so requests are answered
 * while it runs; stopped (or killed) midway, the next run resumes at the cursor, planning the same
 * rows again from the stored seed, scale and day.
 */
export class DemoPopulationLoader {
  #progress: DemoPopulationProgress | null = null;
  #stopping = false;
  #running: Promise<'done' | 'stopped' | 'none'> | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: { log?: (message: string) => void; rowsPerStep?: number } = {},
  ) {}

  /** Where the load stands, or null when none is scheduled (or it was not read yet). */
  progress(): DemoPopulationProgress | null {
    return this.#progress;
  }

  /** Reads the scheduled load, if any, so that progress() answers before run() starts. */
  async refresh(): Promise<DemoPopulationProgress | null> {
    const load = await readPopulationLoad(this.db);
    this.#progress = load ? progressOf(load, this.#running ? 'loading' : 'waiting') : null;
    return this.#progress;
  }

  /** Loads what remains; `maxSteps` stops it after that many transactions (tests). */
  run(options: { maxSteps?: number } = {}): Promise<'done' | 'stopped' | 'none'> {
    this.#stopping = false;
    this.#running ??= this.#load(options.maxSteps ?? Infinity).finally(() => (this.#running = null));
    return this.#running;
  }

  /** Stops after the transaction in progress and waits for it. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running?.catch(() => undefined);
  }

  async #load(maxSteps: number): Promise<'done' | 'stopped' | 'none'> {
    const load = await readPopulationLoad(this.db);
    if (!load || load.finished_at) {
      this.#progress = load ? progressOf(load, 'done') : null;
      return 'none';
    }
    const started = performance.now();
    const log = this.options.log ?? (() => {});
    log(
      load.next_post === 0 && load.next_step === 0
        ? `Loading the demo population in the background: ${load.posts} posts of the demo ASIC`
        : `Resuming the demo population at post ${load.next_post + 1} of ${load.posts}`,
    );
    const plan = trimPlan(planDemoNetwork(await readDemoInput(this.db), load.seed));
    releasePlanMemory();
    const schedule = await readSchedule(this.db);
    const options = {
      seed: load.seed,
      scale: load.scale,
      today: load.today,
      targets: await referralTargets(this.db, plan),
    };
    const posts = populationPosts(plan, load.scale).length;
    if (posts !== load.posts) throw new Error(`The demo ASIC has ${posts} posts, the scheduled load ${load.posts}`);
    let written = 0;
    let lastLogged = progressOf(load, 'loading').percent;
    const write = async (steps: number, run: (tx: Db) => Promise<number>, cursor: { post: number; step: number }) => {
      const finished = cursor.post > posts;
      const rows = await this.db.transaction().execute(async (tx) => {
        const n = await run(tx);
        await advancePopulationLoad(tx, finished ? { post: posts, step: cursor.step } : cursor, n, finished);
        return n;
      });
      Object.assign(load, { next_post: Math.min(cursor.post, posts), next_step: cursor.step });
      load.rows_written = Number(load.rows_written) + rows;
      if (finished) load.finished_at = new Date();
      this.#progress = progressOf(load, 'loading', cursor.step / Math.max(1, steps));
      if (this.#progress.percent >= lastLogged + 10 || finished) {
        lastLogged = this.#progress.percent;
        log(`Demo population: ${this.#progress.percent}% (${this.#progress.rows} rows)`);
      }
      written++;
      await yieldToRequests();
    };
    this.#progress = progressOf(load, 'loading');
    for (let post = load.next_post; post < posts; post++, releasePlanMemory()) {
      const steps = populationSteps(
        planPostPopulation(plan, schedule, options, post),
        this.options.rowsPerStep ?? ROWS_PER_STEP,
      );
      for (let step = post === load.next_post ? load.next_step : 0; step < steps.length; step++) {
        if (this.#stopping || written >= maxSteps) return 'stopped';
        const last = step === steps.length - 1;
        await write(
          steps.length,
          (tx) => writePopulationStep(tx, steps[step]!),
          last ? { post: post + 1, step: 0 } : { post, step: step + 1 },
        );
      }
    }
    const medicines = medicineSteps(
      await planDemoMedicinesFor(this.db, POPULATION_ACTOR, {
        seed: load.seed,
        today: load.today,
        workplaces: plan.workplaces,
        prescriptions: await readPopulationPrescriptions(this.db, POPULATION_ACTOR),
      }),
    );
    const from = load.next_post === posts ? load.next_step : 0;
    for (let step = from; step < Math.max(medicines.length, 1); step++) {
      if (this.#stopping || written >= maxSteps) return 'stopped';
      const last = step >= medicines.length - 1;
      const medicine = medicines[step];
      await write(
        medicines.length,
        (tx) => (medicine ? writeMedicinesStep(tx, POPULATION_ACTOR, medicine) : Promise.resolve(0)),
        last ? { post: posts + 1, step: step + 1 } : { post: posts, step: step + 1 },
      );
    }
    releasePlanMemory();
    await refreshStatistics(this.db);
    log(`Demo population loaded in ${((performance.now() - started) / 1000).toFixed(0)} s (${load.rows_written} rows)`);
    return 'done';
  }
}
