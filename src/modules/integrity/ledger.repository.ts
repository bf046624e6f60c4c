import { sql, type Compilable, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { LEDGERED, type LedgeredEntity } from './ledgered-entities';
import type { LedgerEntry } from './ledger.rules';

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

/**
 * One table's part of a ledgered write: an `INSERT … RETURNING *` or `UPDATE … RETURNING *` of
 * whole rows. A part may read what an earlier part wrote by that part's `name`.
 */
export interface LedgeredPart {
  entity: LedgeredEntity;
  action: 'create' | 'update';
  query: Compilable<unknown> | RawBuilder<unknown>;
  name?: string;
}

/**
 * Runs the writes of several tables as one statement, and appends the ledger entries of every row
 * they wrote in one call: one round trip, and one move of the ledger's head, for a record and its
 * parts (an encounter, its diagnoses, its prescriptions). A statement is atomic, so no transaction
 * is needed around it; if any part fails (a duplicate key, a check) nothing is written. Entries
 * are chained in the order of the parts, then by key. Returns the rows each part wrote, as JSON
 * (timestamps as ISO text), in the order of the parts.
 */
export async function writeLedgeredTogether(
  db: Db,
  actor: string,
  parts: readonly LedgeredPart[],
): Promise<Record<string, unknown>[][]> {
  const written = parts.map((part, i) => ({ ...part, cte: part.name ?? `w${i}`, key: LEDGERED[part.entity]!.key }));
  const entries = written.map(
    ({ entity, action, cte, key }, i) =>
      sql`SELECT ${i}::int AS part, ${action}::text AS action, ${entity}::text AS entity,
                 w.${sql.ref(key)}::text AS record_id, to_jsonb(w) AS record
          FROM ${sql.table(cte)} w`,
  );
  const { rows } = await sql<{ part: number; record: Record<string, unknown> }>`
    WITH ${sql.join(
      written.map(({ cte, query }) => sql`${sql.table(cte)} AS (${query})`),
      sql`, `,
    )},
    entries AS (${sql.join(entries, sql` UNION ALL `)}),
    appended AS (
      SELECT ledger_append_entries(${actor}, array_agg(action ORDER BY part, record_id),
               array_agg(entity ORDER BY part, record_id), array_agg(record_id ORDER BY part, record_id),
               array_agg(record ORDER BY part, record_id)) AS n
      FROM entries)
    SELECT entries.part, entries.record FROM entries, appended ORDER BY entries.part, entries.record_id`.execute(db);
  const byPart: Record<string, unknown>[][] = parts.map(() => []);
  for (const row of rows) byPart[row.part]!.push(row.record);
  return byPart;
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
 * Ledger entries after `afterSeq`, in order, at most `limit`. The page comes back as one text
 * value, tab-separated, which is several times faster to read from PGlite than row by row. Keys,
 * actors and hashes hold no tabs or line breaks; a row forged with them fails its hash check.
 */
export async function readLedgerPage(db: Db, afterSeq: number, limit: number): Promise<LedgerEntry[]> {
  const { rows } = await sql<{ page: string | null }>`
    SELECT string_agg(concat_ws(chr(9), seq, lane, (extract(epoch FROM at) * 1000)::bigint, actor, action, entity,
                                record_id, coalesce(record_hash, ''), prev_hash, hash), chr(10) ORDER BY seq) AS page
    FROM (SELECT * FROM ledger WHERE seq > ${afterSeq} ORDER BY seq LIMIT ${limit}) p`.execute(db);
  const page = rows[0]?.page;
  if (!page) return [];
  return page.split('\n').map((line) => {
    const [seq, lane, at, actor, action, entity, recordId, recordHash, prevHash, hash] = line.split('\t');
    return {
      seq: Number(seq),
      lane: Number(lane),
      at: new Date(Number(at)),
      actor: actor ?? '',
      action: action ?? '',
      entity: entity ?? '',
      recordId: recordId ?? '',
      recordHash: recordHash ? recordHash : null,
      prevHash: prevHash ?? '',
      hash: hash ?? '',
    };
  });
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

/**
 * One page of a ledgered table, in key order after `afterKey`: each row's key and the text its
 * record hash is taken over (`jsonb_strip_nulls(to_jsonb(row))::text`, as `ledger_record_hash`
 * hashes it). The text comes back as one value, tab- and newline-separated; JSON text never holds
 * a raw tab or line break, and keys hold none.
 */
export async function readRecordTexts(
  db: Db,
  entity: LedgeredEntity,
  afterKey: string | null,
  limit: number,
): Promise<{ key: string; text: string }[]> {
  const { table, key } = LEDGERED[entity]!;
  const { rows } = await sql<{ page: string | null }>`
    SELECT string_agg(p.k || chr(9) || p.record, chr(10) ORDER BY p.ord) AS page
    FROM (SELECT t.${sql.ref(key)}::text AS k, jsonb_strip_nulls(to_jsonb(t))::text AS record,
                 row_number() OVER (ORDER BY t.${sql.ref(key)}) AS ord
          FROM ${sql.table(table)} t
          WHERE ${afterKey === null ? sql`true` : sql`t.${sql.ref(key)} > ${afterKey}`}
          ORDER BY t.${sql.ref(key)} LIMIT ${limit}) p`.execute(db);
  const page = rows[0]?.page;
  if (!page) return [];
  return page.split('\n').map((line) => {
    const tab = line.indexOf('\t');
    return { key: line.slice(0, tab), text: line.slice(tab + 1) };
  });
}
