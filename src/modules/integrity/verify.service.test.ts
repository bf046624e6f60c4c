import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../db/database';
import { newId } from '../../db/ids';
import { Access } from '../../server/access';
import { openTestStorage } from '../../test/harness';
import { changeFacilityStatus, registerFacility } from '../facilities/facility.service';
import { registerFacilityBody } from '../facilities/facility.schema';
import { verifyLedger } from './verify.service';
import { appendToLedger, readLedgerState } from './ledger.repository';

const admin = new Access({ id: 'test-admin', username: 'admin', displayName: 'Admin', locale: 'es' }, [
  {
    id: 'a1',
    role: 'national_admin',
    facilityId: null,
    facilityName: null,
    territoryCode: 'VE',
    territoryName: 'Venezuela',
  },
]);

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

/** A fresh database holding the reference data and one facility that went from planned to under construction. */
async function ledgeredDatabase() {
  storage = await openTestStorage();
  const facility = await registerFacility(
    storage.db,
    admin,
    registerFacilityBody.parse({
      code: 'VE-A-CP-9001',
      name: 'Consultorio Popular Los Frailes',
      kind: 'consultorio_popular',
      parishCode: 'VE-A-01-22',
    }),
  );
  await changeFacilityStatus(storage.db, admin, facility.id, { status: 'under_construction', reason: 'Obra iniciada' });
  const { seq } = await readLedgerState(storage.db);
  return { db: storage.db, facilityId: facility.id, lastSeq: Number(seq) };
}

async function expectBroken(db: Storage['db'], reason: RegExp, seq?: number) {
  const result = await verifyLedger(db);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.broken.reason).toMatch(reason);
  if (seq !== undefined) expect(result.broken.seq).toBe(seq);
}

