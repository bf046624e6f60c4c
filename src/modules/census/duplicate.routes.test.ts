import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { censusSnapshot, createCensusWorld, lastDenial, type CensusWorld } from './census.fixtures';

let w: CensusWorld;

const livingConditions = {
  waterSource: 'public_tap',
  sanitation: 'latrine',
  electricity: 'grid',
  floor: 'earth',
  wasteDisposal: 'burned',
  rooms: 2,
};

type Member = { firstNames: string; lastNames: string; birthDate: string; nationalId?: string };

async function registerAlone(member: Member, address: string, client = w.doctor, postId = w.postId) {
  const response = await client.post(`/api/posts/${postId}/households`, {
    address,
    ...livingConditions,
    members: [{ sex: 'F', relationship: 'head', ...member }],
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().members[0] as { id: string; possibleDuplicate: boolean; nationalId: string | null };
}

async function openFlags() {
  const response = await w.registrar.get(`/api/posts/${w.postId}/duplicates`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

let original: { id: string };
let sameSpelling: { id: string; possibleDuplicate: boolean };
let nearSpelling: { id: string };

beforeAll(async () => {
  w = await createCensusWorld();
  original = await registerAlone(
    { firstNames: 'Yolimar', lastNames: 'Briceño Colmenares', birthDate: '1991-04-12' },
    'Vereda 7, casa 3',
  );
});
afterAll(() => w.t.close());

describe('flagging possible duplicates', () => {
  it('flags a person registered again with the same names and birth date, without merging', async () => {
    sameSpelling = await registerAlone(
      { firstNames: 'YOLIMAR', lastNames: 'Briceno Colmenares', birthDate: '1991-04-12', nationalId: 'V-18777666' },
      'Vereda 9, casa 1',
    );
    expect(sameSpelling.possibleDuplicate).toBe(true);
    const flags = await openFlags();
    expect(flags.total).toBe(1);
    expect(flags.items[0]).toMatchObject({
      reason: 'same_name_and_birth_date',
      status: 'open',
      person: { id: sameSpelling.id, address: 'Vereda 9, casa 1', nationalId: 'V-18777666' },
      candidate: { id: original.id, address: 'Vereda 7, casa 3', mergedInto: null },
    });
  });

  it('flags a near spelling with the same birth date', async () => {
    nearSpelling = await registerAlone(
      { firstNames: 'Yolimar', lastNames: 'Briseño Colmenarez', birthDate: '1991-04-12' },
      'Vereda 11',
    );
    const flags = await openFlags();
    expect(flags.total).toBe(3);
    expect(flags.items.filter((f: { person: { id: string } }) => f.person.id === nearSpelling.id)).toHaveLength(2);
    expect(flags.items[0].reason).toBe('similar_name_and_birth_date');
  });

  it('does not flag the same name with another birth date, a different name, or someone at another post', async () => {
    await registerAlone({ firstNames: 'Yolimar', lastNames: 'Briceño Colmenares', birthDate: '1992-04-12' }, 'V 1');
    await registerAlone({ firstNames: 'Yusleidy', lastNames: 'Marcano', birthDate: '1991-04-12' }, 'V 2');
    await registerAlone(
      { firstNames: 'Yolimar', lastNames: 'Briceño Colmenares', birthDate: '1991-04-12' },
      'Otra calle',
      w.neighbour,
      w.otherPostId,
    );
    expect((await openFlags()).total).toBe(3);
  });

  it('shows the flag to the registrar only: 403 to the post’s doctor, 404 to another post', async () => {
    const doctor = await w.doctor.get(`/api/posts/${w.postId}/duplicates`);
    expect(doctor.statusCode).toBe(403);
    expect(await lastDenial(w.t)).toMatchObject({ reason: 'lacks census.merge' });
    const neighbour = await w.neighbour.get(`/api/posts/${w.postId}/duplicates`);
    expect(neighbour.statusCode).toBe(404);
    const flagId = (await openFlags()).items[0].id;
    expect((await w.doctor.post(`/api/duplicates/${flagId}/dismiss`)).statusCode).toBe(404);
  });
});

describe('resolving possible duplicates', () => {
  it('merges one record into the other: it leaves its household and the kept one takes its national id', async () => {
    const flag = (await openFlags()).items.find((f: { person: { id: string } }) => f.person.id === sameSpelling.id);
    const before = await censusSnapshot(w.t);
    const response = await w.registrar.post(`/api/duplicates/${flag.id}/merge`, { keepPersonId: original.id });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'merged',
      resolvedBy: 'registradora',
      person: { id: sameSpelling.id, mergedInto: original.id },
    });
    const after = await censusSnapshot(w.t);
    expect(after.persons).toBe(before.persons);
    // the flag, the merged record, the kept record's national id, the other flag naming the merged record
    expect(after.seq).toBe(before.seq + 4);
    const kept = (await w.registrar.get(`/api/persons/${original.id}`)).json();
    expect(kept).toMatchObject({ nationalId: 'V-18777666', mergedFrom: [sameSpelling.id] });
    const merged = (await w.registrar.get(`/api/persons/${sameSpelling.id}`)).json();
    expect(merged.mergedInto).toBe(original.id);
    const home = (await w.doctor.get(`/api/households/${merged.household.id}`)).json();
    expect(home.members).toEqual([]);
    const flags = await openFlags();
    expect(flags.items.map((f: { person: { id: string } }) => f.person.id)).toEqual([nearSpelling.id]);
    const found = (await w.doctor.get('/api/persons?q=briceno colmenares')).json();
    expect(found.items.map((p: { id: string }) => p.id)).not.toContain(sameSpelling.id);
    expect(found.items.map((p: { id: string }) => p.id)).toContain(original.id);
  });

  it('refuses to resolve a flag twice', async () => {
    const merged = (await w.registrar.get(`/api/posts/${w.postId}/duplicates?status=merged`)).json().items[0];
    const again = await w.registrar.post(`/api/duplicates/${merged.id}/merge`, { keepPersonId: original.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DUPLICATE_ALREADY_RESOLVED');
  });

  it('refuses to keep a person who is not one of the pair, writing nothing', async () => {
    const flag = (await openFlags()).items[0];
    const before = await censusSnapshot(w.t);
    const response = await w.registrar.post(`/api/duplicates/${flag.id}/merge`, { keepPersonId: sameSpelling.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('keepPersonId');
    expect(await censusSnapshot(w.t)).toEqual(before);
  });

  it('dismisses a flag when the two are different people', async () => {
    const flag = (await openFlags()).items[0];
    const response = await w.registrar.post(`/api/duplicates/${flag.id}/dismiss`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'dismissed', resolvedBy: 'registradora' });
    expect((await openFlags()).total).toBe(0);
  });
});

describe('the ledger after registering, flagging, merging and dismissing', () => {
  it('verifies: every census row matches its latest ledger entry', async () => {
    const result = await w.admin.get('/api/integrity/verify');
    expect(result.statusCode).toBe(200);
    expect(result.json().ok).toBe(true);
  });
});
