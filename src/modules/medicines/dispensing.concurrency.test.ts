import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, testEngine } from '../../test/harness';
import { loginAs } from '../../test/http';
import { createMedicinesWorld, prescribe, receiveLot, type MedicinesWorld } from './medicines.test-support';

let w: MedicinesWorld;

beforeAll(async () => {
  w = await createMedicinesWorld();
});
afterAll(async () => {
  await w.t.close();
});

/** Two dispensers at once only race on a server: PGlite runs one statement at a time. */
describe.runIf(testEngine === 'postgresql')('two dispensers taking the last units at once', () => {
  it('lets exactly one succeed; the other is told there is not enough stock', async () => {
    await seedUser(w.t.storage, 'farmaceuta-b', [{ role: 'pharmacist', facilityId: w.dispensaryId }]);
    const second = await loginAs(w.t.app, 'farmaceuta-b');
    for (let round = 0; round < 5; round++) {
      const lotId = await receiveLot(w, w.dispensaryId, { lot: `LAST-${round}`, quantity: 10 });
      const [a, b] = await prescribe(w, [
        { medicine: 'Enalapril (maleato) 10 mg', quantity: 10 },
        { medicine: 'Enalapril (maleato) 10 mg', quantity: 10 },
      ]);
      const answers = await Promise.all(
        [
          [w.pharmacist, a],
          [second, b],
        ].map(([client, id]) =>
          (client as typeof second).post(`/api/medicines/facilities/${w.dispensaryId}/prescriptions/${id}/dispensing`, {
            lines: [{ lotId, quantity: 10 }],
          }),
        ),
      );
      const statuses = answers.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, 409]);
      const loser = answers.find((r) => r.statusCode === 409)!.json();
      expect(loser.code).toBe('NOT_ENOUGH_STOCK');
      expect(loser.errors[0].field).toBe('lines.0.quantity');
      const lot = await w.t.storage.db
        .selectFrom('stock_lots')
        .select('on_hand')
        .where('id', '=', lotId)
        .executeTakeFirstOrThrow();
      expect(lot.on_hand).toBe(0);
      const dispensings = await w.t.storage.db
        .selectFrom('dispensings')
        .select('id')
        .where('prescription_id', 'in', [a!, b!])
        .execute();
      expect(dispensings).toHaveLength(1);
    }
  });
});

describe('many dispensers taking from one lot at once', () => {
  it('take every unit they asked for, no more and no less', async () => {
    const lotId = await receiveLot(w, w.dispensaryId, { lot: 'BUSY-1', quantity: 100 });
    const prescriptions = await prescribe(
      w,
      Array.from({ length: 8 }, () => ({ medicine: 'Enalapril (maleato) 10 mg', quantity: 5 })),
    );
    const answers = await Promise.all(
      prescriptions.map((id) =>
        w.pharmacist.post(`/api/medicines/facilities/${w.dispensaryId}/prescriptions/${id}/dispensing`, {
          lines: [{ lotId, quantity: 5 }],
        }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(prescriptions.map(() => 201));
    const lot = await w.t.storage.db
      .selectFrom('stock_lots')
      .select('on_hand')
      .where('id', '=', lotId)
      .executeTakeFirstOrThrow();
    expect(lot.on_hand).toBe(60);
    const balances = await w.t.storage.db
      .selectFrom('stock_movements')
      .select('balance_after')
      .where('stock_lot_id', '=', lotId)
      .where('kind', '=', 'dispense')
      .execute();
    expect(balances.map((m) => m.balance_after).sort((a, b) => b - a)).toEqual([95, 90, 85, 80, 75, 70, 65, 60]);
  });
});

describe('the balance cannot go negative whatever the code does', () => {
  it('is refused by the database itself', async () => {
    const lotId = await receiveLot(w, w.dispensaryId, { lot: 'CHECK-1', quantity: 1 });
    await expect(
      w.t.storage.db.updateTable('stock_lots').set({ on_hand: -1 }).where('id', '=', lotId).execute(),
    ).rejects.toThrow(/check/i);
  });
});
