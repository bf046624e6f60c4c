import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday } from '../care/care.test-support';
import { verifyLedger } from '../integrity/verify.service';
import { createMedicinesWorld, prescribe, receiveLot, receipt, type MedicinesWorld } from './medicines.test-support';

let w: MedicinesWorld;

beforeAll(async () => {
  w = await createMedicinesWorld();
});
afterAll(async () => {
  await w.t.close();
});

const stockOf = async (facilityId: string, client = w.pharmacist) => {
  const response = await client.get(`/api/medicines/facilities/${facilityId}/stock`);
  expect(response.statusCode).toBe(200);
  return response.json();
};
const itemOf = (stock: { items: { medicine: { code: string } }[] }, code: string) =>
  stock.items.find((i) => i.medicine.code === code) as
    { onHand: number; lots: { id: string; lot: string; onHand: number }[] } | undefined;

describe('stock by lot at a popular dispensary', () => {
  it('loads the 106 items of the essential-medicines module', async () => {
    const response = await w.pharmacist.get('/api/medicines/catalog');
    expect(response.json().items).toHaveLength(106);
    expect(response.json().items[0]).toMatchObject({ code: 'MED-001', atc: 'N02BE01', label: 'Paracetamol 500 mg' });
  });

  it('receives a delivery into a lot with its expiry and shows it on the shelf', async () => {
    const lotId = await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-001', lot: 'PAR-1', quantity: 500 });
    const stock = await stockOf(w.dispensaryId);
    expect(itemOf(stock, 'MED-001')).toMatchObject({ onHand: 500, lots: [{ id: lotId, lot: 'PAR-1', onHand: 500 }] });
    expect(stock.figures.itemsInStock).toBe(1);
  });

  it('adds a second delivery of the same lot to it, and refuses the same lot with another expiry', async () => {
    await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-001', lot: 'PAR-1', quantity: 20 });
    expect(itemOf(await stockOf(w.dispensaryId), 'MED-001')!.onHand).toBe(520);
    const response = await w.pharmacist.post(
      '/api/medicines/receipts',
      receipt(w.dispensaryId, { medicineCode: 'MED-001', lot: 'PAR-1', expiresOn: daysFromToday(900) }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0]).toMatchObject({ field: 'lines.0.expiresOn', code: 'LOT_EXPIRY_MISMATCH' });
  });

  it('dispenses a prescription from the post, first expiry first out, and closes it', async () => {
    const late = await receiveLot(w, w.dispensaryId, { lot: 'ENA-LATE', expiresOn: daysFromToday(600), quantity: 50 });
    const early = await receiveLot(w, w.dispensaryId, { lot: 'ENA-EARLY', expiresOn: daysFromToday(60), quantity: 10 });
    const [prescriptionId] = await prescribe(w, [{ medicine: 'Enalapril (maleato) 10 mg', quantity: 30 }]);
    const queue = (await w.pharmacist.get(`/api/medicines/facilities/${w.dispensaryId}/queue`)).json();
    const waiting = queue.items.find((i: { prescriptionId: string }) => i.prescriptionId === prescriptionId);
    expect(waiting).toMatchObject({ medicineCode: 'MED-051', onHand: 60, personName: 'Orlando Pinto' });
    expect(waiting.proposal).toEqual([
      expect.objectContaining({ lotId: early, quantity: 10 }),
      expect.objectContaining({ lotId: late, quantity: 20 }),
    ]);
    const response = await w.pharmacist.post(
      `/api/medicines/facilities/${w.dispensaryId}/prescriptions/${prescriptionId}/dispensing`,
      {
        lines: waiting.proposal.map((l: { lotId: string; quantity: number }) => ({
          lotId: l.lotId,
          quantity: l.quantity,
        })),
      },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ outcome: 'full', dispensedQuantity: 30, reason: null });
    expect(itemOf(await stockOf(w.dispensaryId), 'MED-051')!.onHand).toBe(30);
    const again = (await w.pharmacist.get(`/api/medicines/facilities/${w.dispensaryId}/queue`)).json();
    expect(again.items.map((i: { prescriptionId: string }) => i.prescriptionId)).not.toContain(prescriptionId);
    const twice = await w.pharmacist.post(
      `/api/medicines/facilities/${w.dispensaryId}/prescriptions/${prescriptionId}/dispensing`,
      { lines: [], reason: 'out_of_stock' },
    );
    expect(twice.json().code).toBe('PRESCRIPTION_ALREADY_DISPENSED');
  });

  it('records a partial dispense and a declined one with their reasons, counted as refusals', async () => {
    const lotId = await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-066', lot: 'MET-1', quantity: 10 });
    const [partial, declined] = await prescribe(w, [
      { medicine: 'Metformina 850 mg', quantity: 60 },
      { medicine: 'Sildenafil 50 mg', quantity: 4 },
    ]);
    const medicine = (await w.pharmacist.get('/api/medicines/catalog'))
      .json()
      .items.find((m: { code: string }) => m.code === 'MED-066');
    expect(medicine.nameEs).toMatch(/Metformina/);
    const part = await w.pharmacist.post(
      `/api/medicines/facilities/${w.dispensaryId}/prescriptions/${partial}/dispensing`,
      {
        lines: [{ lotId, quantity: 10 }],
        reason: 'insufficient_stock',
      },
    );
    expect(part.json()).toMatchObject({ outcome: 'partial', dispensedQuantity: 10, reason: 'insufficient_stock' });
    const queue = (await w.pharmacist.get(`/api/medicines/facilities/${w.dispensaryId}/queue`)).json();
    expect(queue.items.find((i: { prescriptionId: string }) => i.prescriptionId === declined).medicineCode).toBeNull();
    const decline = await w.pharmacist.post(
      `/api/medicines/facilities/${w.dispensaryId}/prescriptions/${declined}/dispensing`,
      {
        reason: 'not_in_module',
      },
    );
    expect(decline.json()).toMatchObject({ outcome: 'declined', dispensedQuantity: 0, reason: 'not_in_module' });
    const figures = (await w.coordinator.get('/api/medicines/figures?territory=VE-A')).json();
    const dispensary = figures.facilities.find((f: { facilityId: string }) => f.facilityId === w.dispensaryId);
    expect(dispensary).toMatchObject({ dispensed: 1, partial: 1, declined: 1 });
  });

  it('counts the shelf: an explained, approved difference becomes the balance and appears in the report', async () => {
    const lotId = await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-005', lot: 'LOR-1', quantity: 40 });
    const approvers = (await w.pharmacist.get(`/api/medicines/facilities/${w.dispensaryId}/approvers`)).json()
      .approvers;
    expect(approvers.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([w.secondPharmacistId, w.coordinatorId]),
    );
    const response = await w.pharmacist.post('/api/medicines/counts', {
      facilityId: w.dispensaryId,
      countedOn: daysFromToday(0),
      approvedBy: w.secondPharmacistId,
      lines: [{ lotId, counted: 38, reason: 'damaged', note: 'Dos blísteres mojados' }],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().differences).toEqual([
      expect.objectContaining({ expected: 40, counted: 38, reason: 'damaged' }),
    ]);
    expect(itemOf(await stockOf(w.dispensaryId), 'MED-005')!.onHand).toBe(38);
    const report = (
      await w.coordinator.get(
        `/api/medicines/differences?territory=VE-A&from=${daysFromToday(-1)}&to=${daysFromToday(0)}`,
      )
    ).json();
    expect(report.rows).toContainEqual(
      expect.objectContaining({
        lot: 'LOR-1',
        expected: 40,
        counted: 38,
        difference: -2,
        reason: 'damaged',
        approvedBy: 'farmaceuta-2',
      }),
    );
    expect(report.totals.unitsMissing).toBeGreaterThanOrEqual(2);
  });

  it('writes off expired units with an adjustment and adds back found ones', async () => {
    const lotId = await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-003', lot: 'IBU-1', quantity: 30 });
    const off = await w.pharmacist.post('/api/medicines/adjustments', { lotId, reason: 'damaged', quantity: 5 });
    expect(off.json()).toMatchObject({ quantity: -5, balanceAfter: 25, reason: 'damaged' });
    const found = await w.pharmacist.post('/api/medicines/adjustments', { lotId, reason: 'found', quantity: 2 });
    expect(found.json()).toMatchObject({ quantity: 2, balanceAfter: 27 });
  });

  it('sends a transfer that travels in transit until the other facility receives it', async () => {
    const lotId = await receiveLot(w, w.dispensaryId, { medicineCode: 'MED-010', lot: 'AMX-1', quantity: 100 });
    const sent = await w.pharmacist.post('/api/medicines/transfers', {
      fromFacilityId: w.dispensaryId,
      toFacilityId: w.farDispensaryId,
      lotId,
      quantity: 40,
      documentNumber: 'TR-1',
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().status).toBe('in_transit');
    expect(itemOf(await stockOf(w.dispensaryId), 'MED-010')!.onHand).toBe(60);
    expect((await w.pharmacist.post(`/api/medicines/transfers/${sent.json().id}/receipt`)).statusCode).toBe(404);
    const received = await w.otherPharmacist.post(`/api/medicines/transfers/${sent.json().id}/receipt`);
    expect(received.json().status).toBe('received');
    expect(itemOf(await stockOf(w.farDispensaryId, w.otherPharmacist), 'MED-010')).toMatchObject({
      onHand: 40,
      lots: [{ lot: 'AMX-1', onHand: 40 }],
    });
    const lost = await w.pharmacist.post('/api/medicines/transfers', {
      fromFacilityId: w.dispensaryId,
      toFacilityId: w.farDispensaryId,
      lotId,
      quantity: 5,
      documentNumber: 'TR-2',
    });
    const reported = await w.pharmacist.post(`/api/medicines/transfers/${lost.json().id}/loss`, {
      reason: 'lost_in_transit',
    });
    expect(reported.json()).toMatchObject({ status: 'lost', lostReason: 'lost_in_transit' });
    expect((await w.otherPharmacist.post(`/api/medicines/transfers/${lost.json().id}/receipt`)).json().code).toBe(
      'TRANSFER_SETTLED',
    );
  });

  it('shows the doctor what is in stock at the post and at the dispensary serving it', async () => {
    const response = await w.doctor.get(`/api/medicines/facilities/${w.postId}/availability`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.places.map((p: { id: string }) => p.id)).toEqual([w.postId, w.dispensaryId]);
    const enalapril = body.items.find((i: { code: string }) => i.code === 'MED-051');
    expect(enalapril.onHand).toEqual([0, 30]);
  });

  it('lets the family doctor receive into the post and dispense from its own small stock', async () => {
    const lotId = await receiveLot(w, w.postId, { medicineCode: 'MED-053', lot: 'LOS-1', quantity: 30 }, w.doctor);
    const [prescriptionId] = await prescribe(w, [{ medicine: 'Losartán potásico 50 mg', quantity: 30 }], 2);
    const queue = (await w.doctor.get(`/api/medicines/facilities/${w.postId}/queue`)).json();
    expect(queue.items.map((i: { prescriptionId: string }) => i.prescriptionId)).toContain(prescriptionId);
    const response = await w.doctor.post(
      `/api/medicines/facilities/${w.postId}/prescriptions/${prescriptionId}/dispensing`,
      {
        lines: [{ lotId, quantity: 30 }],
      },
    );
    expect(response.json()).toMatchObject({ outcome: 'full', medicineCode: 'MED-053' });
    expect((await w.doctor.get(`/api/medicines/facilities/${w.dispensaryId}/stock`)).statusCode).toBe(404);
  });

  it('shows the coordinator availability and stock-outs across the territory', async () => {
    const figures = (await w.coordinator.get('/api/medicines/figures?territory=VE-A')).json();
    const dispensary = figures.facilities.find((f: { facilityId: string }) => f.facilityId === w.dispensaryId);
    expect(dispensary.itemsHeld).toBeGreaterThanOrEqual(5);
    expect(dispensary.lotsExpiringSoon).toBe(0);
    expect(figures.outOfStock.map((o: { code: string }) => o.code)).toContain('MED-066');
    expect(figures.totals).toMatchObject({
      facilities: figures.facilities.length,
      dispensed: 2,
      partial: 1,
      declined: 1,
    });
  });

  it('keeps every movement on the ledger, which verifies', async () => {
    const result = await verifyLedger(w.t.storage.db);
    expect(result.ok).toBe(true);
  });
});
