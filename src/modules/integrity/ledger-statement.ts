/**
 * The one statement a group of ledgered writes runs as: each write's rows, the ledger entries of
 * every row they wrote, and the checks that the records they rest on are as they read them.
 * Group commit (`ledger-group.ts`) decides which writes go together.
 */
import { CompiledQuery, sql, type Compilable, type RawBuilder } from 'kysely';
import { pipelineOf, type Db } from '../../db/database';
import { UNPREPARED } from '../../db/prepared-client';
import { LEDGERED, type LedgeredEntity } from './ledgered-entities';

/**
 * One table's part of a ledgered write: an `INSERT … RETURNING *` or `UPDATE … RETURNING *` of
 * whole rows. A part that reads what an earlier part of the same write wrote takes it from
 * `cte(name)`, that part's `name`.
 */
export interface LedgeredQuery {
  entity: LedgeredEntity;
  action: 'create' | 'update';
  query: Writing | ((cte: (name: string) => RawBuilder<unknown>) => Writing);
  name?: string;
}

/**
 * One table's part of a ledgered write given as the rows to insert, each with its key. Writes made
 * of such parts share a statement whose text does not change with how many writes it carries: the
 * rows of every write go in as one JSON value per table, so the statement is planned once per
 * connection instead of once per group.
 */
export interface LedgeredRows {
  entity: LedgeredEntity;
  action: 'create';
  rows: readonly object[];
}

/**
 * One table's part of a ledgered write made by a statement shared with every write of a group that
 * has a part of the same `name`: each write gives its rows, and `query` writes from all of them at
 * once, reading them from `given` (and what an earlier shared part wrote from `shared(name)`). A
 * written record belongs to the write whose given row names its key in `keyColumn`. Like rows
 * parts, such writes share a statement text whatever the group. Every part of one name must be the
 * same `query`, `keyColumn` and `types`: keep them in one constant.
 */
export interface LedgeredShared {
  entity: LedgeredEntity;
  action: 'create' | 'update';
  name: string;
  given: readonly object[];
  /** The given rows' columns and their SQL types. */
  types: Readonly<Record<string, string>>;
  keyColumn: string;
  query: (given: RawBuilder<unknown>, shared: (name: string) => RawBuilder<unknown>) => Writing;
}

export type LedgeredPart = LedgeredQuery | LedgeredRows | LedgeredShared;

/** A part written by a query of its own write alone. */
const ownQuery = (part: LedgeredPart): part is LedgeredQuery => 'query' in part && !('given' in part);

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
  /**
   * Records the write rests on without writing them, each with the version it read (`xmin`, see
   * `findPersonToWrite`): if any has changed since, the statement fails with `STALE_READ` and
   * nothing of it is written. Records keyed by a UUID.
   */
  unchanged?: readonly ReadVersion[];
}

/** A record as it was read: its entity, key and version (`xmin`). */
export interface ReadVersion {
  entity: LedgeredEntity;
  id: string;
  version: string;
}

/** The SQLSTATE of a ledgered write whose `unchanged` records changed after they were read. */
const STALE_READ = 'AD409';

/** Whether a ledgered write failed because a record it rested on changed after it was read. */
export function isStaleRead(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === STALE_READ;
}

/** The rows each part of a write wrote, as JSON (timestamps as ISO text), in the order of its parts. */
export type WrittenParts = Record<string, unknown>[][];

/** Where a row given to a rows or shared part came from, carried beside its columns. */
const ORIGIN = { write: 'ledger$w', part: 'ledger$p', actor: 'ledger$a' } as const;
/** The column that carries each given row's JSON, origin included, beside its typed columns. */
const GIVEN = 'ledger$given';

/**
 * A given row as JSON with the write, part and actor it came from, written straight into the text
 * that the statement binds: the row is not copied to carry them.
 */
function withOrigin(row: object, write: number, part: number, actor: string): string {
  const json = JSON.stringify(row);
  const origin = `{"${ORIGIN.write}":${write},"${ORIGIN.part}":${part},"${ORIGIN.actor}":${JSON.stringify(actor)}`;
  return json === '{}' ? `${origin}}` : `${origin},${json.slice(1)}`;
}

/** Given rows as the one JSON array a statement binds. */
const jsonArray = (rows: readonly string[]) => `[${rows.join(',')}]`;

