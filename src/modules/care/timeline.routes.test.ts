import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bornYearsAgo, createCareWorld, daysFromToday, seedHousehold, type CareWorld } from './care.test-support';

let w: CareWorld;
let motherId: string;

const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();

beforeAll(async () => {
  w = await createCareWorld();
  const household = await seedHousehold(w.t, w.postId, [
    { firstNames: 'Luisa Elena', lastNames: 'Guerra', sex: 'F', birthDate: bornYearsAgo(27, 40) },
  ]);
  motherId = household.personIds[0]!;
  const visit = (daysAgo: number, reason: string, code: string) =>
    w.doctor.post(`/api/persons/${motherId}/encounters`, {
      setting: 'home_visit',
      occurredAt: at(daysAgo),
      reason,
      vitals: { systolic: 118, diastolic: 76 },
      diagnoses: [{ code }],
      outcome: 'resolved',
    });
  const early = (await visit(300, 'Resfriado', 'J00')).json();
  await w.doctor.post(`/api/encounters/${early.id}/amendments`, {
    kind: 'entered_in_error',
    reason: 'Era otra paciente',
  });
  await w.doctor.post(`/api/persons/${motherId}/immunizations`, {
    vaccineCode: 'TD',
    doseNumber: 1,
    givenOn: daysFromToday(-200),
    lot: 'TD-55',
  });
  const pregnancy = (
    await w.doctor.post(`/api/persons/${motherId}/pregnancies`, {
      lastMenstrualPeriod: daysFromToday(-39 * 7),
      risk: 'low',
    })
  ).json();
  await w.doctor.post(`/api/pregnancies/${pregnancy.id}/controls`, {
    controlOn: daysFromToday(-100),
    gestationalWeeks: 24,
    systolic: 110,
    diastolic: 70,
  });
  await visit(50, 'Control de embarazo', 'Z34');
  await w.doctor.post(`/api/pregnancies/${pregnancy.id}/birth`, {
    bornOn: daysFromToday(-2),
    outcome: 'live',
    weightG: 3100,
    sex: 'F',
    place: 'health_facility',
    child: { firstNames: 'Sofía', lastNames: 'Guerra' },
  });
});
afterAll(() => w.t.close());

describe("a person's timeline", () => {
  it('tells the whole story in date order: birth, encounters, doses, pregnancy with controls, delivery', async () => {
    const response = await w.doctor.get(`/api/persons/${motherId}/timeline`);
    expect(response.statusCode, response.body).toBe(200);
    const { events } = response.json();
    expect(events.map((e: { kind: string }) => e.kind)).toEqual([
      'born',
      'encounter',
      'pregnancy',
      'immunization',
      'encounter',
      'birth',
    ]);
    const dates = events.map((e: { date: string }) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(events[2].pregnancy.controls).toHaveLength(1);
    expect(events[3].dose).toMatchObject({ vaccineCode: 'TD', lot: 'TD-55' });
    expect(events[5].birth).toMatchObject({ outcome: 'live', weightG: 3100 });
  });

  it('shows an encounter entered in error as such, with the reason', async () => {
    const { events } = (await w.doctor.get(`/api/persons/${motherId}/timeline`)).json();
    const voided = events.find(
      (e: { kind: string; encounter?: { reason: string } }) => e.encounter?.reason === 'Resfriado',
    );
    expect(voided.encounter).toMatchObject({
      status: 'entered_in_error',
      supersededBy: { kind: 'entered_in_error', reason: 'Era otra paciente' },
      diagnoses: [expect.objectContaining({ code: 'J00' })],
      vitals: { systolic: 118, diastolic: 76 },
    });
  });

  it("starts a newborn's story with the birth record linking the mother", async () => {
    const { events } = (await w.doctor.get(`/api/persons/${motherId}/timeline`)).json();
    const childId = events.at(-1).birth.childId;
    const child = (await w.doctor.get(`/api/persons/${childId}/timeline`)).json();
    expect(child.events).toEqual([
      expect.objectContaining({ kind: 'born', date: daysFromToday(-2), birth: expect.objectContaining({ motherId }) }),
    ]);
  });

  it('ends with the death', async () => {
    await w.doctor.post(`/api/persons/${motherId}/death`, {
      diedOn: daysFromToday(0),
      place: 'health_facility',
      causeIcd10: 'O72',
    });
    const { events } = (await w.doctor.get(`/api/persons/${motherId}/timeline`)).json();
    expect(events.at(-1)).toMatchObject({
      kind: 'death',
      death: { maternal: true, cause: { code: 'O72', title: 'Hemorragia postparto' } },
    });
  });
});

describe('who looked at the timeline', () => {
  it('logs a reading of the timeline in the read log', async () => {
    const reads = () =>
      w.t.storage.db
        .selectFrom('record_reads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('person_id', '=', motherId)
        .executeTakeFirstOrThrow();
    // Earlier tests opened this record within the minute; start from a reading long past.
    await sql`UPDATE record_reads SET at = at - interval '1 hour' WHERE person_id = ${motherId}`.execute(
      w.t.storage.db,
    );
    const before = Number((await reads()).n);
    await w.doctor.get(`/api/persons/${motherId}/timeline`);
    expect(Number((await reads()).n)).toBe(before + 1);
  });
});
