import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../db/database';
import { openTestStorage } from '../../test/harness';
import { canonicalEntry, checkEntry, entryHash, GENESIS_HASH, type LedgerEntry } from './ledger.rules';

let storage: Storage;
beforeAll(async () => {
  storage = await openTestStorage();
});
afterAll(() => storage.close());

const entryFields = fc.record({
  seq: fc.integer({ min: 1, max: 2 ** 40 }),
  at: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
  actor: fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')),
  action: fc.constantFrom('create', 'update', 'delete', 'load'),
  entity: fc.string({ unit: 'grapheme' }),
  recordId: fc.oneof(fc.uuid(), fc.string({ unit: 'grapheme-composite' })),
  recordHash: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: null }),
});

describe('the canonical form of a ledger entry', () => {
  it('is the same text in TypeScript and in the database, for any field values', async () => {
    await fc.assert(
      fc.asyncProperty(entryFields, async (entry) => {
        const { rows } = await sql<{ text: string }>`
          SELECT ledger_canonical(${entry.seq}::bigint, ${entry.at.toISOString()}::timestamptz, ${entry.actor}, ${entry.action},
                                  ${entry.entity}, ${entry.recordId}, ${entry.recordHash}) AS text`.execute(storage.db);
        expect(rows[0]!.text).toBe(canonicalEntry(entry));
      }),
      { numRuns: 150 },
    );
  });

  it('changes the hash when any field or the previous hash changes', () => {
    fc.assert(
      fc.property(entryFields, fc.string({ minLength: 1 }), (fields, tweak) => {
        const entry = { ...fields, prevHash: GENESIS_HASH };
        const hash = entryHash(entry);
        return (
          entryHash({ ...entry, actor: entry.actor + tweak }) !== hash &&
          entryHash({ ...entry, recordId: entry.recordId + tweak }) !== hash &&
          entryHash({ ...entry, seq: entry.seq + 1 }) !== hash &&
          entryHash({ ...entry, prevHash: 'f'.repeat(64) }) !== hash
        );
      }),
    );
  });
});

describe('checking one entry against the one before', () => {
  const first: LedgerEntry = (() => {
    const base = {
      seq: 1,
      at: new Date('2026-01-01T00:00:00.000Z'),
      actor: 'system',
      action: 'load',
      entity: 'states',
      recordId: 'VE-A',
      recordHash: 'a'.repeat(64),
      prevHash: GENESIS_HASH,
    };
    return { ...base, hash: entryHash(base) };
  })();

  it('accepts a well-formed first entry', () => {
    expect(checkEntry(first, null)).toBeNull();
  });

  it('names a sequence going back, a broken link and altered content', () => {
    expect(checkEntry({ ...first, seq: 0 }, null)?.reason).toMatch(/sequence goes back from 0 to 0/);
    expect(checkEntry({ ...first, seq: 5 }, { seq: 7, hash: GENESIS_HASH })?.reason).toMatch(/goes back from 7 to 5/);
    expect(checkEntry({ ...first, seq: 2 }, null)?.reason).toMatch(/altered/);
    expect(checkEntry({ ...first, prevHash: 'b'.repeat(64) }, null)?.reason).toMatch(/previous-hash/);
    expect(checkEntry({ ...first, actor: 'mallory' }, null)?.reason).toMatch(/altered/);
  });
});
