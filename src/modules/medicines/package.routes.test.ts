import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLedgered } from '../integrity/ledger.repository';
import { newId } from '../../db/ids';
import { daysFromToday } from '../care/care.test-support';
import { quarterOf } from './stock.rules';
import { createMedicinesWorld, prescribe, receiveLot, type MedicinesWorld } from './medicines.test-support';

let w: MedicinesWorld;
const quarter = quarterOf(daysFromToday(0));

beforeAll(async () => {
  w = await createMedicinesWorld();
  // Milagros (30) is pregnant; Aurora (67) is elderly; Tomás is two months old; Orlando takes enalapril.
  const [, milagros] = w.personIds;
  await w.t.storage.db.transaction().execute((tx) =>
    writeLedgered(
      tx,
      'system',
      'create',
      'pregnancies',
      tx
        .insertInto('pregnancies')
        .values({
          id: newId(),
          person_id: milagros!,
          facility_id: w.postId,
          state_code: 'VE-A',
          last_menstrual_period: daysFromToday(-70),
          expected_delivery: daysFromToday(210),
          risk: 'low',
          risk_factors: [],
          registered_on: daysFromToday(-30),
          registered_by: 'system',
          ended_on: null,
          outcome: null,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returningAll(),
    ),
  );
  await prescribe(w, [{ medicine: 'Enalapril (maleato) 10 mg', quantity: 30 }]);
  await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-081', lot: 'FER-1', quantity: 5 });
  await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-082', lot: 'FOL-1', quantity: 200 });
  await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-085', lot: 'CAL-1', quantity: 40 });
});
afterAll(async () => {
  await w.t.close();
});

describe('the quarterly family medicine package', () => {
  let packageId: string;

  it("prepares one package per household from its members' needs, once a quarter", async () => {
    const body = { postId: w.postId, quarter, suppliedByFacilityId: w.dispensaryId };
    expect((await w.doctor.post('/api/medicines/packages', body)).json()).toEqual({ prepared: 1 });
    expect((await w.doctor.post('/api/medicines/packages', body)).json()).toEqual({ prepared: 0 });
    const list = (await w.doctor.get(`/api/medicines/packages?postId=${w.postId}&quarter=${quarter}`)).json();
    expect(list.packages).toHaveLength(1);
    packageId = list.packages[0].id;
    expect(
      list.packages[0].items.map((i: { need: string; medicineCode: string }) => `${i.need}:${i.medicineCode}`).sort(),
    ).toEqual(['chronic:MED-051', 'elderly:MED-085', 'infant:MED-081', 'pregnant:MED-082']);
  });

  it('delivers it: each item a dispensing from the dispensary, short items partly or not at all, with reasons', async () => {
    const response = await w.pharmacist.post(`/api/medicines/packages/${packageId}/outcome`, { delivered: true });
    expect(response.statusCode).toBe(200);
    const dispensings = await w.t.storage.db
      .selectFrom('dispensings')
      .select(['medicine_code', 'outcome', 'dispensed_quantity', 'reason'])
      .where('family_package_id', '=', packageId)
      .orderBy('medicine_code')
      .execute();
    expect(dispensings).toEqual([
      { medicine_code: 'MED-051', outcome: 'declined', dispensed_quantity: 0, reason: 'out_of_stock' },
      { medicine_code: 'MED-081', outcome: 'full', dispensed_quantity: 1, reason: null },
      { medicine_code: 'MED-082', outcome: 'full', dispensed_quantity: 90, reason: null },
      { medicine_code: 'MED-085', outcome: 'partial', dispensed_quantity: 40, reason: 'insufficient_stock' },
    ]);
    const again = await w.pharmacist.post(`/api/medicines/packages/${packageId}/outcome`, { delivered: true });
    expect(again.json().code).toBe('PACKAGE_SETTLED');
  });

  it('refuses a package not delivered without saying why', async () => {
    const other = (
      await w.doctor.post('/api/medicines/packages', {
        postId: w.postId,
        quarter: '2020-Q1',
        suppliedByFacilityId: w.dispensaryId,
      })
    ).json();
    expect(other.prepared).toBe(1);
    const list = (await w.doctor.get(`/api/medicines/packages?postId=${w.postId}&quarter=2020-Q1`)).json();
    const response = await w.doctor.post(`/api/medicines/packages/${list.packages[0].id}/outcome`, {
      delivered: false,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0]).toMatchObject({ field: 'reason', code: 'REASON_REQUIRED' });
    const ok = await w.doctor.post(`/api/medicines/packages/${list.packages[0].id}/outcome`, {
      delivered: false,
      reason: 'nobody_home',
    });
    expect(ok.json()).toMatchObject({ status: 'not_delivered', notDeliveredReason: 'nobody_home' });
  });
});
