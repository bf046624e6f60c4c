import { describe, expect, it } from 'vitest';
import { todayLocal } from './time';

describe("today's date in Caracas", () => {
  it('turns at local midnight, four hours after UTC midnight, whatever was asked before', () => {
    expect(todayLocal(new Date('2026-11-24T03:59:59.999Z'))).toBe('2026-11-23');
    expect(todayLocal(new Date('2026-11-24T04:00:00.000Z'))).toBe('2026-11-24');
    // The same minute as the first, asked again after another: not the date last formatted.
    expect(todayLocal(new Date('2026-11-24T03:59:00.000Z'))).toBe('2026-11-23');
    expect(todayLocal(new Date('2026-11-24T03:59:30.000Z'))).toBe('2026-11-23');
    expect(todayLocal(new Date('2027-01-01T03:00:00.000Z'))).toBe('2026-12-31');
    expect(todayLocal(new Date('2027-01-01T04:00:30.000Z'))).toBe('2027-01-01');
  });
});
