import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../db/database';
import { newId } from '../../db/ids';
import { openTestStorage } from '../../test/harness';
import { readLedgerPage, readLedgerState, writeLedgeredTogether } from './ledger.repository';
import { verifyLedger } from './verify.service';

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

const sector = (name: string) => ({
  id: newId(),
  parish_code: 'VE-A-01-22',
  state_code: 'VE-A',
  name,
  search_name: name.toLowerCase(),
  created_at: new Date(),
});

describe('writing several tables in one ledgered statement', () => {
  it('writes every part and chains one entry per row, in the order of the parts', async () => {
    storage = await openTestStorage();
    const { db } = storage;
    const before = await readLedgerState(db);
    const asic = {
      id: newId(),
      code: 'ASIC-T1',
      name: 'ASIC de prueba',
      search_name: 'asic de prueba',
      territory_code: 'VE-A-01-22',
      state_code: 'VE-A',
      population: 45_000,
      created_at: new Date(),
    };
    const [sectors, asics] = await writeLedgeredTogether(db, 'tester', [
      {
        entity: 'sectors',
        action: 'create',
        query: db
          .insertInto('sectors')
          .values([sector('Sector B'), sector('Sector A')])
          .returningAll(),
      },
      { entity: 'asics', action: 'create', query: db.insertInto('asics').values(asic).returningAll() },
    ]);
    expect(sectors!.map((s) => s.name).sort()).toEqual(['Sector A', 'Sector B']);
    expect(typeof sectors![0]!.created_at).toBe('string');
    expect(asics!.map((a) => a.code)).toEqual(['ASIC-T1']);
    const entries = await readLedgerPage(db, before.seq, 10);
    expect(entries.map((e) => e.entity)).toEqual(['sectors', 'sectors', 'asics']);
    expect(new Set(entries.map((e) => e.lane)).size).toBe(1);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('writes nothing, and appends nothing, when one of the parts fails', async () => {
    storage = await openTestStorage();
    const { db } = storage;
    const taken = sector('Sector Tomado');
    await writeLedgeredTogether(db, 'tester', [
      { entity: 'sectors', action: 'create', query: db.insertInto('sectors').values(taken).returningAll() },
    ]);
    const before = await readLedgerState(db);
    const fresh = sector('Sector Nuevo');
    await expect(
      writeLedgeredTogether(db, 'tester', [
        { entity: 'sectors', action: 'create', query: db.insertInto('sectors').values(fresh).returningAll() },
        {
          entity: 'sectors',
          action: 'create',
          query: db
            .insertInto('sectors')
            .values({ ...taken, id: newId() })
            .returningAll(),
        },
      ]),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.selectFrom('sectors').select('id').where('id', '=', fresh.id).execute()).toEqual([]);
    expect(await readLedgerState(db)).toEqual(before);
  });
});
