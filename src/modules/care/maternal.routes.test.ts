import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../integrity/verify.service';
import { addDays } from './calendar';
import { bornYearsAgo, createCareWorld, daysFromToday, seedHousehold, type CareWorld } from './care.test-support';
import { expectedDeliveryDate } from './maternal.rules';

let w: CareWorld;
let householdId: string;
let motherId: string;
let fatherId: string;
let pregnancyId: string;
const lmp = daysFromToday(-38 * 7);

beforeAll(async () => {
  w = await createCareWorld();
  const household = await seedHousehold(w.t, w.postId, [
    { firstNames: 'Carmen', lastNames: 'Rivas', sex: 'F', birthDate: bornYearsAgo(52), relationship: 'head' },
    { firstNames: 'Daniela', lastNames: 'Rivas', sex: 'F', birthDate: bornYearsAgo(24), relationship: 'child' },
    { firstNames: 'Jesús', lastNames: 'Mora', sex: 'M', birthDate: bornYearsAgo(27), relationship: 'child_in_law' },
  ]);
  householdId = household.householdId;
  [, motherId, fatherId] = household.personIds as [string, string, string];
});
afterAll(() => w.t.close());

describe('following a pregnancy to the birth', () => {
  it("registers a pregnancy with its expected date by Naegele's rule, due a first control at once", async () => {
    const response = await w.doctor.post(`/api/persons/${motherId}/pregnancies`, {
      lastMenstrualPeriod: lmp,
      risk: 'low',
      riskFactors: ['anemia leve'],
    });
    expect(response.statusCode, response.body).toBe(201);
    const pregnancy = response.json();
    pregnancyId = pregnancy.id;
    expect(pregnancy).toMatchObject({
      personId: motherId,
      expectedDelivery: expectedDeliveryDate(lmp),
      gestationalWeeks: 38,
      outcome: null,
      nextControlDueOn: daysFromToday(0),
      controls: [],
      registeredBy: { name: 'dra-medina' },
    });
  });

  it('refuses a second pregnancy while one is ongoing', async () => {
    const response = await w.doctor.post(`/api/persons/${motherId}/pregnancies`, {
      lastMenstrualPeriod: daysFromToday(-10),
      risk: 'low',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'PREGNANCY_ALREADY_ONGOING', errors: [{ field: 'id' }] });
  });

  it('records a prenatal control and moves the next one to the following WHO contact', async () => {
    const response = await w.doctor.post(`/api/pregnancies/${pregnancyId}/controls`, {
      controlOn: daysFromToday(0),
      gestationalWeeks: 38,
      systolic: 110,
      diastolic: 70,
      weightKg: 68.2,
      fundalHeightCm: 36,
      fetalHeartRate: 142,
      notes: 'Movimientos fetales presentes',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().controls).toEqual([
      expect.objectContaining({ gestationalWeeks: 38, fetalHeartRate: 142, fundalHeightCm: 36 }),
    ]);
    expect(response.json().nextControlDueOn).toBe(addDays(lmp, 40 * 7));
  });

  it("records a live birth: the pregnancy ends and the child joins the mother's household as a grandchild", async () => {
    const response = await w.doctor.post(`/api/pregnancies/${pregnancyId}/birth`, {
      bornOn: daysFromToday(0),
      outcome: 'live',
      weightG: 3250,
      sex: 'M',
      place: 'health_facility',
      child: { firstNames: 'Santiago', lastNames: 'Mora Rivas' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { birth, pregnancy } = response.json();
    expect(pregnancy).toMatchObject({ endedOn: daysFromToday(0), outcome: 'live_birth', nextControlDueOn: null });
    expect(birth).toMatchObject({ motherId, outcome: 'live', weightG: 3250, sex: 'M', place: 'health_facility' });
    const child = await w.t.storage.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', birth.childId)
      .executeTakeFirstOrThrow();
    expect(child).toMatchObject({
      household_id: householdId,
      facility_id: w.postId,
      birth_date: daysFromToday(0),
      sex: 'M',
      relationship: 'grandchild',
      vital_status: 'alive',
    });
    const card = (await w.doctor.get(`/api/persons/${birth.childId}/immunizations`)).json();
    expect(card.due.map((d: { vaccineCode: string }) => d.vaccineCode)).toEqual(['BCG', 'HEPB']);
    expect((await verifyLedger(w.t.storage.db)).ok).toBe(true);
  });

  it('records a twin born the same day, and nothing more after that', async () => {
    const twin = await w.doctor.post(`/api/pregnancies/${pregnancyId}/birth`, {
      bornOn: daysFromToday(0),
      outcome: 'stillbirth',
      weightG: 1900,
      place: 'health_facility',
    });
    expect(twin.statusCode, twin.body).toBe(201);
    expect(twin.json().pregnancy.births).toHaveLength(2);
    expect(twin.json().pregnancy.outcome).toBe('live_birth');
    const control = await w.doctor.post(`/api/pregnancies/${pregnancyId}/controls`, {
      controlOn: daysFromToday(0),
      gestationalWeeks: 38,
    });
    expect(control.statusCode).toBe(409);
    expect(control.json().code).toBe('PREGNANCY_ENDED');
  });

  it('ends a pregnancy in an abortion, after which a new pregnancy can be registered', async () => {
    const other = await seedHousehold(w.t, w.postId, [
      { firstNames: 'Yelitza', lastNames: 'Paredes', sex: 'F', birthDate: bornYearsAgo(30) },
    ]);
    const womanId = other.personIds[0]!;
    const first = (
      await w.doctor.post(`/api/persons/${womanId}/pregnancies`, {
        lastMenstrualPeriod: daysFromToday(-70),
        risk: 'low',
      })
    ).json();
    const ended = await w.doctor.post(`/api/pregnancies/${first.id}/end`, {
      endedOn: daysFromToday(-20),
      outcome: 'abortion',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ outcome: 'abortion', endedOn: daysFromToday(-20) });
    const again = await w.doctor.post(`/api/persons/${womanId}/pregnancies`, {
      lastMenstrualPeriod: daysFromToday(-5),
      risk: 'high',
    });
    expect(again.statusCode, again.body).toBe(201);
  });
});

describe('recording a death', () => {
  it('flags a maternal death by rule when a pregnant woman dies, and ends her pregnancy', async () => {
    const household = await seedHousehold(w.t, w.postId, [
      { firstNames: 'Ana Karina', lastNames: 'Suárez', sex: 'F', birthDate: bornYearsAgo(33) },
    ]);
    const womanId = household.personIds[0]!;
    const pregnancy = (
      await w.doctor.post(`/api/persons/${womanId}/pregnancies`, {
        lastMenstrualPeriod: daysFromToday(-30 * 7),
        risk: 'high',
        riskFactors: ['preeclampsia previa'],
      })
    ).json();
    const response = await w.doctor.post(`/api/persons/${womanId}/death`, {
      diedOn: daysFromToday(-1),
      place: 'health_facility',
      causeIcd10: 'o15',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      personId: womanId,
      cause: { code: 'O15', title: 'Eclampsia' },
      maternal: true,
      infant: false,
    });
    const ended = (await w.doctor.get(`/api/pregnancies/${pregnancy.id}`)).json();
    expect(ended).toMatchObject({ outcome: 'maternal_death', endedOn: daysFromToday(-1) });
    const person = await w.t.storage.db
      .selectFrom('persons')
      .select(['vital_status', 'died_on'])
      .where('id', '=', womanId)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ vital_status: 'dead', died_on: daysFromToday(-1) });
    expect((await verifyLedger(w.t.storage.db)).ok).toBe(true);
  });

  it('flags an infant death, and refuses new care for the deceased', async () => {
    const household = await seedHousehold(w.t, w.postId, [
      { firstNames: 'Mariana', lastNames: 'López', sex: 'F', birthDate: daysFromToday(-200) },
    ]);
    const babyId = household.personIds[0]!;
    const death = await w.doctor.post(`/api/persons/${babyId}/death`, {
      diedOn: daysFromToday(0),
      place: 'home',
      causeIcd10: 'R95',
    });
    expect(death.statusCode, death.body).toBe(201);
    expect(death.json()).toMatchObject({ infant: true, maternal: false });
    const encounter = await w.doctor.post(`/api/persons/${babyId}/encounters`, {
      setting: 'home_visit',
      occurredAt: new Date().toISOString(),
      reason: 'Visita',
      outcome: 'resolved',
    });
    expect(encounter.statusCode).toBe(422);
    expect(encounter.json().code).toBe('PERSON_DECEASED');
    const again = await w.doctor.post(`/api/persons/${babyId}/death`, {
      diedOn: daysFromToday(0),
      place: 'home',
      causeIcd10: 'R95',
    });
    expect(again.json().code).toBe('PERSON_DECEASED');
  });

  it('does not flag the death of a man as maternal, whatever the cause', async () => {
    const response = await w.doctor.post(`/api/persons/${fatherId}/death`, {
      diedOn: daysFromToday(0),
      place: 'public_place',
      causeIcd10: 'X95',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ maternal: false, infant: false });
  });
});
