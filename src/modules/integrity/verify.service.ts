import type { Db } from '../../db/database';
import { checkEntry, GENESIS_HASH, type LedgerEntry } from './ledger.rules';
import { findRecordMismatch, readLedgerHead, readLedgerPage, type LedgerRow } from './ledger.repository';
import { LEDGERED, type LedgeredEntity } from './ledgered-entities';

export type VerifyResult =
  | { ok: true; entries: number; records: number; seconds: number }
  | {
      ok: false;
      entries: number;
      seconds: number;
      broken: { seq: number | null; entity?: string; recordId?: string; reason: string };
    };

const PAGE = 20_000;

function toEntry(row: LedgerRow): LedgerEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    recordId: row.record_id,
    recordHash: row.record_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Walks the whole ledger, recomputing every hash, then checks that each ledgered table holds
 * exactly what its latest ledger entries say. Stops at the first problem and names it.
 */
export async function verifyLedger(
  db: Db,
  onProgress: (checked: number, total: number) => void = () => {},
): Promise<VerifyResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const head = await readLedgerHead(db);
  let previous: { seq: number; hash: string } | null = null;
  let checked = 0;
  for (;;) {
    const page = await readLedgerPage(db, previous?.seq ?? 0, PAGE);
    for (const row of page) {
      const broken = checkEntry(toEntry(row), previous);
      if (broken)
        return {
          ok: false,
          entries: checked,
          seconds: seconds(),
          broken: { ...broken, entity: row.entity, recordId: row.record_id },
        };
      previous = { seq: Number(row.seq), hash: row.hash };
      checked++;
    }
    onProgress(checked, head.seq);
    if (page.length < PAGE) break;
  }
  const last = previous ?? { seq: 0, hash: GENESIS_HASH };
  if (last.seq !== Number(head.seq) || last.hash !== head.hash) {
    return {
      ok: false,
      entries: checked,
      seconds: seconds(),
      broken: {
        seq: last.seq + 1,
        reason: `the ledger ends at entry ${last.seq} but its head records entry ${head.seq}: entries after ${last.seq} were removed or the head was altered`,
      },
    };
  }
  let records = 0;
  for (const entity of Object.keys(LEDGERED) as LedgeredEntity[]) {
    const mismatch = await findRecordMismatch(db, entity);
    if (mismatch) {
      const why = {
        altered: `record ${mismatch.recordId} of ${entity} differs from what ledger entry ${mismatch.seq} recorded: it was changed outside the ledger`,
        deleted: `record ${mismatch.recordId} of ${entity}, recorded by ledger entry ${mismatch.seq}, is missing: it was deleted outside the ledger`,
        unledgered: `record ${mismatch.recordId} of ${entity} has no ledger entry: it was inserted outside the ledger`,
      }[mismatch.problem];
      return {
        ok: false,
        entries: checked,
        seconds: seconds(),
        broken: { seq: mismatch.seq, entity, recordId: mismatch.recordId, reason: why },
      };
    }
    const count = await db
      .selectFrom(LEDGERED[entity]!.table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    records += Number(count.n);
  }
  return { ok: true, entries: checked, records, seconds: seconds() };
}
