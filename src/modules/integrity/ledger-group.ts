import { sql, type Compilable, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { UNPREPARED } from '../../db/prepared-client';
import { LEDGERED, type LedgeredEntity } from './ledgered-entities';

/**
 * One table's part of a ledgered write: an `INSERT … RETURNING *` or `UPDATE … RETURNING *` of
 * whole rows. A part that reads what an earlier part of the same write wrote takes it from
 * `cte(name)`, that part's `name`.
 */
export interface LedgeredPart {
  entity: LedgeredEntity;
  action: 'create' | 'update';
  query: Writing | ((cte: (name: string) => RawBuilder<unknown>) => Writing);
  name?: string;
}

type Writing = Compilable<unknown> | RawBuilder<unknown>;

/** What one request writes in one statement, by whom. */
export interface LedgeredWrite {
  actor: string;
  parts: readonly LedgeredPart[];
  /**
   * The records the write updates (`stock_lots:<id>`). Two writes that update the same record are
   * never put in one statement, where only one of the two updates would take effect, nor sent at
   * the same time, where they would only wait for each other's lock.
   */
  updates?: readonly string[];
}

/** The rows each part of a write wrote, as JSON (timestamps as ISO text), in the order of its parts. */
export type WrittenParts = Record<string, unknown>[][];

/**
 * The statement that runs several writes together and appends the ledger entries of every row
 * they wrote in one call: entries are chained write after write, each write's in the order of
 * its parts, then by key, so a write alone chains exactly as it does within a group.
 */
function groupStatement(writes: readonly LedgeredWrite[]) {
  const ctes: RawBuilder<unknown>[] = [];
  const entries: RawBuilder<unknown>[] = [];
  writes.forEach(({ actor, parts }, w) => {
    const cteName = (p: number) => `w${w}_${p}`;
    const cte = (name: string) => {
      const p = parts.findIndex((part) => part.name === name);
      if (p < 0) throw new Error(`No part named ${name} in this write`);
      return sql.table(cteName(p));
    };
    parts.forEach(({ entity, action, query }, p) => {
      const writing = typeof query === 'function' ? query(cte) : query;
      ctes.push(sql`${sql.table(cteName(p))} AS (${writing})`);
      entries.push(
        sql`SELECT ${sql.lit(w)}::int AS w, ${sql.lit(p)}::int AS part, ${actor}::text AS actor,
                   ${sql.lit(action)}::text AS action, ${sql.lit(entity)}::text AS entity,
                   x.${sql.ref(LEDGERED[entity]!.key)}::text AS record_id, to_jsonb(x) AS record
            FROM ${sql.table(cteName(p))} x`,
      );
    });
  });
  // A group's text changes with its make-up, so only a write alone is worth preparing.
  const prefix = writes.length > 1 ? sql.raw(UNPREPARED) : sql``;
  return sql<{ w: number; part: number; record: Record<string, unknown> }>`${prefix}
    WITH ${sql.join(ctes, sql`, `)},
    entries AS (${sql.join(entries, sql` UNION ALL `)}),
    appended AS (
      SELECT ledger_append_group(array_agg(actor ORDER BY w, part, record_id),
               array_agg(action ORDER BY w, part, record_id), array_agg(entity ORDER BY w, part, record_id),
               array_agg(record_id ORDER BY w, part, record_id), array_agg(record ORDER BY w, part, record_id)) AS n
      FROM entries)
    SELECT entries.w, entries.part, entries.record FROM entries, appended ORDER BY w, part, record_id`;
}

/** Runs writes as one statement (atomic: if any part of any write fails, nothing is written). */
export async function writeGroup(db: Db, writes: readonly LedgeredWrite[]): Promise<WrittenParts[]> {
  const { rows } = await groupStatement(writes).execute(db);
  const written = writes.map(({ parts }) => parts.map((): Record<string, unknown>[] => []));
  for (const row of rows) written[row.w]![row.part]!.push(row.record);
  return written;
}

/** Writes sent together at most; a larger statement takes long to plan for little more saving. */
const MOST_IN_A_GROUP = 32;
/** Statements in flight at once: while one is out, the writes that come wait and leave together. */
const IN_FLIGHT = 1;

interface Waiting {
  write: LedgeredWrite;
  resolve: (written: WrittenParts) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for ledgered writes. A write that finds no statement in flight leaves at once,
 * alone; writes that come while one is out wait, and leave together in one statement when it
 * returns. One person recording alone waits for nothing; sixteen at once share a statement, a move
 * of a ledger lane's head and a commit, instead of queueing for the lane each on its own.
 */
class WriteGroups {
  private readonly waiting: Waiting[] = [];
  private readonly updating = new Set<string>();
  private inFlight = 0;

  constructor(private readonly db: Db) {}

  write(write: LedgeredWrite): Promise<WrittenParts> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      this.send();
    });
  }

  private send() {
    while (this.inFlight < IN_FLIGHT) {
      const group = this.take();
      if (group.length === 0) return;
      this.inFlight++;
      void this.run(group).finally(() => {
        this.inFlight--;
        for (const { write } of group) for (const key of write.updates ?? []) this.updating.delete(key);
        this.send();
      });
    }
  }

  /**
   * The longest-waiting writes that update nothing another write in flight or in the group
   * updates. A write that updates records without naming them leaves alone.
   */
  private take(): Waiting[] {
    const group: Waiting[] = [];
    for (let i = 0; i < this.waiting.length && group.length < MOST_IN_A_GROUP;) {
      const { write } = this.waiting[i]!;
      const updates = write.updates ?? [];
      const unnamed = !write.updates && write.parts.some((part) => part.action === 'update');
      if (updates.some((key) => this.updating.has(key)) || (unnamed && group.length > 0)) {
        i++;
        continue;
      }
      for (const key of updates) this.updating.add(key);
      group.push(...this.waiting.splice(i, 1));
      if (unnamed) break;
    }
    return group;
  }

  private async run(group: Waiting[]) {
    try {
      const written = await writeGroup(
        this.db,
        group.map((g) => g.write),
      );
      group.forEach((g, i) => g.resolve(written[i]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      // Some write of the group failed (a duplicate key, a check) and so nothing was written:
      // each write again on its own, so that each gets its own answer.
      await Promise.all(
        group.map((g) =>
          writeGroup(this.db, [g.write]).then(
            ([written]) => g.resolve(written!),
            (e: unknown) => g.reject(e),
          ),
        ),
      );
    }
  }
}

const groups = new WeakMap<Db, WriteGroups>();

/**
 * Runs a write as one statement with its ledger entries, together with whatever other writes are
 * waiting at the same moment. Inside a transaction the write runs at once, alone, in it.
 */
export function writeLedgeredGrouped(db: Db, write: LedgeredWrite): Promise<WrittenParts> {
  if (db.isTransaction) return writeGroup(db, [write]).then(([written]) => written!);
  let writer = groups.get(db);
  if (!writer) groups.set(db, (writer = new WriteGroups(db)));
  return writer.write(write);
}