/** The rows of one table with the same columns, from every write of a group. */
interface RowSlot {
  name: string;
  entity: LedgeredEntity;
  columns: readonly string[];
  /** Each row's JSON, origin included (`withOrigin`). */
  rows: string[];
}

/**
 * A table's slot name and sorted columns by the columns a row gives, in the row's own order. The
 * rows of one part are built alike, so this is found, not sorted, for every row after the first.
 */
const SLOT_SHAPES = new Map<string, { name: string; columns: readonly string[] }>();
/** Shapes kept at most; the application has a handful, so this bounds only a mistake. */
const MOST_SLOT_SHAPES = 1_000;

function slotShape(entity: LedgeredEntity, row: Record<string, unknown>): { name: string; columns: readonly string[] } {
  let given: string = entity;
  for (const column in row) if (row[column] !== undefined) given += ` ${column}`;
  const known = SLOT_SHAPES.get(given);
  if (known) return known;
  const columns = given.split(' ').slice(1).sort();
  const shape = { name: `${entity}(${columns.join(',')})`, columns };
  if (SLOT_SHAPES.size < MOST_SLOT_SHAPES) SLOT_SHAPES.set(given, shape);
  return shape;
}

/**
 * The rows parts of a group, one slot per table and set of columns, in an order that depends only
 * on the tables and columns, so that groups of any size and make-up share a statement text.
 */
function rowSlots(writes: readonly LedgeredWrite[]): RowSlot[] {
  const slots = new Map<string, RowSlot>();
  writes.forEach(({ actor, parts }, w) =>
    parts.forEach((part, p) => {
      if (!('rows' in part)) return;
      const { key } = LEDGERED[part.entity]!;
      for (const row of part.rows as Record<string, unknown>[]) {
        if (row[key] === undefined || row[key] === null) {
          throw new Error(`A row of ${part.entity} given to a ledgered write has no ${key}`);
        }
        const { name, columns } = slotShape(part.entity, row);
        let slot = slots.get(name);
        if (!slot) slots.set(name, (slot = { name, entity: part.entity, columns, rows: [] }));
        slot.rows.push(withOrigin(row, w, p, actor));
      }
    }),
  );
  return [...slots.keys()].sort().map((name) => slots.get(name)!);
}

/** The given rows of the parts of one name, from every write of a group. */
interface SharedSlot {
  part: LedgeredShared;
  /** Each given row's JSON, origin included (`withOrigin`). */
  given: string[];
}

/** The shared parts of a group, by name, in the order of their first appearance in a write. */
function sharedSlots(writes: readonly LedgeredWrite[]): SharedSlot[] {
  const slots = new Map<string, SharedSlot>();
  writes.forEach(({ actor, parts }, w) =>
    parts.forEach((part, p) => {
      if (!('given' in part)) return;
      let slot = slots.get(part.name);
      if (!slot) slots.set(part.name, (slot = { part, given: [] }));
      const first = slot.part;
      if (first.query !== part.query || first.keyColumn !== part.keyColumn || first.types !== part.types) {
        throw new Error(`Ledgered parts named ${part.name} differ: they must share one query`);
      }
      for (const row of part.given) slot.given.push(withOrigin(row, w, p, actor));
    }),
  );
  return [...slots.values()];
}

/** The records a group's writes rest on (key and version), by entity, in the order of their first appearance. */
function unchangedSlots(
  writes: readonly LedgeredWrite[],
): { entity: LedgeredEntity; reads: { id: string; version: string }[] }[] {
  const slots = new Map<LedgeredEntity, { id: string; version: string }[]>();
  for (const { unchanged = [] } of writes) {
    for (const { entity, id, version } of unchanged) {
      let reads = slots.get(entity);
      if (!reads) slots.set(entity, (reads = []));
      reads.push({ id, version });
    }
  }
  return [...slots].map(([entity, reads]) => ({ entity, reads }));
}

type GroupRow = { w: number; part: number; record: Record<string, unknown> };

/**
 * The text of the statement for writes made only of rows and shared parts, by the tables, columns
 * and shared parts they write: its only parameters are the slots' rows, so it is built once and
 * then only bound.
 */
