import { sql, type Compilable } from 'kysely';
import type { Db } from '../../db/database';
import { LEDGERED, type LedgeredEntity } from './ledgered-entities';
import { writeLedgeredGrouped } from './ledger-group';
import type { LedgeredPart, LedgeredWrite } from './ledger-statement';
import type { LedgerEntry } from './ledger.rules';
import { parseLedgerPage } from './ledger-check';
import { recordShape, type ColumnKind, type RecordColumn, type RecordShape } from './record-text';

export type LedgerAction = 'create' | 'update' | 'delete' | 'load';

/**
 * Appends the ledger entry for one record, reading the record as stored so that the hash is of
 * what the database holds. Call it inside the transaction that wrote the record.
 */
export async function appendToLedger(
  tx: Db,
  actor: string,
  action: LedgerAction,
  entity: LedgeredEntity,
  recordId: string,
): Promise<void> {
  const { table, key } = LEDGERED[entity]!;
  const record =
    action === 'delete'
      ? sql`NULL::jsonb`
      : // compared uncast, so the parameter takes the key's type and the primary-key index is used
        sql`(SELECT to_jsonb(t) FROM ${sql.table(table)} t WHERE t.${sql.ref(key)} = ${recordId})`;
  await sql`SELECT ledger_append(${actor}, ${action}, ${entity}, ${recordId}, ${record})`.execute(tx);
}

/**
 * Runs an `INSERT … RETURNING *` or `UPDATE … RETURNING *` and appends the ledger entry of every
 * row it wrote, in the same statement: no extra round trip to the database, and the hash is of
 * the row exactly as stored. Returns the written rows.
 */
export async function writeLedgered<Row>(
  tx: Db,
  actor: string,
  action: 'create' | 'update',
  entity: LedgeredEntity,
  query: Compilable<Row>,
): Promise<Row[]> {
  const { key } = LEDGERED[entity]!;
  const { rows } = await sql<Row>`
    WITH written AS (${query}),
    appended AS (
      SELECT ledger_append_all(${actor}, ${action}, ${entity},
               array_agg(written.${sql.ref(key)}::text ORDER BY written.${sql.ref(key)}),
               array_agg(to_jsonb(written) ORDER BY written.${sql.ref(key)})) AS entries
      FROM written)
    SELECT written.* FROM written, appended`.execute(tx);
  return rows;
}

export type { LedgeredPart, LedgeredShared, ReadVersion } from './ledger-statement';
export { isStaleRead } from './ledger-statement';

/**
 * Runs the writes of several tables as one statement, and appends the ledger entries of every row
 * they wrote in one call: one round trip, and one move of the ledger's head, for a record and its
 * parts (an encounter, its diagnoses, its prescriptions). A statement is atomic, so no transaction
 * is needed around it; if any part fails (a duplicate key, a check) nothing is written. Entries
 * are chained in the order of the parts, then by key. Writes made at the same moment by other
 * requests may share the statement (`ledger-group.ts`); `updates` names the records the write
 * updates, which no other write of the statement may touch, and `unchanged` the records it rests
 * on as they were read, which must not have changed since (else `isStaleRead`). Returns the rows
 * each part wrote, as JSON (timestamps as ISO text), in the order of the parts.
 */
export function writeLedgeredTogether(
  db: Db,
  actor: string,
  parts: readonly LedgeredPart[],
  { updates, unchanged }: Pick<LedgeredWrite, 'updates' | 'unchanged'> = {},
): Promise<Record<string, unknown>[][]> {
  return writeLedgeredGrouped(db, { actor, parts, ...(updates && { updates }), ...(unchanged && { unchanged }) });
}

/** Appends one entry for every row of a table that a where-clause selects, in key order. */
export async function appendRowsToLedger(
  tx: Db,
  actor: string,
  action: LedgerAction,
  entity: LedgeredEntity,
  where = sql`true`,
): Promise<number> {
  const { table, key } = LEDGERED[entity]!;
  const { rows } = await sql<{ n: number }>`
    SELECT ledger_append_all(${actor}, ${action}, ${entity},
             array_agg(t.${sql.ref(key)}::text ORDER BY t.${sql.ref(key)}),
             array_agg(to_jsonb(t) ORDER BY t.${sql.ref(key)})) AS n
    FROM ${sql.table(table)} t WHERE ${where}`.execute(tx);
  return rows[0]?.n ?? 0;
}

/**
 * Ledger entries after `afterSeq`, in order, at most `limit`, as one text: a row literal per entry
 * (`(seq,lane,at,actor,action,entity,record_id,record_hash,prev_hash,hash)`), one per line. One
 * value reads several times faster than row by row, above all from the embedded database; row
 * literals quote any field that holds a comma, a quote or a line break. The rows come in the order
 * of the page's index scan, which is sequence order; asking the aggregate to sort them as well would
 * make PostgreSQL 15 sort every page again, so `parseLedgerPage` puts them in order instead if ever
 * they are not.
 */
