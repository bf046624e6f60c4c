import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dispenseOutcome,
  matchCatalogItem,
  monthsOfStock,
  planFamilyPackage,
  proposeFefo,
  quarterOf,
  stockOutDays,
} from './stock.rules';

const catalog = [
  { code: 'MED-001', nameEs: 'Paracetamol', strength: '500 mg' },
  { code: 'MED-002', nameEs: 'Paracetamol', strength: '120 mg/5 mL' },
  { code: 'MED-051', nameEs: 'Enalapril (maleato)', strength: '10 mg' },
  { code: 'MED-070', nameEs: 'Salbutamol (sulfato)', strength: '100 mcg/dose' },
  { code: 'MED-071', nameEs: 'Salbutamol (sulfato)', strength: '5 mg/mL' },
];

describe('first expiry, first out', () => {
  const lots = [
    { id: 'late', lot: 'B', expiresOn: '2027-06-01', onHand: 50 },
    { id: 'expired', lot: 'X', expiresOn: '2026-01-01', onHand: 90 },
    { id: 'early', lot: 'A', expiresOn: '2026-12-01', onHand: 10 },
    { id: 'empty', lot: 'C', expiresOn: '2026-11-01', onHand: 0 },
  ];

  it('takes the earliest expiry first and never an expired or empty lot', () => {
    expect(proposeFefo(lots, 30, '2026-06-01')).toEqual([
      { lotId: 'early', quantity: 10 },
      { lotId: 'late', quantity: 20 },
    ]);
  });

  it('never proposes more than asked or than a lot holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (quantity) => {
        const lines = proposeFefo(lots, quantity, '2026-06-01');
        const total = lines.reduce((n, l) => n + l.quantity, 0);
        expect(total).toBe(Math.min(quantity, 60));
        for (const line of lines)
          expect(line.quantity).toBeLessThanOrEqual(lots.find((l) => l.id === line.lotId)!.onHand);
      }),
    );
  });
});

describe('a prescription matched to the module', () => {
  it('finds the item by the label the form offers, or by a name and strength written freely', () => {
    expect(matchCatalogItem('Enalapril (maleato) 10 mg', catalog)?.code).toBe('MED-051');
    expect(matchCatalogItem('Enalapril 10 mg', catalog)?.code).toBe('MED-051');
    expect(matchCatalogItem('Acetaminofén 500 mg', catalog)?.code).toBe('MED-001');
    expect(matchCatalogItem('Salbutamol inhalador 100 mcg', catalog)?.code).toBe('MED-070');
  });

  it('names nothing when the medicine is not in the module or the text is ambiguous', () => {
    expect(matchCatalogItem('Sildenafil 50 mg', catalog)).toBeNull();
    expect(matchCatalogItem('Paracetamol', catalog)).toBeNull();
  });
});

describe('figures', () => {
  it('classifies a dispense as full, partial or declined', () => {
    expect(dispenseOutcome(30, 30)).toBe('full');
    expect(dispenseOutcome(30, 10)).toBe('partial');
    expect(dispenseOutcome(30, 0)).toBe('declined');
  });

  it('counts months of stock at the last 90 days’ pace, and none when nothing was dispensed', () => {
    expect(monthsOfStock(90, 90)).toBe(3);
    expect(monthsOfStock(90, 0)).toBeNull();
  });

  it('counts the days a balance stayed at zero within the period', () => {
    const changes = [
      { on: '2026-03-05', balanceAfter: 0 },
      { on: '2026-03-08', balanceAfter: 40 },
    ];
    expect(stockOutDays(changes, '2026-03-01', '2026-03-10', 10)).toBe(3);
    expect(stockOutDays([], '2026-03-01', '2026-03-10', 0)).toBe(10);
  });

  it('names quarters', () => {
    expect(quarterOf('2026-11-22')).toBe('2026-Q4');
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
  });
});

describe('the family package', () => {
  it('gives each vulnerable member what the quarter needs, and the chronic treatment', () => {
    const items = planFamilyPackage([
      { personId: 'baby', ageYears: 0, ageMonths: 4, sex: 'F', pregnant: false, chronicMedicines: [] },
      { personId: 'mother', ageYears: 28, ageMonths: 340, sex: 'F', pregnant: true, chronicMedicines: [] },
      { personId: 'grandpa', ageYears: 70, ageMonths: 840, sex: 'M', pregnant: false, chronicMedicines: ['MED-051'] },
      { personId: 'father', ageYears: 35, ageMonths: 420, sex: 'M', pregnant: false, chronicMedicines: [] },
    ]);
    expect(items.map((i) => `${i.personId}:${i.need}`)).toEqual([
      'baby:infant',
      'mother:pregnant',
      'grandpa:elderly',
      'grandpa:chronic',
    ]);
  });
});