describe('ledger verification', () => {
  it('finds an untouched ledger intact and counts every entry and record', async () => {
    const { db, lastSeq } = await ledgeredDatabase();
    const result = await verifyLedger(db);
    const { n } = await db
      .selectFrom('ledger')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(result).toMatchObject({ ok: true, entries: Number(n) });
    // 24 states + 335 municipalities + 1139 parishes + the service catalog + 1 facility + 2 status changes
    expect(lastSeq).toBeGreaterThan(24 + 335 + 1139 + 3);
  });

  it('detects a ledger entry altered in place', async () => {
    const { db } = await ledgeredDatabase();
    await sql`UPDATE ledger SET actor = 'someone-else' WHERE seq = 100`.execute(db);
    await expectBroken(db, /content does not match its hash/, 100);
  });

  it('detects a ledger entry deleted from the middle', async () => {
    const { db } = await ledgeredDatabase();
    await sql`DELETE FROM ledger WHERE seq = 500`.execute(db);
    await expectBroken(db, /previous-hash does not match .* entries are missing/, 501);
  });

  it('detects the newest ledger entries being cut off', async () => {
    const { db, lastSeq } = await ledgeredDatabase();
    await sql`DELETE FROM ledger WHERE seq = ${lastSeq}`.execute(db);
    await expectBroken(db, /removed or the head was altered/);
  });

  it('detects an entry inserted into the ledger', async () => {
    const { db, lastSeq } = await ledgeredDatabase();
    const last = await db.selectFrom('ledger').selectAll().where('seq', '=', lastSeq).executeTakeFirstOrThrow();
    await sql`INSERT INTO ledger (seq, lane, at, actor, action, entity, record_id, record_hash, prev_hash, hash)
              VALUES (${lastSeq + 1}, 1, now(), 'forger', 'create', 'facilities', ${newId()}, ${'a'.repeat(64)}, ${last.hash}, ${'b'.repeat(64)})`.execute(
      db,
    );
    await expectBroken(db, /content does not match its hash/, lastSeq + 1);
  });

  it('detects two ledger entries swapped', async () => {
    const { db } = await ledgeredDatabase();
    await sql`UPDATE ledger SET seq = -1 WHERE seq = 10`.execute(db);
    await sql`UPDATE ledger SET seq = 10 WHERE seq = 11`.execute(db);
    await sql`UPDATE ledger SET seq = 11 WHERE seq = -1`.execute(db);
    await expectBroken(db, /previous-hash does not match|does not match its hash/, 10);
  });

  it('detects an entry moved to another lane', async () => {
    const { db } = await ledgeredDatabase();
    await sql`UPDATE ledger SET lane = 2 WHERE seq = 700`.execute(db);
    // Lane 2 had no entries: the moved one should start from the genesis hash, not from entry 699.
    await expectBroken(db, /previous-hash does not match/, 700);
  });

  it('detects an entry claiming a lane the ledger does not have', async () => {
    const { db } = await ledgeredDatabase();
    await sql`UPDATE ledger SET lane = 40 WHERE seq = 300`.execute(db);
    await expectBroken(db, /claims lane 40/, 300);
  });

  it('detects the last entry of a lane cut off together with the entries after it', async () => {
    const { db, lastSeq } = await ledgeredDatabase();
    await sql`DELETE FROM ledger WHERE seq >= ${lastSeq - 1}`.execute(db);
    await expectBroken(db, /lane 1 of the ledger ends at entry .* but its head records entry/);
  });

  it('gives concurrent writers their own lanes, and the ledger still verifies', async () => {
    const { db } = await ledgeredDatabase();
    const ids = (await db.selectFrom('states').select('code').orderBy('code').execute()).map((r) => r.code);
    // Each writer appends twice with a pause between, holding its lane for the whole transaction.
    await Promise.all(
      ids.slice(0, 6).map((code) =>
        db.transaction().execute(async (tx) => {
          await appendToLedger(tx, 'writer', 'update', 'states', code);
          await new Promise((resolve) => setTimeout(resolve, 30));
          await appendToLedger(tx, 'writer', 'update', 'states', code);
        }),
      ),
    );
    const lanes = await sql<{ lane: number; entries: number }>`
      SELECT lane, count(*)::int AS entries FROM ledger WHERE actor = 'writer' GROUP BY lane`.execute(db);
    // A transaction never spreads over two lanes: every lane used holds whole transactions.
    expect(lanes.rows.every((r) => r.entries % 2 === 0)).toBe(true);
    // The embedded database has one connection, so its writers take turns in one lane.
    if (storage!.kind === 'postgresql') expect(lanes.rows.length).toBeGreaterThan(1);
    else expect(lanes.rows.map((r) => r.lane)).toEqual([1]);
    expect(await verifyLedger(db)).toMatchObject({ ok: true });
  });

  it('hashes records exactly as the database does, whatever characters they hold', async () => {
    const { db, facilityId } = await ledgeredDatabase();
    const name = 'Consultorio "Peña\\Ñandú"\ttab 🌿 \u2028 fin';
    await db.transaction().execute(async (tx) => {
      await sql`UPDATE facilities SET name = ${name}, address = NULL WHERE id = ${facilityId}`.execute(tx);
      await appendToLedger(tx, 'tester', 'update', 'facilities', facilityId);
    });
    expect(await verifyLedger(db)).toMatchObject({ ok: true });
  });

  it('detects a ledgered record changed by direct SQL', async () => {
    const { db, facilityId } = await ledgeredDatabase();
    await sql`UPDATE facilities SET beds_ward = 40 WHERE id = ${facilityId}`.execute(db);
    await expectBroken(db, new RegExp(`record ${facilityId} of facilities differs`));
  });

  it('detects a ledgered record deleted by direct SQL', async () => {
    const { db, facilityId } = await ledgeredDatabase();
    const change = await db
      .selectFrom('facility_status_changes')
      .select('id')
      .where('facility_id', '=', facilityId)
      .orderBy('recorded_at', 'desc')
      .executeTakeFirstOrThrow();
    await sql`DELETE FROM facility_status_changes WHERE id = ${change.id}`.execute(db);
    await expectBroken(db, /is missing: it was deleted outside the ledger/);
  });

  it('detects a record inserted by direct SQL', async () => {
    const { db } = await ledgeredDatabase();
    await sql`INSERT INTO sectors (id, parish_code, state_code, name, search_name, created_at)
              VALUES (${newId()}, 'VE-A-01-22', 'VE-A', 'Sector fantasma', 'sector fantasma', now())`.execute(db);
    await expectBroken(db, /has no ledger entry: it was inserted outside the ledger/);
  });

  it('detects a record rewritten together with the hash its ledger entry holds', async () => {
    const { db, facilityId } = await ledgeredDatabase();
    await sql`UPDATE facilities SET name = 'Otro nombre' WHERE id = ${facilityId}`.execute(db);
    await sql`UPDATE ledger SET record_hash = (SELECT ledger_record_hash(to_jsonb(f)) FROM facilities f WHERE f.id = ${facilityId})
              WHERE seq = (SELECT max(seq) FROM ledger WHERE entity = 'facilities' AND record_id = ${facilityId}::text)`.execute(
      db,
    );
    await expectBroken(db, /content does not match its hash/);
  });

  it('detects a second row under a ledgered key once its primary key is dropped', async () => {
    const { db, facilityId } = await ledgeredDatabase();
    await sql`ALTER TABLE facility_status_changes DROP CONSTRAINT facility_status_changes_pkey CASCADE`.execute(db);
    await sql`INSERT INTO facility_status_changes SELECT * FROM facility_status_changes WHERE facility_id = ${facilityId}
              ORDER BY recorded_at LIMIT 1`.execute(db);
    await expectBroken(db, /has no ledger entry: it was inserted outside the ledger/);
  });

  it('checks the same on a worker thread as on the calling one', async () => {
    const { db, facilityId } = await ledgeredDatabase();
    const here = await verifyLedger(db, undefined, { thread: 'here' });
    const worker = await verifyLedger(db, undefined, { thread: 'worker' });
    expect(worker).toMatchObject({ ok: true, entries: here.entries, records: (here as { records: number }).records });
    await sql`UPDATE facilities SET beds_icu = 3 WHERE id = ${facilityId}`.execute(db);
    const broken = await verifyLedger(db, undefined, { thread: 'worker' });
    expect(broken).toMatchObject({ ok: false, broken: { entity: 'facilities', recordId: facilityId } });
    await sql`UPDATE ledger SET actor = 'otro' WHERE seq = 3`.execute(db);
    expect(await verifyLedger(db, undefined, { thread: 'worker' })).toMatchObject({ ok: false, broken: { seq: 3 } });
  });

  it('keeps ledger and record unchanged when a write fails', async () => {
    const { db, lastSeq } = await ledgeredDatabase();
    await expect(
      registerFacility(
        db,
        admin,
        registerFacilityBody.parse({
          code: 'VE-A-CP-9001',
          name: 'Duplicado',
          kind: 'consultorio_popular',
          parishCode: 'VE-A-01-22',
        }),
      ),
    ).rejects.toMatchObject({ code: 'DUPLICATE_FACILITY_CODE' });
    const { seq } = await readLedgerState(db);
    expect(Number(seq)).toBe(lastSeq);
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});