export async function readLedgerPageText(
  db: Db,
  afterSeq: number,
  limit: number,
): Promise<{ text: string; lastSeq: number; count: number } | null> {
  const { rows } = await sql<{ page: string | null; last: string | null; n: number }>`
    SELECT string_agg(ROW(seq, lane, at, actor, action, entity, record_id, record_hash, prev_hash, hash)::text,
                      chr(10)) AS page,
           max(seq) AS last, count(*)::int AS n
    FROM (SELECT * FROM ledger WHERE seq > ${afterSeq} ORDER BY seq LIMIT ${limit}) p`.execute(db);
  const row = rows[0];
  if (!row?.page) return null;
  return { text: row.page, lastSeq: Number(row.last), count: row.n };
}

/** Ledger entries after `afterSeq`, in order, at most `limit`. */
export async function readLedgerPage(db: Db, afterSeq: number, limit: number): Promise<LedgerEntry[]> {
  const page = await readLedgerPageText(db, afterSeq, limit);
  return page ? parseLedgerPage(page.text) : [];
}

/** The last entry of every lane, by lane. */
export async function readLedgerHeads(db: Db): Promise<Map<number, { seq: number; hash: string }>> {
  const rows = await db.selectFrom('ledger_head').select(['id', 'seq', 'hash']).orderBy('id').execute();
  return new Map(rows.map((r) => [r.id, { seq: Number(r.seq), hash: r.hash }]));
}

/**
 * Where the ledger stands: the newest entry's number and the hashes of every lane's last entry.
 * Two equal states mean nothing was appended in between; a refused request must leave it as it was.
 */
export async function readLedgerState(db: Db): Promise<{ seq: number; hash: string }> {
  const heads = await readLedgerHeads(db);
  return {
    seq: Math.max(0, ...[...heads.values()].map((h) => h.seq)),
    hash: [...heads.values()].map((h) => h.hash).join(','),
  };
}

/** Types whose JSON form `record-text.ts` writes; a ledgered table with any other fails loudly. */
function columnKind(typname: string, category: string): ColumnKind {
  if (typname === 'timestamptz') return 'timestamptz';
  if (typname === 'timestamp') return 'timestamp';
  if (typname === 'jsonb') return 'jsonb';
  if (typname === 'bool') return 'boolean';
  if (category === 'N') return 'number';
  if (category === 'S' || category === 'D' || typname === 'uuid') return 'string';
  throw new Error(`a ledgered column has type ${typname}, which verification cannot hash yet`);
}

/** A ledgered table's columns, in stored order, with how each is written in its record's JSON. */
export async function readRecordShape(db: Db, entity: LedgeredEntity): Promise<RecordShape> {
  const { table, key } = LEDGERED[entity]!;
  return readTableShape(db, table, key);
}

/** Any table's columns, in stored order, with how each is written in its rows' JSON. */
export async function readTableShape(db: Db, table: string, key: string): Promise<RecordShape> {
  const { rows } = await sql<{
    name: string;
    typname: string;
    category: string;
    element: string | null;
    element_category: string | null;
  }>`
    SELECT a.attname AS name, t.typname, t.typcategory AS category, e.typname AS element,
           e.typcategory AS element_category
    FROM pg_attribute a
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
    WHERE a.attrelid = ${table}::regclass AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum`.execute(db);
  const columns: RecordColumn[] = rows.map((c) =>
    c.element
      ? { name: c.name, kind: columnKind(c.element, c.element_category ?? ''), array: true }
      : { name: c.name, kind: columnKind(c.typname, c.category), array: false },
  );
  return recordShape(columns, key);
}

/** How many blocks a ledgered table's heap has: verification reads it a range of blocks at a time. */
export async function readTableBlocks(db: Db, entity: LedgeredEntity): Promise<number> {
  const { table } = LEDGERED[entity]!;
  const { rows } = await sql<{ blocks: number }>`
    SELECT (pg_relation_size(${table}::regclass) / current_setting('block_size')::int)::int AS blocks`.execute(db);
  return rows[0]?.blocks ?? 0;
}

/**
 * The rows of a ledgered table stored in blocks `[from, to)` (to the end when `to` is null), as
 * row literals one per line: the table's plain text form, which costs the database a third of
 * building each row's JSON. In no particular order; `record-text.ts` turns each into the text its
 * hash is taken over.
 */
export async function readRecordPageText(
  db: Db,
  entity: LedgeredEntity,
  from: number,
  to: number | null,
): Promise<string | null> {
  const { table } = LEDGERED[entity]!;
  const { rows } = await sql<{ page: string | null }>`
    SELECT string_agg(t::text, chr(10)) AS page
    FROM ${sql.table(table)} t
    WHERE t.ctid >= ${`(${from},0)`}::tid ${to === null ? sql`` : sql`AND t.ctid < ${`(${to},0)`}::tid`}`.execute(db);
  return rows[0]?.page ?? null;
}
