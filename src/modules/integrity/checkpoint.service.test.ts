import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../db/database';
import { Access } from '../../server/access';
import { openTestStorage } from '../../test/harness';
import { changeFacilityStatus, registerFacility } from '../facilities/facility.service';
import { registerFacilityBody } from '../facilities/facility.schema';
import { checkAgainstCheckpoint, listCheckpoints, takeCheckpoint } from './checkpoint.service';
import { verifyLedger } from './verify.service';

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
const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

async function register(code: string) {
  return registerFacility(
    storage!.db,
    admin,
    registerFacilityBody.parse({
      code,
      name: `Consultorio ${code}`,
      kind: 'consultorio_popular',
      parishCode: 'VE-A-01-22',
    }),
  );
}

/**
 * What someone with write access to the database can do that the chain alone cannot catch: change
 * a record, then recompute its entry and every entry after it in the lane, and the head.
 */
async function rewriteHistory(facilityId: string) {
  await sql
    .raw(
      `DO $$ DECLARE r record; v_prev text; v_hash text; v_from bigint; BEGIN
         UPDATE facilities SET name = 'Nombre reescrito' WHERE id = '${facilityId}';
         SELECT max(seq) INTO v_from FROM ledger WHERE entity = 'facilities' AND record_id = '${facilityId}';
         UPDATE ledger SET record_hash = (SELECT ledger_record_hash(to_jsonb(f)) FROM facilities f WHERE f.id = '${facilityId}')
           WHERE seq = v_from;
         SELECT prev_hash INTO v_prev FROM ledger WHERE seq = v_from;
         FOR r IN SELECT * FROM ledger WHERE lane = 1 AND seq >= v_from ORDER BY seq LOOP
           v_hash := encode(sha256(convert_to(v_prev || ledger_canonical(r.seq, r.at, r.actor, r.action, r.entity,
             r.record_id, r.record_hash), 'UTF8')), 'hex');
           UPDATE ledger SET prev_hash = v_prev, hash = v_hash WHERE seq = r.seq;
           v_prev := v_hash;
         END LOOP;
         UPDATE ledger_head SET hash = v_prev WHERE id = 1;
       END $$`,
    )
    .execute(storage!.db);
}

describe('ledger checkpoints', () => {
  it('hold while the ledger only grows, and are kept for auditors', async () => {
    storage = await openTestStorage();
    await register('VE-A-CP-9101');
    const checkpoint = await takeCheckpoint(storage.db, key);
    const facility = await register('VE-A-CP-9102');
    await changeFacilityStatus(storage.db, admin, facility.id, {
      status: 'under_construction',
      reason: 'Obra iniciada',
    });
    expect(await checkAgainstCheckpoint(storage.db, checkpoint)).toMatchObject({ ok: true });
    expect(await listCheckpoints(storage.db, 10)).toEqual([checkpoint]);
  });

  it('catch a history rewritten so cleanly that the chain still verifies', async () => {
    storage = await openTestStorage();
    const facility = await register('VE-A-CP-9103');
    const checkpoint = await takeCheckpoint(storage.db, key);
    await register('VE-A-CP-9104');
    await rewriteHistory(facility.id);
    // The chain alone is fooled: every hash was recomputed.
    expect(await verifyLedger(storage.db)).toMatchObject({ ok: true });
    const result = await checkAgainstCheckpoint(storage.db, checkpoint);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/the last of lane 1 at the checkpoint .* no longer has the hash/);
  });

  it('notice entries cut off below a checkpoint', async () => {
    storage = await openTestStorage();
    await register('VE-A-CP-9105');
    const checkpoint = await takeCheckpoint(storage.db, key);
    const last = checkpoint.statement.lanes.find((l) => l.lane === 1)!.seq;
    await sql`DELETE FROM ledger WHERE seq >= ${last}`.execute(storage.db);
    const result = await checkAgainstCheckpoint(storage.db, checkpoint);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.reason).toMatch(new RegExp(`entry ${last}, .* is gone`));
  });
});
