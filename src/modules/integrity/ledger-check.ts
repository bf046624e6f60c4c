import { hash } from 'node:crypto';
import { checkEntry, GENESIS_HASH, type LedgerEntry } from './ledger.rules';
import { canonicalRecordText, readComposite, type RecordShape } from './record-text';

/** Where verification stopped, and why. `seq` is null for a record no entry accounts for. */
export interface LedgerProblem {
  seq: number | null;
  entity?: string;
  recordId?: string;
  reason: string;
}

export type LaneHeads = ReadonlyMap<number, { seq: number; hash: string }>;

/** The newest ledger entry of a record, and whether its table has shown the record yet. */
interface LatestEntry {
  seq: number;
  recordHash: string | null;
  deleted: boolean;
  seen: boolean;
}

interface RecordMismatch {
  entity: string;
  recordId: string;
  seq: number | null;
  problem: 'altered' | 'deleted' | 'unledgered';
}

function describe(m: RecordMismatch): LedgerProblem {
  const reason = {
    altered: `record ${m.recordId} of ${m.entity} differs from what ledger entry ${m.seq} recorded: it was changed outside the ledger`,
    deleted: `record ${m.recordId} of ${m.entity}, recorded by ledger entry ${m.seq}, is missing: it was deleted outside the ledger`,
    unledgered: `record ${m.recordId} of ${m.entity} has no ledger entry: it was inserted outside the ledger`,
  }[m.problem];
  return { seq: m.seq, entity: m.entity, recordId: m.recordId, reason };
}

/** The problem the ledger would list first: the one with the earliest entry, unledgered rows last. */
function earliest(a: RecordMismatch | null, b: RecordMismatch): RecordMismatch {
  if (!a) return b;
  return (b.seq ?? Infinity) < (a.seq ?? Infinity) ? b : a;
}

/**
 * `2026-01-02 03:04:05.6+00`, a timestamptz as the database writes it in UTC, as ISO 8601 with
 * milliseconds (`2026-01-02T03:04:05.600Z`), which is what an entry's canonical text holds.
 */
function isoInstant(text: string): string {
  if (text.length >= 22 && text.endsWith('+00') && text[10] === ' ') {
    const fraction = text.length > 22 ? text.slice(19, -3) : '.';
    return `${text.slice(0, 10)}T${text.slice(11, 19)}${fraction.padEnd(4, '0').slice(0, 4)}Z`;
  }
  const iso = `${text.slice(0, 10)}T${text.slice(11)}`;
  return new Date(/[+-]\d\d$/.test(iso) ? `${iso}:00` : iso).toISOString();
}

/**
 * One ledger entry from its row literal: `(seq,lane,at,actor,action,entity,record_id,record_hash,
 * prev_hash,hash)`, the column order `readLedgerPageText` asks for.
 */
function ledgerEntry(fields: (string | null)[]): LedgerEntry {
  const [seq, lane, at, actor, action, entity, recordId, recordHash, prevHash, entryHash] = fields;
  return {
    seq: Number(seq),
    lane: Number(lane),
    at: isoInstant(at ?? ''),
    actor: actor ?? '',
    action: action ?? '',
    entity: entity ?? '',
    recordId: recordId ?? '',
    recordHash: recordHash ?? null,
    prevHash: prevHash ?? '',
    hash: entryHash ?? '',
  };
}

/** Every row literal of a page of rows of `count` fields, one per line (a literal quotes line breaks). */
export function* rowsOf(page: string, count: number): Generator<(string | null)[]> {
  let i = 0;
  while (i < page.length) {
    const { fields, end } = readComposite(page, i, count);
    yield fields;
    i = end + 1;
  }
}

const LEDGER_FIELDS = 10;

/** The entries of a page, in sequence order. */
export function parseLedgerPage(page: string): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  let ordered = true;
  for (const fields of rowsOf(page, LEDGER_FIELDS)) {
    const entry = ledgerEntry(fields);
    if (entries.length > 0 && (entries[entries.length - 1]!.seq as number) > (entry.seq as number)) ordered = false;
    entries.push(entry);
  }
  return ordered ? entries : entries.sort((a, b) => (a.seq as number) - (b.seq as number));
}

/**
 * The work of verification that needs no database: fed the ledger page by page in sequence order,
 * then every ledgered table page by page, it follows each lane's chain, checks that every lane ends
 * at its head, and compares every record with the newest entry for it. It holds the newest entry
 * of every record in between. It runs on a worker thread for large ledgers (see `verifyLedger`).
 */
