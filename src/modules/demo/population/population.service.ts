import type { Db } from '../../../db/database';
import { loadSchedule } from '../../care/immunization.repository';
import type { FacilityRow, SectorRow } from '../demo.builder';
import type { DemoPlan } from '../demo.plan';
import { receivingFacilitiesOf } from '../demo.referrals';
import { peoplePerPost, planPostCensus } from './population.census';
import { planClassifications, planEncounters, planImmunizations } from './population.care';
import { planDeaths, planMaternalCare } from './population.maternal';
import { planReferrals, type ReferralTargets } from './population.referrals';
import { DEATHS_PER_1000 } from './population.rules';
import {
  POPULATION_ACTOR,
  POPULATION_TABLES,
  PopulationContext,
  type PopulationPost,
  type PopulationRows,
} from './population.plan';
import { insertLedgeredRows } from './population.repository';

/** Rows per transaction when the population is written in one go (tests, benchmarks): large, for few round trips. */
const ROWS_PER_TRANSACTION = 25_000;

/**
 * The posts of the demo users' ASIC (ASIC Nueva Caracas in parish Sucre, Catia). The ASIC has far
 * fewer posts than its 45 thousand people would need at 1,200 each (the network covers 37% of the
 * planning rule), so its population is spread over the posts it has; a suspended post keeps none.
 */
export function demoAsicPosts(plan: DemoPlan): PopulationPost[] {
  const sectors = new Map<string, SectorRow>(plan.sectors.map((s) => [s.id as string, s]));
  return plan.facilities
    .filter(
      (f: FacilityRow) =>
        f.asic_id === plan.workplaces.asic.id && f.kind === 'consultorio_popular' && f.status === 'operating',
    )
    .map((f) => ({
      id: f.id,
      code: f.code as string,
      stateCode: f.state_code as string,
      parishCode: f.parish_code as string,
      sectorId: (f.sector_id as string | null) ?? null,
      sectorName: f.sector_id ? ((sectors.get(f.sector_id as string)?.name as string) ?? 'Catia') : 'Catia',
      targetFamilies: (f.target_families as number | null) ?? 272,
    }));
}

/** The ASIC's posts with the people each is planned with (`scale` shrinks all but the demo post). */
export function populationPosts(plan: DemoPlan, scale: number): { post: PopulationPost; people: number }[] {
  const posts = demoAsicPosts(plan);
  const population = Math.round((plan.workplaces.asic.population as number) * scale);
  const people = peoplePerPost(posts, population, plan.workplaces.post.id);
  return posts.map((post, i) => ({ post, people: people[i]! }));
}

export interface PopulationOptions {
  seed: number;
  /** The last day of the simulated year of care. */
  today: string;
  /** Share of the ASIC's population to simulate (1 is all); the demo users' post always keeps its own size. */
  scale: number;
  /** Where people are referred and who acts there (default: the plan's receiving facilities, the demo actor). */
  targets?: ReferralTargets;
}

/** The demo network's receiving facilities, every step taken by the demo actor. */
export function defaultReferralTargets(plan: DemoPlan): ReferralTargets {
  return {
    facilities: receivingFacilitiesOf(plan),
    staff: { cdi: POPULATION_ACTOR, sri: POPULATION_ACTOR, cat: POPULATION_ACTOR, hospital: POPULATION_ACTOR },
    doctorOf: () => POPULATION_ACTOR,
  };
}

/**
 * Plans one post of the demo population and its year of care ending `today`: households, people,
 * classifications, consultations, vaccinations, maternal care, deaths, and the referrals of the
 * consultations that ended in one, with the care they led to. Pure but for the schedule it is
 * given; every random stream is the post's own, so a post plans the same whether it is planned
 * alone (as the background load does, post by post) or with the others.
 */
export function planPostPopulation(
  plan: DemoPlan,
  schedule: Parameters<typeof planImmunizations>[1],
  options: PopulationOptions,
  index: number,
): PopulationRows {
  const posts = populationPosts(plan, options.scale);
  const { post, people } = posts[index]!;
  const ctx = new PopulationContext(options.seed, options.today, post.code);
  const asicPeople = posts.reduce((sum, p) => sum + p.people, 0);
  planPostCensus(ctx, post, people, { index, of: posts.length });
  planMaternalCare(ctx);
  // One maternal death in a year is about the ASIC's share of the country's; it falls in the first post.
  planDeaths(ctx, { maternalDeath: index === 0 && (asicPeople * DEATHS_PER_1000) / 1000 >= 100 });
  planClassifications(ctx);
  planEncounters(ctx);
  planImmunizations(ctx, schedule);
  planReferrals(ctx, options.targets ?? defaultReferralTargets(plan));
  return ctx.rows;
}

/** Plans the whole demo population, post after post (see planPostPopulation). */
export function planDemoPopulation(
  plan: DemoPlan,
  schedule: Parameters<typeof planImmunizations>[1],
  options: PopulationOptions,
): PopulationRows {
  const all = planPostPopulation(plan, schedule, options, 0);
  for (let i = 1; i < populationPosts(plan, options.scale).length; i++) {
    const rows = planPostPopulation(plan, schedule, options, i);
    for (const table of POPULATION_TABLES) (all[table] as unknown[]).push(...rows[table]);
  }
  return all;
}

/** How many rows a plan holds, for progress. */
export function countRows(rows: PopulationRows): number {
  return POPULATION_TABLES.reduce((sum, table) => sum + rows[table].length, 0);
}

/** Reads the vaccination schedule the plan follows. */
export function readSchedule(db: Db) {
  return loadSchedule(db);
}

/** Rows of one table that one transaction writes. */
export interface PopulationSlice {
  table: (typeof POPULATION_TABLES)[number];
  rows: readonly { id: string }[];
}

/**
 * Cuts planned rows into steps of at most `rowsPerStep` rows, tables in the order they are written
 * (a step may hold the end of one table and the start of the next). Each step is one transaction:
 * short enough that requests waiting on the embedded database's single connection get their turn.
 */
export function populationSteps(rows: PopulationRows, rowsPerStep: number): PopulationSlice[][] {
  const steps: PopulationSlice[][] = [];
  let step: PopulationSlice[] = [];
  let size = 0;
  for (const table of POPULATION_TABLES) {
    const all = rows[table];
    for (let i = 0; i < all.length;) {
      const take = Math.min(all.length - i, rowsPerStep - size);
      step.push({ table, rows: all.slice(i, i + take) });
      size += take;
      i += take;
      if (size === rowsPerStep) {
        steps.push(step);
        step = [];
        size = 0;
      }
    }
  }
  if (step.length > 0) steps.push(step);
  return steps;
}

/** Writes one step's rows, every row with its ledger entry. Call inside a transaction. */
export async function writePopulationStep(tx: Db, step: readonly PopulationSlice[]): Promise<number> {
  let rows = 0;
  for (const slice of step) {
    await insertLedgeredRows(tx, POPULATION_ACTOR, slice.table, slice.rows);
    rows += slice.rows.length;
  }
  return rows;
}

/** Writes the planned population in transactions of ROWS_PER_TRANSACTION rows, every row with its ledger entry. */
export async function writeDemoPopulation(db: Db, rows: PopulationRows, report: (rows: number) => void) {
  for (const step of populationSteps(rows, ROWS_PER_TRANSACTION)) {
    report(await db.transaction().execute((tx) => writePopulationStep(tx, step)));
  }
}
