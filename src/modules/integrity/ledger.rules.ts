import { hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface LedgerEntry {
  seq: number | string;
  /** The chain the entry belongs to; the lane is not hashed, but moving an entry breaks both chains. */
  lane?: number;
  /** When it was appended: a Date, or its ISO 8601 text in UTC with milliseconds (`…T00:44:38.793Z`). */
  at: Date | string;
  actor: string;
  action: string;
  entity: string;
  recordId: string;
  recordHash: string | null;
  prevHash: string;
  hash: string;
}

/**
 * The canonical text of a ledger entry: a JSON array of its fields as strings, in a fixed order.
 * It must match `ledger_canonical` in the foundation migration character for character; the two
 * are written independently so that a bug or a forgery in one shows up in the other.
 */
export function canonicalEntry(entry: Omit<LedgerEntry, 'hash' | 'prevHash'>): string {
  const recordHash = entry.recordHash === null ? 'null' : quote(entry.recordHash);
  return (
    `[${quote(String(entry.seq))},${quote(typeof entry.at === 'string' ? entry.at : entry.at.toISOString())},${quote(entry.actor)},` +
    `${quote(entry.action)},${quote(entry.entity)},${quote(entry.recordId)},${recordHash}]`
  );
}

/** Characters JSON.stringify would escape or treat specially. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A JSON string literal, escaped as JSON.stringify and jsonb both escape; plain text, the common
 * case, skips JSON.stringify's work.
 */
export function quote(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** SHA-256 over the previous entry's hash followed by this entry's canonical text, in hex. */
export function entryHash(entry: Omit<LedgerEntry, 'hash'>): string {
  return hash('sha256', entry.prevHash + canonicalEntry(entry), 'hex');
}

export type ChainBreak = { seq: number; reason: string };

/**
 * Checks one entry against the one before it in its lane. Returns why the chain breaks here, or
 * null. `previous` is null for the first entry of a lane. Sequence numbers grow along a lane but
 * may skip (another lane took the numbers between, or a transaction rolled back); an entry
 * removed from the middle shows as a previous-hash that no longer matches.
 */
export function checkEntry(entry: LedgerEntry, previous: { seq: number; hash: string } | null): ChainBreak | null {
  const seq = Number(entry.seq);
  if (!Number.isSafeInteger(seq) || seq <= (previous?.seq ?? 0)) {
    return {
      seq,
      reason: `sequence goes back from ${previous?.seq ?? 0} to ${seq}: entries were reordered or inserted`,
    };
  }
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) {
    return {
      seq,
      reason: 'its previous-hash does not match the hash of the entry before it: entries are missing or were inserted',
    };
  }
  if (entryHash(entry) !== entry.hash) {
    return { seq, reason: 'its content does not match its hash: the entry was altered' };
  }
  return null;
}
