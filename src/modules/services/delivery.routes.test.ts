import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bornYearsAgo, daysFromToday, seedHousehold } from '../care/care.test-support';
import { chestPain } from '../referrals/referral.test-support';
import { createAsicWorld, type AsicWorld } from './post-services.test-support';

let w: AsicWorld;
let motherId: string;
let pregnancyId: string;

beforeAll(async () => {
  w = await createAsicWorld();
  const household = await seedHousehold(w.t, w.postId, [
    { firstNames: 'Yusmary', lastNames: 'Pérez', sex: 'F', birthDate: bornYearsAgo(26), relationship: 'head' },
  ]);
  motherId = household.personIds[0]!;
  pregnancyId = (
    await w.doctor.post(`/api/persons/${motherId}/pregnancies`, {
      lastMenstrualPeriod: daysFromToday(-39 * 7),
      risk: 'low',
      riskFactors: [],
    })
  ).json().id;
  await w.doctor.post(
    `/api/persons/${motherId}/referrals`,
    chestPain(w.cdiId, { serviceCode: 'OBSTETRICS_DELIVERY', reason: 'Trabajo de parto', icd10Code: 'O80' }),
  );
});
afterAll(() => w.t.close());

const deliveries = async () =>
  Number(
    (
      await w.t.storage.db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const liveBirth = {
  outcome: 'live',
  weightG: 3250,
  sex: 'F',
  child: { firstNames: 'Valentina', lastNames: 'Pérez' },
};

describe('deliveries at the CDI', () => {
  it("lists the pregnancy of the woman referred to deliver, not another CDI's", async () => {
    const here = await w.cdi.get(`/api/facilities/${w.cdiId}/pregnancies`);
    expect(here.json().items).toEqual([
      expect.objectContaining({ id: pregnancyId, person: expect.objectContaining({ id: motherId }) }),
    ]);
    expect((await w.otherCdi.get(`/api/facilities/${w.otherCdiId}/pregnancies`)).json().items).toEqual([]);
  });

  it.each([
    ['neither a newborn nor a birth', { newborn: undefined }, 'newborn'],
    ['a live birth without its sex', { newborn: { ...liveBirth, sex: undefined } }, 'newborn.sex'],
    ['a weight no newborn has', { newborn: { ...liveBirth, weightG: 90 } }, 'newborn.weightG'],
    ['a delivery in the future', { deliveredAt: new Date(Date.now() + 86_400_000).toISOString() }, 'deliveredAt'],
  ])('refuses %s, naming the field, and writes nothing', async (_, override, field) => {
    const before = await deliveries();
    const response = await w.cdi.post(`/api/facilities/${w.cdiId}/deliveries`, {
      pregnancyId,
      mode: 'vaginal',
      newborn: liveBirth,
      ...override,
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field })]);
    expect(await deliveries()).toBe(before);
  });

  it("records the delivery with the birth on the mother's record and the child in her household", async () => {
    const response = await w.cdi.post(`/api/facilities/${w.cdiId}/deliveries`, {
      pregnancyId,
      mode: 'cesarean',
      newborn: liveBirth,
    });
    expect(response.statusCode, response.body).toBe(201);
    const list = await w.cdi.get(`/api/facilities/${w.cdiId}/deliveries`);
    const [delivery] = list.json().items;
    expect(delivery).toMatchObject({
      mother: { id: motherId, name: 'Yusmary Pérez' },
      mode: 'cesarean',
      birth: { outcome: 'live', weightG: 3250, sex: 'F', child: { name: 'Valentina Pérez' } },
    });
    const pregnancy = await w.doctor.get(`/api/pregnancies/${pregnancyId}`);
    expect(pregnancy.json()).toMatchObject({
      outcome: 'live_birth',
      births: [expect.objectContaining({ place: 'health_facility' })],
    });
    const child = await w.doctor.get(`/api/persons/${delivery.birth.child.id}`);
    expect(child.statusCode).toBe(200);
    expect((await w.cdi.get(`/api/facilities/${w.cdiId}/pregnancies`)).json().items).toEqual([]);
  });

  it('refuses a second delivery of the same pregnancy, and one at a CDI the mother is not in the care of', async () => {
    const again = await w.cdi.post(`/api/facilities/${w.cdiId}/deliveries`, {
      pregnancyId,
      mode: 'vaginal',
      newborn: { outcome: 'stillbirth' },
    });
    expect(again.json().code).toBe('DELIVERY_ALREADY_RECORDED');
    const elsewhere = await w.otherCdi.post(`/api/facilities/${w.otherCdiId}/deliveries`, {
      pregnancyId,
      mode: 'vaginal',
      newborn: { outcome: 'stillbirth' },
    });
    expect(elsewhere.json()).toMatchObject({ code: 'PERSON_NOT_FOUND' });
    expect(await deliveries()).toBe(1);
  });
});
