import { sql, type Kysely } from 'kysely';

/**
 * Where the demo population's background load stands. The server loads the simulated population
 * after it is already answering, one short transaction at a time; each transaction also moves this
 * row's cursor (the post being written and the step within it), so a load stopped midway resumes
 * where it stopped, and nothing is written twice or half. The row is the load's bookkeeping, not a
 * health fact, so it is not on the ledger. At most one row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE demo_population_load (
    id integer PRIMARY KEY CHECK (id = 1),
    seed integer NOT NULL,
    scale double precision NOT NULL CHECK (scale > 0 AND scale <= 1),
    today date NOT NULL,
    posts integer NOT NULL CHECK (posts >= 0),
    next_post integer NOT NULL DEFAULT 0,
    next_step integer NOT NULL DEFAULT 0,
    rows_written bigint NOT NULL DEFAULT 0,
    requested_at timestamptz NOT NULL,
    finished_at timestamptz)`.execute(db);
}
