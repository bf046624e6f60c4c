import { afterEach, describe, expect, it } from 'vitest';
import type { Db, Storage } from '../../db/database';
import { newId } from '../../db/ids';
import { openTestStorage } from '../../test/harness';
import { sql } from 'kysely';
import {
  isStaleRead,
  readLedgerPage,
  readLedgerState,
  writeLedgeredTogether,
  type LedgeredShared,
} from './ledger.repository';
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

/** The database, and how many statements it ran. */
function counting(db: Db): { db: Db; statements: () => number } {
  let statements = 0;
  const counted = db.withPlugin({
    transformQuery: ({ node }) => node,
    transformResult: async ({ result }) => {
      statements++;
      return result;
    },
  });
  return { db: counted, statements: () => statements };
}

function writeSector(db: Db, actor: string, row: ReturnType<typeof sector>) {
  return writeLedgeredTogether(db, actor, [
    { entity: 'sectors', action: 'create', query: db.insertInto('sectors').values(row).returningAll() },
  ]);
}

describe('writes made at the same moment', () => {
  it('share one statement, each entry chained under its own actor', async () => {
    storage = await openTestStorage();
    const { db, statements } = counting(storage.db);
    const before = await readLedgerState(db);
    const counted = statements();
    const rows = Array.from({ length: 12 }, (_, i) => sector(`Sector ${i}`));
    const written = await Promise.all(rows.map((row, i) => writeSector(db, `actor-${i}`, row)));
    // the first leaves alone at once; the eleven that came while it was out leave together
    expect(statements() - counted).toBe(2);
    expect(written.map((parts) => parts[0]![0]!.name)).toEqual(rows.map((r) => r.name));
    const entries = await readLedgerPage(db, before.seq, 20);
    expect(entries).toHaveLength(12);
    for (const entry of entries) {
      const i = rows.findIndex((r) => r.id === entry.recordId);
      expect(entry.actor).toBe(`actor-${i}`);
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('are each answered alone when one of them fails, and the others are written', async () => {
    storage = await openTestStorage();
    const { db } = storage;
    const taken = sector('Sector Tomado');
    await writeSector(db, 'tester', taken);
    const before = await readLedgerState(db);
    const rows = Array.from({ length: 6 }, (_, i) => sector(`Sector Nuevo ${i}`));
    rows[3] = { ...rows[3]!, id: taken.id };
    const answers = await Promise.allSettled(rows.map((row) => writeSector(db, 'tester', row)));
    expect(answers.map((a) => a.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((answers[3] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    const names = await db.selectFrom('sectors').select('name').where('name', 'like', 'Sector Nuevo%').execute();
    expect(names.map((n) => n.name).sort()).toEqual([
      'Sector Nuevo 0',
      'Sector Nuevo 1',
      'Sector Nuevo 2',
      'Sector Nuevo 4',
      'Sector Nuevo 5',
    ]);
    expect(await readLedgerPage(db, before.seq, 20)).toHaveLength(5);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('never put two updates of one record in one statement, where one would be lost', async () => {
    storage = await openTestStorage();
    const { db } = storage;
    const asic = {
      id: newId(),
      code: 'ASIC-G1',
      name: 'ASIC de prueba',
      search_name: 'asic de prueba',
      territory_code: 'VE-A-01-22',
      state_code: 'VE-A',
      population: 1_000,
      created_at: new Date(),
    };
    await writeLedgeredTogether(db, 'tester', [
      { entity: 'asics', action: 'create', query: db.insertInto('asics').values(asic).returningAll() },
    ]);
    const before = await readLedgerState(db);
    await Promise.all(
      Array.from({ length: 8 }, () =>
        writeLedgeredTogether(
          db,
          'tester',
          [
            {
              entity: 'asics',
              action: 'update',
              query: db
                .updateTable('asics')
                .set((eb) => ({ population: eb('population', '+', 1) }))
                .where('id', '=', asic.id)
                .returningAll(),
            },
          ],
          { updates: [`asics:${asic.id}`] },
        ),
      ),
    );
    const after = await db.selectFrom('asics').select('population').where('id', '=', asic.id).executeTakeFirstOrThrow();
    expect(after.population).toBe(1_008);
    expect(await readLedgerPage(db, before.seq, 20)).toHaveLength(8);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('run at once, alone, inside a transaction', async () => {
    storage = await openTestStorage();
    const row = sector('Sector en transacción');
    await storage.db.transaction().execute(async (tx) => {
      await writeSector(tx, 'tester', row);
      expect(await tx.selectFrom('sectors').select('id').where('id', '=', row.id).execute()).toHaveLength(1);
    });
    expect((await verifyLedger(storage.db)).ok).toBe(true);
  });
});

describe('writes given as rows', () => {
  const user = (username: string, extra: { locale?: string } = {}) => ({
    id: newId(),
    username,
    display_name: username,
    password_hash: 'not-a-hash',
    created_at: new Date(),
    ...extra,
  });

  it('share one statement, each write chained in the order of its parts, under its own actor', async () => {
    storage = await openTestStorage();
    const { db, statements } = counting(storage.db);
    const before = await readLedgerState(db);
    const counted = statements();
    const writes = Array.from({ length: 10 }, (_, i) => ({
      sectors: [sector(`Sector ${i} B`), sector(`Sector ${i} A`)],
      users: [user(`usuario-${i}`)],
    }));
    const written = await Promise.all(
      writes.map((w, i) =>
        writeLedgeredTogether(db, `actor-${i}`, [
          { entity: 'users', action: 'create', rows: w.users },
          { entity: 'sectors', action: 'create', rows: w.sectors },
        ]),
      ),
    );
    expect(statements() - counted).toBe(2);
    written.forEach(([users, sectors], i) => {
      expect(users!.map((u) => u.username)).toEqual([`usuario-${i}`]);
      expect(users![0]!.locale).toBe('es');
      expect(sectors!.map((s) => s.name).sort()).toEqual([`Sector ${i} A`, `Sector ${i} B`]);
    });
    const entries = await readLedgerPage(db, before.seq, 40);
    expect(entries).toHaveLength(30);
    // entries come write after write: the user first, then the write's two sectors by key
    const byWrite = writes.map((w, i) => ({ i, ids: [w.users[0]!.id, ...w.sectors.map((s) => s.id).sort()] }));
    const order = entries.map((e) => e.recordId);
    for (const { i, ids } of byWrite) {
      const at = order.indexOf(ids[0]!);
      expect(order.slice(at, at + 3)).toEqual(ids);
      expect(entries.slice(at, at + 3).map((e) => e.actor)).toEqual([`actor-${i}`, `actor-${i}`, `actor-${i}`]);
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('keep a column left out at its default, beside rows of the same table that give it', async () => {
    storage = await openTestStorage();
    const { db, statements } = counting(storage.db);
    const counted = statements();
    const one = (row: ReturnType<typeof user>) =>
      writeLedgeredTogether(db, 'tester', [{ entity: 'users', action: 'create', rows: [row] }]);
    // the first leaves alone; the other two share the next statement, which no retry follows
    const [, [plain], [english]] = await Promise.all([
      one(user('primero')),
      one(user('sin-idioma')),
      one(user('en-ingles', { locale: 'en' })),
    ]);
    expect(statements() - counted).toBe(2);
    expect(plain![0]!.locale).toBe('es');
    expect(english![0]!.locale).toBe('en');
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('ledger a row whose key was given in capitals', async () => {
    storage = await openTestStorage();
    const { db } = storage;
    const before = await readLedgerState(db);
    const row = sector('Sector Mayúsculas');
    await writeLedgeredTogether(db, 'tester', [
      { entity: 'sectors', action: 'create', rows: [{ ...row, id: row.id.toUpperCase() }] },
    ]);
    const entries = await readLedgerPage(db, before.seq, 10);
    expect(entries.map((e) => e.recordId)).toEqual([row.id]);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('refuse a row without its key, writing nothing', async () => {
    storage = await openTestStorage();
    const { db } = storage;
    const before = await readLedgerState(db);
    const { id: _id, ...keyless } = sector('Sector Sin Clave');
    await expect(
      writeLedgeredTogether(db, 'tester', [{ entity: 'sectors', action: 'create', rows: [keyless] }]),
    ).rejects.toThrow(/no id/);
    expect(await db.selectFrom('sectors').select('id').where('name', '=', 'Sector Sin Clave').execute()).toEqual([]);
    expect(await readLedgerState(db)).toEqual(before);
  });

  it('go together with writes given as queries', async () => {
    storage = await openTestStorage();
    const { db, statements } = counting(storage.db);
    const before = await readLedgerState(db);
    const counted = statements();
    const rows = Array.from({ length: 6 }, (_, i) => sector(`Sector Mixto ${i}`));
    await Promise.all(
      rows.map((row, i) =>
        i % 2 === 0
          ? writeSector(db, `actor-${i}`, row)
          : writeLedgeredTogether(db, `actor-${i}`, [{ entity: 'sectors', action: 'create', rows: [row] }]),
      ),
    );
    expect(statements() - counted).toBe(2);
    const entries = await readLedgerPage(db, before.seq, 10);
    expect(entries.map((e) => e.actor)).toEqual(rows.map((_, i) => `actor-${i}`));
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});

describe('writes of shared parts', () => {
  /** Sectors written from given names: one statement for every write of a group. */
  const NAMED_SECTORS: Omit<LedgeredShared, 'given'> = {
    entity: 'sectors',
    action: 'create',
    name: 'test_named_sectors',
    types: { id: 'uuid', name: 'text' },
    keyColumn: 'id',
    query: (given) => sql`
      INSERT INTO sectors (id, parish_code, state_code, name, search_name, created_at)
      SELECT v.id, 'VE-A-01-22', 'VE-A', v.name, lower(v.name), now() FROM ${given} v
      RETURNING *`,
  };
  const named = (name: string) => ({ id: newId(), name });

  it('share one statement, and each record is chained under the write that gave it', async () => {
    storage = await openTestStorage();
    const { db, statements } = counting(storage.db);
    const before = await readLedgerState(db);
    const counted = statements();
    const writes = Array.from({ length: 8 }, (_, i) => [named(`Compartido ${i} B`), named(`Compartido ${i} A`)]);
    const written = await Promise.all(
      writes.map((given, i) => writeLedgeredTogether(db, `actor-${i}`, [{ ...NAMED_SECTORS, given }])),
    );
    expect(statements() - counted).toBe(2);
    written.forEach(([sectors], i) =>
      expect(sectors!.map((s) => s.name).sort()).toEqual([`Compartido ${i} A`, `Compartido ${i} B`]),
    );
    const entries = await readLedgerPage(db, before.seq, 20);
    expect(entries).toHaveLength(16);
    writes.forEach((given, i) => {
      const ids = given.map((g) => g.id).sort();
      const at = entries.findIndex((e) => e.recordId === ids[0]);
      expect(entries.slice(at, at + 2).map((e) => [e.recordId, e.actor])).toEqual(ids.map((id) => [id, `actor-${i}`]));
    });
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('refuse parts of one name that do not share their query', async () => {
    storage = await openTestStorage();
    const { db } = storage;
    const before = await readLedgerState(db);
    const other = {
      ...NAMED_SECTORS,
      query: (given: Parameters<typeof NAMED_SECTORS.query>[0]) => NAMED_SECTORS.query(given, () => sql``),
    };
    await expect(
      writeLedgeredTogether(db, 'tester', [
        { ...NAMED_SECTORS, given: [named('Uno')] },
        { ...other, given: [named('Dos')] },
      ]),
    ).rejects.toThrow(/must share one query/);
    expect(await readLedgerState(db)).toEqual(before);
  });
});

describe('writes that rest on records read earlier', () => {
  /** A sector written through the ledger, and the version its row is at. */
  async function writtenSector(db: Db, name: string) {
    const row = sector(name);
    await writeLedgeredTogether(db, 'tester', [{ entity: 'sectors', action: 'create', rows: [row] }]);
    return { id: row.id, version: await versionOf(db, row.id) };
  }
  async function versionOf(db: Db, id: string) {
    const { rows } = await sql<{ v: string }>`SELECT xmin::text AS v FROM sectors WHERE id = ${id}`.execute(db);
    return rows[0]!.v;
  }
  const rename = (db: Db, id: string, name: string) =>
    writeLedgeredTogether(db, 'tester', [
      {
        entity: 'sectors',
        action: 'update',
        query: db.updateTable('sectors').set({ name }).where('id', '=', id).returningAll(),
      },
    ]);

  it('are written while those records stand as read, and refused, writing nothing, once they changed', async () => {
    storage = await openTestStorage();
    const { db } = storage;
    const read = await writtenSector(db, 'Sector Leído');
    const resting = (name: string) =>
      writeLedgeredTogether(db, 'tester', [{ entity: 'sectors', action: 'create', rows: [sector(name)] }], {
        unchanged: [{ entity: 'sectors', ...read }],
      });
    await resting('Sector Apoyado 1');
    await rename(db, read.id, 'Sector Leído y Cambiado');
    const before = await readLedgerState(db);
    const refused = await resting('Sector Apoyado 2').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isStaleRead(refused)).toBe(true);
    expect(String(refused)).toContain(read.id);
    expect(await db.selectFrom('sectors').select('id').where('name', '=', 'Sector Apoyado 2').execute()).toEqual([]);
    expect(await readLedgerState(db)).toEqual(before);
    // A record that no longer exists has changed too.
    const missing = { entity: 'sectors' as const, id: newId(), version: read.version };
    await expect(
      writeLedgeredTogether(db, 'tester', [{ entity: 'sectors', action: 'create', rows: [sector('Sector 3')] }], {
        unchanged: [missing],
      }),
    ).rejects.toSatisfy(isStaleRead);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('fail alone when they share a statement with writes whose records stand', async () => {
    storage = await openTestStorage();
    const { db, statements } = counting(storage.db);
    const reads = await Promise.all(Array.from({ length: 8 }, (_, i) => writtenSector(db, `Sector Base ${i}`)));
    await rename(db, reads[3]!.id, 'Sector Base Cambiado');
    const counted = statements();
    const outcomes = await Promise.allSettled(
      reads.map((read, i) =>
        writeLedgeredTogether(
          db,
          `actor-${i}`,
          [{ entity: 'sectors', action: 'create', rows: [sector(`Hijo ${i}`)] }],
          {
            unchanged: [{ entity: 'sectors', ...read }],
          },
        ),
      ),
    );
    expect(statements() - counted).toBeGreaterThan(1);
    expect(outcomes.map((o) => o.status)).toEqual(reads.map((_, i) => (i === 3 ? 'rejected' : 'fulfilled')));
    expect(isStaleRead((outcomes[3] as PromiseRejectedResult).reason)).toBe(true);
    const children = await db.selectFrom('sectors').select('name').where('name', 'like', 'Hijo %').execute();
    expect(children.map((c) => c.name).sort()).toEqual(reads.map((_, i) => `Hijo ${i}`).filter((n) => n !== 'Hijo 3'));
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});
