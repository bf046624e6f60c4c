import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bornYearsAgo,
  createCareWorld,
  daysFromToday,
  seedClassification,
  seedHousehold,
  type CareWorld,
} from './care.test-support';

let w: CareWorld;
let householdId: string;
let grandmotherId: string;
let motherId: string;
let babyId: string;
let pregnancyId: string;

interface Item {
  kind: string;
  personId: string | null;
  householdId: string;
  dueOn: string;
  detail: Record<string, unknown>;
}

async function worklist(): Promise<Item[]> {
  const response = await w.doctor.get(`/api/posts/${w.postId}/worklist`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

const itemsFor = (items: Item[], personId: string, kind: string) =>
  items.filter((i) => i.personId === personId && i.kind === kind);

beforeAll(async () => {
  w = await createCareWorld();
  const household = await seedHousehold(
    w.t,
    w.postId,
    [
      { firstNames: 'Petra', lastNames: 'Colmenares', sex: 'F', birthDate: bornYearsAgo(70), relationship: 'head' },
      { firstNames: 'Rosa', lastNames: 'Colmenares', sex: 'F', birthDate: bornYearsAgo(26), relationship: 'child' },
      {
        firstNames: 'Mateo',
        lastNames: 'Colmenares',
        sex: 'M',
        birthDate: daysFromToday(-3),
        relationship: 'grandchild',
      },
    ],
    { address: 'Vereda 7, casa 12, Los Frailes', registeredOn: daysFromToday(-400) },
  );
  householdId = household.householdId;
  [grandmotherId, motherId, babyId] = household.personIds as [string, string, string];
  await seedClassification(w.t, w.postId, grandmotherId, 3, daysFromToday(-200));
  await seedClassification(w.t, w.postId, motherId, 1, daysFromToday(-30));
  pregnancyId = (
    await w.doctor.post(`/api/persons/${motherId}/pregnancies`, {
      lastMenstrualPeriod: daysFromToday(-12 * 7),
      risk: 'low',
    })
  ).json().id;
});
afterAll(() => w.t.close());

describe("a post's worklist", () => {
  it("lists what is due at the post: the newborn's vaccines, the control, the ill grandmother, the unvisited home, the unclassified", async () => {
    const items = await worklist();
    expect(itemsFor(items, babyId, 'vaccine_due').map((i) => i.detail.vaccineCode)).toEqual(['BCG', 'HEPB']);
    expect(itemsFor(items, motherId, 'prenatal_control_due')).toEqual([
      expect.objectContaining({
        dueOn: daysFromToday(0),
        detail: expect.objectContaining({ pregnancyId, gestationalWeeks: 12 }),
      }),
    ]);
    expect(itemsFor(items, grandmotherId, 'group_iii_not_seen')).toHaveLength(1);
    expect(items.filter((i) => i.kind === 'household_not_visited')).toEqual([
      expect.objectContaining({
        householdId,
        personId: grandmotherId,
        detail: { address: 'Vereda 7, casa 12, Los Frailes', members: 3 },
      }),
    ]);
    expect(itemsFor(items, babyId, 'classification_overdue')).toHaveLength(1);
    expect(itemsFor(items, motherId, 'classification_overdue')).toHaveLength(0);
  });

  it('drops the vaccine item once the dose is recorded', async () => {
    const dose = await w.doctor.post(`/api/persons/${babyId}/immunizations`, {
      vaccineCode: 'BCG',
      doseNumber: 1,
      givenOn: daysFromToday(0),
      lot: 'BCG-2026-04',
    });
    expect(dose.statusCode, dose.body).toBe(201);
    expect(itemsFor(await worklist(), babyId, 'vaccine_due').map((i) => i.detail.vaccineCode)).toEqual(['HEPB']);
  });

  it('brings the vaccine back when the dose is marked entered in error, and drops it when given again', async () => {
    const [given] = (await w.doctor.get(`/api/persons/${babyId}/immunizations`)).json().given;
    const voided = await w.doctor.post(`/api/immunizations/${given.id}/amendments`, {
      kind: 'entered_in_error',
      reason: 'Registrada en otro niño',
    });
    expect(voided.statusCode, voided.body).toBe(201);
    const due = () =>
      worklist().then((items) => itemsFor(items, babyId, 'vaccine_due').map((i) => i.detail.vaccineCode));
    expect(await due()).toEqual(['BCG', 'HEPB']);
    const again = await w.doctor.post(`/api/persons/${babyId}/immunizations`, {
      vaccineCode: 'BCG',
      doseNumber: 1,
      givenOn: daysFromToday(0),
      lot: 'BCG-2026-05',
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(await due()).toEqual(['HEPB']);
  });

  it('drops the control item once the control is recorded', async () => {
    await w.doctor.post(`/api/pregnancies/${pregnancyId}/controls`, {
      controlOn: daysFromToday(0),
      gestationalWeeks: 12,
    });
    expect(itemsFor(await worklist(), motherId, 'prenatal_control_due')).toEqual([]);
  });

  it('drops the group III and household items once the grandmother is seen at home', async () => {
    const visit = await w.doctor.post(`/api/persons/${grandmotherId}/encounters`, {
      setting: 'home_visit',
      occurredAt: new Date().toISOString(),
      reason: 'Seguimiento de hipertensión',
      vitals: { systolic: 138, diastolic: 84 },
      diagnoses: [{ code: 'I10' }],
      outcome: 'follow_up',
      followUpOn: daysFromToday(60),
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const items = await worklist();
    expect(itemsFor(items, grandmotherId, 'group_iii_not_seen')).toEqual([]);
    expect(items.filter((i) => i.kind === 'household_not_visited')).toEqual([]);
  });

  it('brings the items back when the visit is marked entered in error', async () => {
    const { events } = (await w.doctor.get(`/api/persons/${grandmotherId}/timeline`)).json();
    const visit = events.find((e: { kind: string }) => e.kind === 'encounter').encounter;
    await w.doctor.post(`/api/encounters/${visit.id}/amendments`, { kind: 'entered_in_error', reason: 'Duplicada' });
    const items = await worklist();
    expect(itemsFor(items, grandmotherId, 'group_iii_not_seen')).toHaveLength(1);
    expect(items.filter((i) => i.kind === 'household_not_visited')).toHaveLength(1);
  });

  it('filters by kind and counts every kind', async () => {
    const response = (await w.doctor.get(`/api/posts/${w.postId}/worklist?kind=vaccine_due`)).json();
    expect(response.items.every((i: Item) => i.kind === 'vaccine_due')).toBe(true);
    expect(response.counts).toMatchObject({ vaccine_due: response.items.length, group_iii_not_seen: 1 });
  });
  it('counts a home visit this year when a later consultation at the post is the latest encounter', async () => {
    const encounter = (setting: string, daysAgo: number) =>
      w.doctor.post(`/api/persons/${grandmotherId}/encounters`, {
        setting,
        occurredAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
        reason: 'Seguimiento de hipertensión',
        vitals: { systolic: 136, diastolic: 82 },
        diagnoses: [{ code: 'I10' }],
        outcome: 'resolved',
      });
    expect((await encounter('home_visit', 2)).statusCode).toBe(201);
    expect((await encounter('post', 0)).statusCode).toBe(201);
    const items = await worklist();
    expect(itemsFor(items, grandmotherId, 'group_iii_not_seen')).toEqual([]);
    expect(items.filter((i) => i.kind === 'household_not_visited')).toEqual([]);
  });
});
