import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, dayNumber, daysBetween, fromDayNumber } from './calendar';

const someDay = fc.integer({ min: -300_000, max: 2_900_000 });

describe('calendar arithmetic on dates', () => {
  it('numbers days as the JavaScript clock does, and back', () => {
    fc.assert(
      fc.property(someDay, (n) => {
        const date = new Date(n * 86_400_000).toISOString().slice(0, 10);
        return dayNumber(date) === n && fromDayNumber(n) === date;
      }),
    );
  });

  it('adds days across month ends, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
  });

  it('adds months and years, keeping the day or the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-05-31', 9)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2020-06-15', -1)).toBe('2019-06-15');
  });
});

describe('adding months', () => {
  it('agrees with the JavaScript calendar, clamping to the end of the month', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 2_500_000 }), fc.integer({ min: -1200, max: 1200 }), (n, months) => {
        const date = fromDayNumber(n);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const target = new Date(Date.UTC(y, m - 1 + months, 1));
        const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
        target.setUTCDate(Math.min(d, last));
        return addMonths(date, months) === target.toISOString().slice(0, 10);
      }),
    );
  });
});
