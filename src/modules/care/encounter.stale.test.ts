import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/harness';
import { findPersonToWrite } from '../census/person.access';
import { writeLedgered } from '../integrity/ledger.repository';
import { verifyLedger } from '../integrity/verify.service';
import { accessForUser } from '../people/auth.service';
import {
  bornYearsAgo,
  careSnapshot,
  createCareWorld,
  daysFromToday,
  seedHousehold,
  type CareWorld,
} from './care.test-support';

/**
 * An encounter is checked against the person as last read (their post, birth date, sex, vital
 * status) and, on a PostgreSQL server, written only if the person is still as read; otherwise the
 * person is read again and the encounter checked anew. Here the person changes between the
 * doctor's first read and the write, as another server process would change them, and the write
 * follows the change (on the embedded database, which reads the person afresh, as well).
 */
let w: CareWorld;

const visit = (overrides: Record<string, unknown> = {}) => ({
  setting: 'post',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  reason: 'Control',
  vitals: { systolic: 120, diastolic: 80 },
  diagnoses: [{ code: 'I10' }],
  outcome: 'resolved',
  ...overrides,
});

/** Changes a person's row on the ledger, as the census would, behind this process's last read. */
async function changePerson(id: string, change: Record<string, unknown>) {
  const db = w.t.storage.db;
  await db.transaction().execute((tx) =>
    writeLedgered(
      tx,
      'system',
      'update',
      'persons',
      tx
        .updateTable('persons')
        .set({ ...change, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll(),
    ),
  );
}

/** A person of post A whose record the doctor has just opened, so that it is among the last read. */
async function openedPerson(birthYearsAgo = 40): Promise<string> {
  const { personIds } = await seedHousehold(w.t, w.postId, [
    { firstNames: 'Carmen Elena', lastNames: 'Rivas', sex: 'F', birthDate: bornYearsAgo(birthYearsAgo) },
  ]);
  const id = personIds[0]!;
  expect((await w.doctor.get(`/api/persons/${id}`)).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  w = await createCareWorld();
});
afterAll(() => w.t.close());

describe('a person changed after the doctor read them', () => {
  /** The doctor's access, as a request of theirs carries it. */
  async function doctorAccess() {
    const db = w.t.storage.db;
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'dra-medina')
      .executeTakeFirstOrThrow();
    return (await accessForUser(db, user.id))!;
  }

  it.runIf(testEngine === 'postgresql')(
    'is still the last-read row until read afresh, which the write then needs',
    async () => {
      const id = await openedPerson();
      const access = await doctorAccess();
      const before = await findPersonToWrite(w.t.storage.db, access, id, 'care.write');
      await changePerson(id, { first_names: 'Carmen Elena del Valle' });
      const remembered = await findPersonToWrite(w.t.storage.db, access, id, 'care.write');
      expect(remembered).toEqual(before);
      const fresh = await findPersonToWrite(w.t.storage.db, access, id, 'care.write', true);
      expect(fresh.person.first_names).toBe('Carmen Elena del Valle');
      expect(fresh.version).not.toBe(before.version);
    },
  );

  it.runIf(testEngine === 'pglite')('is read afresh on the embedded database, with nothing to compare', async () => {
    const id = await openedPerson();
    const access = await doctorAccess();
    await changePerson(id, { first_names: 'Carmen Elena del Valle' });
    const read = await findPersonToWrite(w.t.storage.db, access, id, 'care.write');
    expect(read.person.first_names).toBe('Carmen Elena del Valle');
    expect(read.version).toBeUndefined();
  });

  it('records the encounter when the change does not bear on it', async () => {
    const id = await openedPerson();
    await changePerson(id, { national_id: 'V-12345678' });
    const response = await w.doctor.post(`/api/persons/${id}/encounters`, visit());
    expect(response.statusCode).toBe(201);
    expect(response.json().personId).toBe(id);
  });

  it('refuses, and writes nothing, once the person moved to another post', async () => {
    const id = await openedPerson();
    const { householdId, familyId } = await seedHousehold(w.t, w.otherPostId, [
      { firstNames: 'Pedro', lastNames: 'Rivas', sex: 'M', birthDate: bornYearsAgo(45) },
    ]);
    await changePerson(id, { household_id: householdId, family_id: familyId, facility_id: w.otherPostId });
    const before = await careSnapshot(w.t);
    const refused = await w.doctor.post(`/api/persons/${id}/encounters`, visit());
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('PERSON_NOT_FOUND');
    expect(await careSnapshot(w.t)).toEqual(before);
    // The new post's doctor records it, at the new post.
    const recorded = await w.neighbour.post(`/api/persons/${id}/encounters`, visit());
    expect(recorded.statusCode).toBe(201);
    const row = await w.t.storage.db
      .selectFrom('encounters')
      .select('facility_id')
      .where('id', '=', recorded.json().id)
      .executeTakeFirstOrThrow();
    expect(row.facility_id).toBe(w.otherPostId);
  });

  it('refuses, and writes nothing, once the person was recorded dead', async () => {
    const id = await openedPerson();
    await changePerson(id, { vital_status: 'dead', died_on: daysFromToday(-1) });
    const before = await careSnapshot(w.t);
    const refused = await w.doctor.post(`/api/persons/${id}/encounters`, visit());
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('PERSON_DECEASED');
    expect(await careSnapshot(w.t)).toEqual(before);
  });

  it('checks the encounter against a corrected birth date', async () => {
    const id = await openedPerson();
    await changePerson(id, { birth_date: daysFromToday(0) });
    const before = await careSnapshot(w.t);
    const refused = await w.doctor.post(
      `/api/persons/${id}/encounters`,
      visit({ occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('occurredAt');
    expect(await careSnapshot(w.t)).toEqual(before);
  });

  it('records, among sixteen at once, the others of the group and the changed one after a fresh read', async () => {
    const ids = await Promise.all(Array.from({ length: 16 }, () => openedPerson()));
    await changePerson(ids[5]!, { national_id: 'V-87654321' });
    const responses = await Promise.all(ids.map((id) => w.doctor.post(`/api/persons/${id}/encounters`, visit())));
    expect(responses.map((r) => r.statusCode)).toEqual(ids.map(() => 201));
    expect((await verifyLedger(w.t.storage.db)).ok).toBe(true);
  });
});
