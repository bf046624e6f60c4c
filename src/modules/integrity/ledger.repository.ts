import { sql, type Compilable } from 'kysely';
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

export interface RecordMismatch {
  entity: string;
  recordId: string;
  seq: number | null;
  problem: 'altered' | 'deleted' | 'unledgered';
}

/**
 * Compares every row of a ledgered table with the latest ledger entry for it. Returns the first
 * row (in ledger order) that was altered, deleted or inserted behind the ledger's back.
 */
export async function findRecordMismatch(
  db: Db,
  entity: LedgeredEntity,
): Promise<{ mismatch: RecordMismatch | null; records: number }> {
  const { table, key } = LEDGERED[entity]!;
  const { rows } = await sql<{
    record_id: string;
    seq: number | null;
    ledger_hash: string | null;
    current_hash: string | null;
    action: string | null;
    present: boolean;
  }>`
    WITH latest AS (
      SELECT DISTINCT ON (record_id) record_id, record_hash, action, seq
      FROM ledger WHERE entity = ${entity} ORDER BY record_id, seq DESC
    ), current AS (
      SELECT t.${sql.ref(key)}::text AS record_id, ledger_record_hash(to_jsonb(t)) AS record_hash
      FROM ${sql.table(table)} t
    )
    SELECT * FROM (
      SELECT coalesce(l.record_id, c.record_id) AS record_id, l.seq, l.record_hash AS ledger_hash,
             c.record_hash AS current_hash, l.action, c.record_id IS NOT NULL AS present
      FROM latest l FULL JOIN current c ON c.record_id = l.record_id
      WHERE l.record_id IS NULL
         OR (l.action = 'delete' AND c.record_id IS NOT NULL)
         OR (l.action <> 'delete' AND (c.record_id IS NULL OR c.record_hash <> l.record_hash))
      ORDER BY l.seq NULLS LAST, 1
      LIMIT 1) first_problem
    UNION ALL
    SELECT NULL, count(*), NULL, NULL, 'count', true FROM current`.execute(db);
  const records = Number(rows.find((r) => r.action === 'count')?.seq ?? 0);
  const row = rows.find((r) => r.action !== 'count');
  if (!row) return { mismatch: null, records };
  const problem = row.seq === null || row.action === 'delete' ? 'unledgered' : row.present ? 'altered' : 'deleted';
  return { mismatch: { entity, recordId: row.record_id, seq: row.seq, problem }, records };
}
