import { hash } from 'node:crypto';
import type { Db } from '../../db/database';
import { checkEntry, GENESIS_HASH, type LedgerEntry } from './ledger.rules';
import { readLedgerHeads, readLedgerPage, readRecordTexts } from './ledger.repository';
import { LEDGERED, type LedgeredEntity } from './ledgered-entities';

export type VerifyResult =
  | { ok: true; entries: number; records: number; seconds: number }
  | {
      ok: false;
      entries: number;
      seconds: number;
      broken: { seq: number | null; entity?: string; recordId?: string; reason: string };
    };

const PAGE = 50_000;
const RECORD_PAGE = 20_000;

/** The newest ledger entry of a record: the entry itself, kept as read (no copy per entry). */
type LatestEntry = Pick<LedgerEntry, 'seq' | 'recordHash' | 'action'>;

interface RecordMismatch {
  entity: string;
  recordId: string;
  seq: number | null;
  problem: 'altered' | 'deleted' | 'unledgered';
}

function describeMismatch(m: RecordMismatch): string {
  return {
    altered: `record ${m.recordId} of ${m.entity} differs from what ledger entry ${m.seq} recorded: it was changed outside the ledger`,
    deleted: `record ${m.recordId} of ${m.entity}, recorded by ledger entry ${m.seq}, is missing: it was deleted outside the ledger`,
    unledgered: `record ${m.recordId} of ${m.entity} has no ledger entry: it was inserted outside the ledger`,
  }[m.problem];
}

/** The problem the ledger would list first: the one with the earliest entry, unledgered rows last. */
function earliest(a: RecordMismatch | null, b: RecordMismatch | null): RecordMismatch | null {
  if (!a || !b) return a ?? b;
  return (b.seq ?? Infinity) < (a.seq ?? Infinity) ? b : a;
}

/**
 * Compares every row of a ledgered table with the newest ledger entry for it, hashing each row
 * here from the text the database gives. `latest` is consumed: what is left of it afterwards are
 * records the ledger holds and the table does not.
 */
async function checkTable(
  db: Db,
  entity: LedgeredEntity,
  latest: Map<string, LatestEntry>,
): Promise<{ mismatch: RecordMismatch | null; records: number }> {
  let mismatch: RecordMismatch | null = null;
  let records = 0;
  let afterKey: string | null = null;
  for (;;) {
    const page = await readRecordTexts(db, entity, afterKey, RECORD_PAGE);
    for (const row of page) {
      const entry = latest.get(row.key);
      latest.delete(row.key);
      if (!entry || entry.action === 'delete') {
        mismatch = earliest(mismatch, { entity, recordId: row.key, seq: null, problem: 'unledgered' });
      } else if (entry.recordHash !== hash('sha256', row.text, 'hex')) {
        mismatch = earliest(mismatch, { entity, recordId: row.key, seq: Number(entry.seq), problem: 'altered' });
      }
    }
    records += page.length;
    if (page.length < RECORD_PAGE) break;
    afterKey = page[page.length - 1]!.key;
  }
  for (const [recordId, entry] of latest) {
    if (entry.action !== 'delete') {
      mismatch = earliest(mismatch, { entity, recordId, seq: Number(entry.seq), problem: 'deleted' });
    }
  }
  return { mismatch, records };
}

/**
 * Walks the whole ledger in sequence order, recomputing every hash and following each lane's
 * chain, checks that every lane ends where its head says, then checks that each ledgered table
 * holds exactly what its newest ledger entries say. Stops at the first problem and names it.
 */
export async function verifyLedger(
  db: Db,
  onProgress: (checked: number, total: number) => void = () => {},
): Promise<VerifyResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const heads = await readLedgerHeads(db);
  const total = Math.max(0, ...[...heads.values()].map((h) => h.seq));
  // The last entry seen in each lane, and the newest entry of every record, by table.
  const lastInLane = new Map<number, { seq: number; hash: string }>();
  const latest = new Map<string, Map<string, LatestEntry>>(Object.keys(LEDGERED).map((entity) => [entity, new Map()]));
  let checked = 0;
  // The next page is fetched while this one is checked (on a PostgreSQL server, in parallel).
  let nextPage = readLedgerPage(db, 0, PAGE);
  for (;;) {
    const page = await nextPage;
    if (page.length === PAGE) nextPage = readLedgerPage(db, Number(page[page.length - 1]!.seq), PAGE);
    for (const entry of page) {
      const lane = entry.lane ?? 1;
      const broken = heads.has(lane)
        ? checkEntry(entry, lastInLane.get(lane) ?? null)
        : { seq: Number(entry.seq), reason: `it claims lane ${lane}, which the ledger does not have` };
      if (broken) {
        await Promise.allSettled([nextPage]);
        return {
          ok: false,
          entries: checked,
          seconds: seconds(),
          broken: { ...broken, entity: entry.entity, recordId: entry.recordId },
        };
      }
      lastInLane.set(lane, { seq: Number(entry.seq), hash: entry.hash });
      latest.get(entry.entity)?.set(entry.recordId, entry);
      checked++;
    }
    onProgress(checked, total);
    if (page.length < PAGE) break;
  }
  for (const [lane, head] of heads) {
    const last = lastInLane.get(lane) ?? { seq: 0, hash: GENESIS_HASH };
    if (last.seq !== head.seq || last.hash !== head.hash) {
      return {
        ok: false,
        entries: checked,
        seconds: seconds(),
        broken: {
          seq: last.seq + 1,
          reason: `lane ${lane} of the ledger ends at entry ${last.seq} but its head records entry ${head.seq}: entries after ${last.seq} were removed or the head was altered`,
        },
      };
    }
  }
  // Tables are checked side by side: on a PostgreSQL server each takes its own connection.
  const checks = await Promise.all(
    (Object.keys(LEDGERED) as LedgeredEntity[]).map((entity) => checkTable(db, entity, latest.get(entity)!)),
  );
  const first = checks.reduce<RecordMismatch | null>((found, c) => earliest(found, c.mismatch), null);
  if (first) {
    return {
      ok: false,
      entries: checked,
      seconds: seconds(),
      broken: { seq: first.seq, entity: first.entity, recordId: first.recordId, reason: describeMismatch(first) },
    };
  }
  return { ok: true, entries: checked, records: checks.reduce((sum, c) => sum + c.records, 0), seconds: seconds() };
}
