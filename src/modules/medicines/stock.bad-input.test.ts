import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday } from '../care/care.test-support';
import { writeLedgered } from '../integrity/ledger.repository';
import {
  createMedicinesWorld,
  medicinesSnapshot,
  prescribe,
  receipt,
  receiveLot,
  type MedicinesWorld,
} from './medicines.test-support';

let w: MedicinesWorld;
let enalapril: string;
let paracetamol: string;
let expired: string;
let prescriptionId: string;

beforeAll(async () => {
  w = await createMedicinesWorld();
  enalapril = await receiveLot(w, w.dispensaryId, { lot: 'ENA-1', quantity: 20 });
  paracetamol = await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-001', lot: 'PAR-1', quantity: 50 });
  expired = await receiveLot(w, w.dispensaryId, { lot: 'ENA-OLD', expiresOn: daysFromToday(10), quantity: 15 });
  // The lot's expiry passes: written as the system would find it months later.
  await w.t.storage.db.transaction().execute((tx) =>
    writeLedgered(
      tx,
      'system',
      'update',
      'stock_lots',
      tx
        .updateTable('stock_lots')
        .set({ expires_on: daysFromToday(-1) })
        .where('id', '=', expired)
        .returningAll(),
    ),
  );
  prescriptionId = (await prescribe(w, [{ medicine: 'Enalapril (maleato) 10 mg', quantity: 30 }]))[0]!;
});
afterAll(async () => {
  await w.t.close();
});

/** Sends bad input and checks the answer names the field, with the code, and that nothing was written. */
async function refused(send: () => Promise<LightMyRequestResponse>, status: number, field: string, code?: string) {
  const before = await medicinesSnapshot(w.t);
  const response = await send();
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json();
  expect(response.headers['content-type']).toMatch(/problem\+json/);
  expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  if (code) expect(body.errors.find((e: { field: string }) => e.field === field).code).toBe(code);
  expect(await medicinesSnapshot(w.t)).toEqual(before);
}

const dispense = (body: unknown, id = prescriptionId) =>
  w.pharmacist.post(`/api/medicines/facilities/${w.dispensaryId}/prescriptions/${id}/dispensing`, body);