export class LedgerCheck {
  entries = 0;
  records = 0;
  private readonly lastInLane = new Map<number, { seq: number; hash: string }>();
  private readonly latest = new Map<string, Map<string, LatestEntry>>();
  private mismatch: RecordMismatch | null = null;

  constructor(
    private readonly heads: LaneHeads,
    entities: readonly string[],
  ) {
    for (const entity of entities) this.latest.set(entity, new Map());
  }

  /** Checks the next page of entries (row literals in sequence order); the first break, or null. */
  ledgerPage(page: string): LedgerProblem | null {
    for (const entry of parseLedgerPage(page)) {
      const lane = entry.lane ?? 1;
      const broken = this.heads.has(lane)
        ? checkEntry(entry, this.lastInLane.get(lane) ?? null)
        : { seq: Number(entry.seq), reason: `it claims lane ${lane}, which the ledger does not have` };
      if (broken) return { ...broken, entity: entry.entity, recordId: entry.recordId };
      this.lastInLane.set(lane, { seq: Number(entry.seq), hash: entry.hash });
      this.latest.get(entry.entity)?.set(entry.recordId, {
        seq: Number(entry.seq),
        recordHash: entry.recordHash,
        deleted: entry.action === 'delete',
        seen: false,
      });
      this.entries++;
    }
    return null;
  }

  /** After the last page: every lane must end where its head says. */
  lanesEnd(): LedgerProblem | null {
    for (const [lane, head] of this.heads) {
      const last = this.lastInLane.get(lane) ?? { seq: 0, hash: GENESIS_HASH };
      if (last.seq !== head.seq || last.hash !== head.hash) {
        return {
          seq: last.seq + 1,
          reason: `lane ${lane} of the ledger ends at entry ${last.seq} but its head records entry ${head.seq}: entries after ${last.seq} were removed or the head was altered`,
        };
      }
    }
    return null;
  }

  /** Compares a page of a table's rows (row literals) with the newest entries for them. */
  recordPage(entity: string, shape: RecordShape, page: string): void {
    const latest = this.latest.get(entity)!;
    for (const fields of rowsOf(page, shape.columns.length)) {
      const key = fields[shape.key] ?? '';
      const entry = latest.get(key);
      this.records++;
      // a second row with the same key (its primary key dropped) is one the ledger never wrote
      if (!entry || entry.deleted || entry.seen) {
        this.mismatch = earliest(this.mismatch, { entity, recordId: key, seq: null, problem: 'unledgered' });
        continue;
      }
      entry.seen = true;
      if (entry.recordHash !== hash('sha256', canonicalRecordText(shape, fields), 'hex')) {
        this.mismatch = earliest(this.mismatch, { entity, recordId: key, seq: entry.seq, problem: 'altered' });
      }
    }
  }

  /** After every table: records the ledger holds and no table does are deleted ones. The first problem. */
  finish(): LedgerProblem | null {
    for (const [entity, latest] of this.latest) {
      for (const [recordId, entry] of latest) {
        if (!entry.deleted && !entry.seen) {
          this.mismatch = earliest(this.mismatch, { entity, recordId, seq: entry.seq, problem: 'deleted' });
        }
      }
    }
    return this.mismatch ? describe(this.mismatch) : null;
  }
}

/** What verification asks of a `LedgerCheck`, here or on its worker thread, in this order. */
export type VerifyMessage =
  | { kind: 'ledger'; page: string }
  | { kind: 'lanes-end' }
  | { kind: 'records'; entity: string; shape: RecordShape; page: string }
  | { kind: 'finish' };

export interface VerifyAnswer {
  problem: LedgerProblem | null;
  entries: number;
  records?: number;
}

/** Carries out one message on the check: the one protocol the thread and the worker both speak. */
export function answer(check: LedgerCheck, message: VerifyMessage): VerifyAnswer {
  switch (message.kind) {
    case 'ledger':
      return { problem: check.ledgerPage(message.page), entries: check.entries };
    case 'lanes-end':
      return { problem: check.lanesEnd(), entries: check.entries };
    case 'records':
      check.recordPage(message.entity, message.shape, message.page);
      return { problem: null, entries: check.entries };
    case 'finish':
      return { problem: check.finish(), entries: check.entries, records: check.records };
  }
}
