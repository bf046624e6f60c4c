import type { Db } from '../../../db/database';

/** The demo population's load as stored: what to plan, and the cursor of what is written. */
export interface PopulationLoadRow {
  seed: number;
  scale: number;
  today: string;
  posts: number;
  next_post: number;
  next_step: number;
  rows_written: number;
  requested_at: Date;
  finished_at: Date | null;
}

/** The scheduled load, if any. */
export async function readPopulationLoad(db: Db): Promise<PopulationLoadRow | undefined> {
  const row = await db.selectFrom('demo_population_load').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    requested_at: new Date(row.requested_at),
    finished_at: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

/** Schedules the load of a population planned with this seed, scale and last day over `posts` posts. */
export async function insertPopulationLoad(
  db: Db,
  load: { seed: number; scale: number; today: string; posts: number },
): Promise<void> {
  await db
    .insertInto('demo_population_load')
    .values({ id: 1, ...load, requested_at: new Date(), finished_at: null })
    .execute();
}

/** Moves the cursor past a written step, adding its rows; in the step's own transaction. */
export async function advancePopulationLoad(
  tx: Db,
  cursor: { post: number; step: number },
  rows: number,
  finished: boolean,
): Promise<void> {
  await tx
    .updateTable('demo_population_load')
    .set((eb) => ({
      next_post: cursor.post,
      next_step: cursor.step,
      rows_written: eb('rows_written', '+', rows),
      ...(finished && { finished_at: new Date() }),
    }))
    .where('id', '=', 1)
    .execute();
}

/** The user ids of the demo users the population's referrals involve, by username. */
export async function readDemoUserIds(db: Db, usernames: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute();
  return new Map(rows.map((r) => [r.username, r.id]));
}
