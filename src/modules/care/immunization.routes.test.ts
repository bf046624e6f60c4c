import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import {
  bornYearsAgo,
  careSnapshot,
  createCareWorld,
  daysFromToday,
  seedHousehold,
  type CareWorld,
} from './care.test-support';

let w: CareWorld;
let babyId: string;
let grandfatherId: string;

beforeAll(async () => {
  w = await createCareWorld();
  const household = await seedHousehold(w.t, w.postId, [
    { firstNames: 'Pedro', lastNames: 'Tovar', sex: 'M', birthDate: bornYearsAgo(66) },
    {
      firstNames: 'Valentina',
      lastNames: 'Tovar Ruiz',
      sex: 'F',
      birthDate: daysFromToday(-70),
      relationship: 'grandchild',
    },
  ]);
  [grandfatherId, babyId] = household.personIds as [string, string];
});
afterAll(() => w.t.close());

describe("a child's immunizations", () => {
  it('shows a ten-week-old baby the doses due and overdue by the national schedule', async () => {
    const card = (await w.doctor.get(`/api/persons/${babyId}/immunizations`)).json();
    expect(card.given).toEqual([]);
    const overdue = card.overdue.map((d: { vaccineCode: string }) => d.vaccineCode);
    expect(overdue).toEqual(expect.arrayContaining(['BCG']));
    const due = card.due.map((d: { vaccineCode: string; doseNumber: number }) => `${d.vaccineCode}-${d.doseNumber}`);
    expect(due).toEqual(expect.arrayContaining(['PENTA-1', 'IPV-1', 'ROTA-1', 'PCV13-1']));
    expect(card.upcoming.map((d: { vaccineCode: string }) => d.vaccineCode)).toContain('MMR');
  });

  it('records a dose with its lot; the dose leaves the due list and the next one follows', async () => {
    const response = await w.doctor.post(`/api/persons/${babyId}/immunizations`, {
      vaccineCode: 'penta',
      doseNumber: 1,
      givenOn: daysFromToday(0),
      lot: 'PV-2291',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      vaccineCode: 'PENTA',
      doseNumber: 1,
      doseLabel: '1.ª dosis (2 meses)',
      lot: 'PV-2291',
      status: 'current',
      givenBy: { name: 'dra-medina' },
    });
    const card = (await w.doctor.get(`/api/persons/${babyId}/immunizations`)).json();
    expect(card.given.map((d: { lot: string }) => d.lot)).toEqual(['PV-2291']);
    const penta = [...card.due, ...card.overdue, ...card.upcoming].find(
      (d: { vaccineCode: string }) => d.vaccineCode === 'PENTA',
    );
    expect(penta).toMatchObject({ doseNumber: 2, earliestOn: daysFromToday(28), status: 'upcoming' });
  });

  it('returns the same dose when a device sends it twice', async () => {
    const id = newId();
    const body = { id, vaccineCode: 'BCG', doseNumber: 1, givenOn: daysFromToday(-1), lot: 'BCG-77' };
    expect((await w.doctor.post(`/api/persons/${babyId}/immunizations`, body)).statusCode).toBe(201);
    const before = await careSnapshot(w.t);
    const again = await w.doctor.post(`/api/persons/${babyId}/immunizations`, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    expect(await careSnapshot(w.t)).toEqual(before);
  });

  it('marks a dose entered in error; it stays on record and is due again', async () => {
    const dose = await w.doctor.post(`/api/persons/${babyId}/immunizations`, {
      vaccineCode: 'IPV',
      doseNumber: 1,
      givenOn: daysFromToday(0),
      lot: 'IPV-1',
    });
    const voided = await w.doctor.post(`/api/immunizations/${dose.json().id}/amendments`, {
      kind: 'entered_in_error',
      reason: 'Se registró en la niña equivocada',
    });
    expect(voided.statusCode, voided.body).toBe(201);
    expect(voided.json()).toMatchObject({
      status: 'entered_in_error',
      enteredInError: { reason: 'Se registró en la niña equivocada', recordedBy: { name: 'dra-medina' } },
    });
    const card = (await w.doctor.get(`/api/persons/${babyId}/immunizations`)).json();
    expect(card.enteredInError.map((d: { lot: string }) => d.lot)).toEqual(['IPV-1']);
    expect(card.given.map((d: { vaccineCode: string }) => d.vaccineCode)).not.toContain('IPV');
    expect(card.due.map((d: { vaccineCode: string }) => d.vaccineCode)).toContain('IPV');
    const twice = await w.doctor.post(`/api/immunizations/${dose.json().id}/amendments`, {
      kind: 'entered_in_error',
      reason: 'Otra vez',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ALREADY_AMENDED');
  });

  it('records a seasonal influenza dose for an older adult in the campaign', async () => {
    const response = await w.doctor.post(`/api/persons/${grandfatherId}/immunizations`, {
      vaccineCode: 'INFLUENZA',
      doseNumber: 1,
      givenOn: daysFromToday(0),
      lot: 'FLU-2026',
    });
    expect(response.statusCode, response.body).toBe(201);
  });
});
