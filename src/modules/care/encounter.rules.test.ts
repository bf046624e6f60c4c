import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bodyMassIndex,
  diagnosisCodeProblem,
  occurredAtProblem,
  primaryDiagnosis,
  VITAL_LIMITS,
  vitalSignProblem,
} from './encounter.rules';

describe('plausibility of vital signs', () => {
  it('accepts the vital signs of a newborn and of an adult in hypertensive crisis', () => {
    expect(vitalSignProblem({ weightKg: 0.9, heightCm: 34, heartRate: 170, temperatureC: 36.4 })).toBeNull();
    expect(vitalSignProblem({ systolic: 230, diastolic: 130, glucoseMgDl: 640 })).toBeNull();
  });

  it('names the implausible field under its prefix', () => {
    expect(vitalSignProblem({ systolic: 1200, diastolic: 80 })?.field).toBe('vitals.systolic');
    expect(vitalSignProblem({ temperatureC: 3.7 })?.field).toBe('vitals.temperatureC');
    expect(vitalSignProblem({ heartRate: 0 }, '')?.field).toBe('heartRate');
  });

  it('wants the systolic pressure above the diastolic, and both of them', () => {
    expect(vitalSignProblem({ systolic: 80, diastolic: 120 })).toMatchObject({ field: 'vitals.systolic' });
    expect(vitalSignProblem({ systolic: 120 })).toMatchObject({ field: 'vitals.diastolic' });
    expect(vitalSignProblem({ diastolic: 80 })).toMatchObject({ field: 'vitals.systolic' });
  });

  it('refuses a weight and height whose body-mass index no body has', () => {
    expect(vitalSignProblem({ weightKg: 80, heightCm: 20 })).toMatchObject({ field: 'vitals.weightKg' });
  });

  it('accepts every value inside the limits and refuses every value outside', () => {
    const key = fc.constantFrom(...(Object.keys(VITAL_LIMITS) as (keyof typeof VITAL_LIMITS)[]));
    fc.assert(
      fc.property(key, fc.double({ min: -1000, max: 5000, noNaN: true }), (k, value) => {
        if (k === 'systolic' || k === 'diastolic') return true;
        const { min, max } = VITAL_LIMITS[k];
        const inside = value >= min && value <= max;
        return (vitalSignProblem({ [k]: value }) === null) === inside;
      }),
    );
  });
});

describe('body-mass index', () => {
  it('is weight over height squared, to one decimal, and only with both', () => {
    expect(bodyMassIndex(82.5, 170)).toBe(28.5);
    expect(bodyMassIndex(3.4, 50)).toBe(13.6);
    expect(bodyMassIndex(70, null)).toBeNull();
  });
});

describe('diagnoses', () => {
  it('takes the flagged diagnosis as primary, or the first', () => {
    expect(primaryDiagnosis([{ code: 'R05' }, { code: 'J00', primary: true }])).toEqual({ index: 1 });
    expect(primaryDiagnosis([{ code: 'R05' }, { code: 'J00' }])).toEqual({ index: 0 });
    expect(primaryDiagnosis([])).toBeNull();
  });

  it('refuses two primaries and a repeated code', () => {
    expect(
      primaryDiagnosis([
        { code: 'R05', primary: true },
        { code: 'J00', primary: true },
      ]),
    ).toMatchObject({
      problem: { field: 'diagnoses.1.primary' },
    });
    expect(primaryDiagnosis([{ code: 'R05' }, { code: 'R05' }])).toMatchObject({
      problem: { field: 'diagnoses.1.code' },
    });
  });

  it('finds a code not in the list, and a code for the other sex', () => {
    const known = [
      { code: 'I10', sex: null },
      { code: 'O14', sex: 'F' as const },
    ];
    expect(diagnosisCodeProblem(['I10', 'Z99.9'], known, 'F')).toEqual({ index: 1, kind: 'unknown', code: 'Z99.9' });
    expect(diagnosisCodeProblem(['I10', 'O14'], known, 'M')).toEqual({ index: 1, kind: 'other_sex', code: 'O14' });
    expect(diagnosisCodeProblem(['I10', 'O14'], known, 'F')).toBeNull();
  });
});

describe('the moment of an encounter', () => {
  const now = new Date('2026-03-01T15:00:00Z');
  it('refuses the future beyond a few minutes of clock drift, and a moment before birth', () => {
    expect(occurredAtProblem(new Date('2026-03-01T15:04:00Z'), '1990-01-01', now)).toBeNull();
    expect(occurredAtProblem(new Date('2026-03-01T16:00:00Z'), '1990-01-01', now)).toMatch(/future/);
    expect(occurredAtProblem(new Date('2026-02-27T12:00:00Z'), '2026-02-28', now)).toMatch(/before birth/);
  });
});