const FIXED_STATEMENTS = new Map<string, string>();
/** Shapes kept at most; the application has a handful, so this bounds only a mistake. */
const MOST_FIXED_STATEMENTS = 200;

/**
 * The statement that runs several writes together and appends the ledger entries of every row
 * they wrote in one call: entries are chained write after write, each write's in the order of
 * its parts, then by key, so a write alone chains exactly as it does within a group.
 */
function groupStatement(db: Db, writes: readonly LedgeredWrite[]): { query: CompiledQuery<GroupRow>; fixed: boolean } {
  const slots = rowSlots(writes);
  const shared = sharedSlots(writes);
  const unchanged = unchangedSlots(writes);
  const fixed = writes.every(({ parts }) => !parts.some(ownQuery));
  const shape = [
    ...slots.map((slot) => slot.name),
    ...shared.map((slot) => slot.part.name),
    ...unchanged.map((slot) => `unchanged:${slot.entity}`),
  ].join(' ');
  const parameters = () => [
    ...slots.map((slot) => jsonArray(slot.rows)),
    ...shared.map((slot) => jsonArray(slot.given)),
    ...unchanged.map((slot) => JSON.stringify(slot.reads)),
  ];
  const known = fixed ? FIXED_STATEMENTS.get(shape) : undefined;
  if (known) return { query: CompiledQuery.raw(known, parameters()) as CompiledQuery<GroupRow>, fixed: true };
  const ctes: RawBuilder<unknown>[] = [];
  const entries: RawBuilder<unknown>[] = [];
  /** The entries of the rows `x` a part wrote, each of the write, part and actor `origin` gives. */
  const entry = (
    rows: RawBuilder<unknown>,
    origin: { w: RawBuilder<unknown>; part: RawBuilder<unknown>; actor: RawBuilder<unknown> },
    action: string,
    entity: LedgeredEntity,
  ) =>
    sql`SELECT ${origin.w}::int AS w, ${origin.part}::int AS part, ${origin.actor}::text AS actor,
               ${sql.lit(action)}::text AS action, ${sql.lit(entity)}::text AS entity,
               x.${sql.ref(LEDGERED[entity]!.key)}::text AS record_id, to_jsonb(x) AS record
        FROM ${rows} x`;
  /** The origin carried in the given row `g` that wrote each entry's record. */
  const field = (name: string) => sql`(g.${sql.ref(GIVEN)} ->> ${sql.lit(name)})`;
  const given = { w: field(ORIGIN.write), part: field(ORIGIN.part), actor: field(ORIGIN.actor) };
  slots.forEach(({ entity, columns, rows }, s) => {
    const { table, key } = LEDGERED[entity]!;
    const rowsIn = sql.table(`r${s}`);
    const written = sql.table(`s${s}`);
    const list = sql.join(columns.map((c) => sql.ref(c)));
    // Each row as the table's record type, beside the JSON it came from, which says whose it is.
    ctes.push(
      sql`${rowsIn} AS (SELECT e.o AS ${sql.ref(GIVEN)}, r.* FROM jsonb_array_elements(${jsonArray(rows)}::jsonb) e(o),
                        jsonb_populate_record(NULL::${sql.table(table)}, e.o) r)`,
      sql`${written} AS (INSERT INTO ${sql.table(table)} (${list}) SELECT ${list} FROM ${rowsIn} RETURNING *)`,
    );
    entries.push(
      sql`${entry(written, given, 'create', entity)} JOIN ${rowsIn} g ON g.${sql.ref(key)} = x.${sql.ref(key)}`,
    );
  });
  const sharedName = (name: string) => {
    if (!shared.some((slot) => slot.part.name === name)) throw new Error(`No shared part named ${name}`);
    return sql.table(`shared_${name}`);
  };
  shared.forEach(({ part, given: rows }, s) => {
    const { entity, action, types, keyColumn, query } = part;
    const rowsIn = sql.table(`g${s}`);
    const columns = sql.join(Object.entries(types).map(([column, type]) => sql`${sql.ref(column)} ${sql.raw(type)}`));
    ctes.push(
      sql`${rowsIn} AS (SELECT v.*, e.o AS ${sql.ref(GIVEN)} FROM jsonb_array_elements(${jsonArray(rows)}::jsonb) e(o),
                        jsonb_to_record(e.o) AS v(${columns}))`,
      sql`${sharedName(part.name)} AS (${query(rowsIn, sharedName)})`,
    );
    entries.push(
      sql`${entry(sharedName(part.name), given, action, entity)}
          JOIN ${rowsIn} g ON g.${sql.ref(keyColumn)} = x.${sql.ref(LEDGERED[entity]!.key)}`,
    );
  });
  writes.forEach(({ actor, parts }, w) => {
    const cteName = (p: number) => `w${w}_${p}`;
    const cte = (name: string) => {
      const p = parts.findIndex((part) => ownQuery(part) && part.name === name);
      if (p < 0) throw new Error(`No part named ${name} in this write`);
      return sql.table(cteName(p));
    };
    parts.forEach((part, p) => {
      if (!ownQuery(part)) return;
      const { entity, action, query } = part;
      const writing = typeof query === 'function' ? query(cte) : query;
      ctes.push(sql`${sql.table(cteName(p))} AS (${writing})`);
      entries.push(
        entry(sql.table(cteName(p)), { w: sql.lit(w), part: sql.lit(p), actor: sql`${actor}` }, action, entity),
      );
    });
  });
  // The records the writes rest on, each compared with the version it was read at: one row that
  // the final select reads, so that it is always evaluated, and that fails the statement when any
  // record changed.
  const checks = unchanged.map(({ entity, reads }, u) => {
    const { table, key } = LEDGERED[entity]!;
    const check = sql.table(`u${u}`);
    ctes.push(
      // Each record looked up by its key on its own: a join would let the planner, which takes
      // the JSON for a hundred rows, read the whole table instead.
      sql`${check} AS (SELECT ledger_require_unchanged(${sql.lit(table)}, array_agg(g.id::text ORDER BY g.id)) AS n
                       FROM jsonb_to_recordset(${JSON.stringify(reads)}::jsonb) AS g(id uuid, version text)
                       WHERE (SELECT t.xmin::text FROM ${sql.table(table)} t WHERE t.${sql.ref(key)} = g.id)
                             IS DISTINCT FROM g.version)`,
    );
    return sql`, ${check}`;
  });
  // A statement of query parts changes its text with the group's make-up, so only a write alone is
  // worth preparing; one of rows and shared parts alone keeps its text whatever the group.
  const prefix = writes.length > 1 && !fixed ? sql.raw(UNPREPARED) : sql``;
  const compiled = sql<GroupRow>`${prefix}
    WITH ${sql.join(ctes, sql`, `)},
    entries AS (${sql.join(entries, sql` UNION ALL `)}),
    appended AS (
      SELECT ledger_append_group(array_agg(actor ORDER BY w, part, record_id),
               array_agg(action ORDER BY w, part, record_id), array_agg(entity ORDER BY w, part, record_id),
               array_agg(record_id ORDER BY w, part, record_id), array_agg(record ORDER BY w, part, record_id)) AS n
      FROM entries)
    SELECT entries.w, entries.part, entries.record FROM entries, appended${checks.length > 0 ? sql.join(checks, sql``) : sql``}
    ORDER BY w, part, record_id`.compile(db);
  // Kept only if the slots' rows are its parameters, in order, as a later group of its shape binds them.
  const bindsSlots = compiled.parameters.join('\u0000') === parameters().join('\u0000');
  if (fixed && bindsSlots && FIXED_STATEMENTS.size < MOST_FIXED_STATEMENTS) FIXED_STATEMENTS.set(shape, compiled.sql);
  return { query: compiled, fixed: fixed && bindsSlots };
}

/** Runs writes as one statement (atomic: if any part of any write fails, nothing is written). */
export async function writeGroup(db: Db, writes: readonly LedgeredWrite[]): Promise<WrittenParts[]> {
  const { query, fixed } = groupStatement(db, writes);
  const pipeline = pipelineOf(db);
  // A fixed statement binds only the JSON text of its rows, which the pipeline sends as it is.
  const { rows } =
    pipeline && fixed
      ? await pipeline.query<GroupRow>(query.sql, query.parameters as string[])
      : await db.executeQuery(query);
  const written = writes.map(({ parts }) => parts.map((): Record<string, unknown>[] => []));
  for (const row of rows) written[row.w]![row.part]!.push(row.record);
  return written;
}
