import type { Db } from '../../../db/database';
import { loadSchedule } from '../../care/immunization.repository';
import type { FacilityRow, SectorRow } from '../demo.builder';
import type { DemoPlan } from '../demo.plan';
import { peoplePerPost, planCensus } from './population.census';
import { planClassifications, planEncounters, planImmunizations } from './population.care';
import { planDeaths, planMaternalCare } from './population.maternal';
import {
  POPULATION_ACTOR,
  POPULATION_TABLES,
  PopulationContext,
  type PopulationPost,
  type PopulationRows,
} from './population.plan';
import { insertLedgeredRows } from './population.repository';

/** Rows per transaction: large, so that few transactions and ledger calls carry the whole population. */
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

/**
 * Plans the demo population and its year of care ending `today`. Pure but for the schedule it is
 * given: the same seed, plan and day give the same rows. `scale` shrinks the ASIC's population
 * (1 = the whole ASIC); the demo users' post always keeps its own planned size.
 */
export function planDemoPopulation(
  plan: DemoPlan,
  schedule: Parameters<typeof planImmunizations>[1],
  options: { seed: number; today: string; scale: number },
): PopulationRows {
  const ctx = new PopulationContext(options.seed, options.today);
  const posts = demoAsicPosts(plan);
  const population = Math.round((plan.workplaces.asic.population as number) * options.scale);
  planCensus(ctx, posts, peoplePerPost(posts, population, plan.workplaces.post.id));
  planMaternalCare(ctx);
  planDeaths(ctx);
  planClassifications(ctx);
  planEncounters(ctx);
  planImmunizations(ctx, schedule);
  return ctx.rows;
}

/** How many rows a plan holds, for progress. */
export function countRows(rows: PopulationRows): number {
  return POPULATION_TABLES.reduce((sum, table) => sum + rows[table].length, 0);
}

/** Reads the vaccination schedule the plan follows. */
export function readSchedule(db: Db) {
  return loadSchedule(db);
}

/** Writes the planned population, table by table, every row with its ledger entry. */
export async function writeDemoPopulation(db: Db, rows: PopulationRows, report: (rows: number) => void) {
  for (const table of POPULATION_TABLES) {
    const all = rows[table];
    for (let i = 0; i < all.length; i += ROWS_PER_TRANSACTION) {
      const chunk = all.slice(i, i + ROWS_PER_TRANSACTION);
      await db.transaction().execute((tx) => insertLedgeredRows(tx, POPULATION_ACTOR, table, chunk));
      report(chunk.length);
    }
  }
}