describe('bad input to the medicines module writes nothing and names the field', () => {
  it('refuses a zero quantity in a receipt', () =>
    refused(
      () => w.pharmacist.post('/api/medicines/receipts', receipt(w.dispensaryId, { quantity: 0 })),
      400,
      'lines.0.quantity',
    ));

  it('refuses a negative quantity in a receipt', () =>
    refused(
      () => w.pharmacist.post('/api/medicines/receipts', receipt(w.dispensaryId, { quantity: -5 })),
      400,
      'lines.0.quantity',
    ));

  it('refuses a negative adjustment quantity', () =>
    refused(
      () => w.pharmacist.post('/api/medicines/adjustments', { lotId: enalapril, reason: 'damaged', quantity: -1 }),
      400,
      'quantity',
    ));

  it('refuses a medicine that is not in the module', () =>
    refused(
      () => w.pharmacist.post('/api/medicines/receipts', receipt(w.dispensaryId, { medicineCode: 'MED-999' })),
      422,
      'lines.0.medicineCode',
      'UNKNOWN_MEDICINE',
    ));

  it('refuses receiving an already expired lot', () =>
    refused(
      () => w.pharmacist.post('/api/medicines/receipts', receipt(w.dispensaryId, { expiresOn: daysFromToday(-3) })),
      422,
      'lines.0.expiresOn',
      'LOT_EXPIRED',
    ));

  it('refuses receiving into a closed facility', async () => {
    // The closed dispensary's own pharmacist would be refused too; the admin here keeps nothing.
    const { seedUser } = await import('../../test/harness');
    const { loginAs } = await import('../../test/http');
    await seedUser(w.t.storage, 'farmaceuta-cerrado', [{ role: 'pharmacist', facilityId: w.closedId }]);
    const closedPharmacist = await loginAs(w.t.app, 'farmaceuta-cerrado');
    await refused(
      () => closedPharmacist.post('/api/medicines/receipts', receipt(w.closedId)),
      422,
      'facilityId',
      'FACILITY_NOT_OPERATING',
    );
  });

  it('refuses an unknown lot when dispensing', () =>
    refused(
      () =>
        dispense({
          lines: [{ lotId: '01900000-0000-7000-8000-000000000000', quantity: 5 }],
          reason: 'insufficient_stock',
        }),
      422,
      'lines.0.lotId',
      'UNKNOWN_LOT',
    ));

  it('refuses a lot of another medicine', () =>
    refused(
      () => dispense({ lines: [{ lotId: paracetamol, quantity: 5 }], reason: 'insufficient_stock' }),
      422,
      'lines.0.lotId',
      'LOT_OF_ANOTHER_MEDICINE',
    ));

  it('refuses dispensing more than the lot holds', () =>
    refused(
      () => dispense({ lines: [{ lotId: enalapril, quantity: 25 }] }),
      409,
      'lines.0.quantity',
      'NOT_ENOUGH_STOCK',
    ));

  it('refuses dispensing more than was prescribed', async () => {
    const [small] = await prescribe(w, [{ medicine: 'Enalapril (maleato) 10 mg', quantity: 2 }]);
    await refused(
      () => dispense({ lines: [{ lotId: enalapril, quantity: 3 }] }, small),
      422,
      'lines',
      'QUANTITY_MISMATCH',
    );
  });

  it('refuses dispensing an expired lot', () =>
    refused(
      () => dispense({ lines: [{ lotId: expired, quantity: 5 }], reason: 'insufficient_stock' }),
      422,
      'lines.0.lotId',
      'LOT_EXPIRED',
    ));

  it('refuses a partial dispense with no reason', () =>
    refused(() => dispense({ lines: [{ lotId: enalapril, quantity: 10 }] }), 422, 'reason', 'REASON_REQUIRED'));

  it('refuses a zero quantity in a dispense line', () =>
    refused(
      () => dispense({ lines: [{ lotId: enalapril, quantity: 0 }], reason: 'insufficient_stock' }),
      400,
      'lines.0.quantity',
    ));

  it('refuses a count with no reason for its difference', () =>
    refused(
      () =>
        w.pharmacist.post('/api/medicines/counts', {
          facilityId: w.dispensaryId,
          countedOn: daysFromToday(0),
          approvedBy: w.secondPharmacistId,
          lines: [{ lotId: enalapril, counted: 19 }],
        }),
      422,
      'lines.0.reason',
      'REASON_REQUIRED',
    ));

  it('refuses a count difference nobody approved, or approved by the counter', async () => {
    const line = { lotId: enalapril, counted: 19, reason: 'lost' };
    const body = { facilityId: w.dispensaryId, countedOn: daysFromToday(0), lines: [line] };
    await refused(() => w.pharmacist.post('/api/medicines/counts', body), 422, 'approvedBy', 'APPROVER_REQUIRED');
    const me = (await w.pharmacist.get('/api/me')).json().id as string;
    await refused(
      () => w.pharmacist.post('/api/medicines/counts', { ...body, approvedBy: me }),
      422,
      'approvedBy',
      'APPROVER_NOT_ELIGIBLE',
    );
  });

  it('refuses a negative count', () =>
    refused(
      () =>
        w.pharmacist.post('/api/medicines/counts', {
          facilityId: w.dispensaryId,
          countedOn: daysFromToday(0),
          lines: [{ lotId: enalapril, counted: -1 }],
        }),
      400,
      'lines.0.counted',
    ));

  it('refuses a transfer of more than the lot holds', () =>
    refused(
      () =>
        w.pharmacist.post('/api/medicines/transfers', {
          fromFacilityId: w.dispensaryId,
          toFacilityId: w.farDispensaryId,
          lotId: enalapril,
          quantity: 21,
          documentNumber: 'TR-9',
        }),
      409,
      'quantity',
      'NOT_ENOUGH_STOCK',
    ));

  it('refuses a transfer to a closed facility', () =>
    refused(
      () =>
        w.pharmacist.post('/api/medicines/transfers', {
          fromFacilityId: w.dispensaryId,
          toFacilityId: w.closedId,
          lotId: enalapril,
          quantity: 1,
          documentNumber: 'TR-9',
        }),
      422,
      'toFacilityId',
      'FACILITY_NOT_OPERATING',
    ));
});

describe('a facility’s stock belongs to its own staff', () => {
  it('hides another facility’s stock as if it did not exist', async () => {
    const response = await w.otherPharmacist.get(`/api/medicines/facilities/${w.dispensaryId}/stock`);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('STOCK_FACILITY_NOT_FOUND');
  });

  it('refuses a receipt into another facility and writes nothing', async () => {
    const before = await medicinesSnapshot(w.t);
    const response = await w.otherPharmacist.post('/api/medicines/receipts', receipt(w.dispensaryId));
    expect(response.statusCode).toBe(404);
    expect(await medicinesSnapshot(w.t)).toEqual(before);
  });

  it('refuses dispensing from another facility’s lot', async () => {
    const response = await w.otherPharmacist.post(
      `/api/medicines/facilities/${w.farDispensaryId}/prescriptions/${prescriptionId}/dispensing`,
      { lines: [], reason: 'out_of_stock' },
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('PRESCRIPTION_NOT_FOUND');
  });

  it('lets a coordinator read stock in the territory but not write it', async () => {
    expect((await w.coordinator.get(`/api/medicines/facilities/${w.dispensaryId}/stock`)).statusCode).toBe(200);
    expect((await w.coordinator.post('/api/medicines/receipts', receipt(w.dispensaryId))).statusCode).toBe(404);
  });
});
