import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classificationProblem, isClassificationOverdue, nextClassificationDue } from './classification.rules';
import { coveragePercent, isPost, overcrowding, targetFamilies } from './household.rules';
import { ageInYears, birthDateProblem, normalizeNationalId, personSearchName, searchWords } from './person.rules';

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('overcrowding', () => {
  it('is critical above three persons per room and not at three', () => {
    expect(overcrowding(6, 2)).toEqual({ personsPerRoom: 3, critical: false });
    expect(overcrowding(7, 2)).toEqual({ personsPerRoom: 3.5, critical: true });
    expect(overcrowding(0, 1)).toEqual({ personsPerRoom: 0, critical: false });
  });

  it('is critical exactly when persons exceed three times the rooms', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.integer({ min: 1, max: 20 }), (persons, rooms) => {
        expect(overcrowding(persons, rooms).critical).toBe(persons > 3 * rooms);
      }),
    );
  });

  it('refuses a household without rooms', () => {
    expect(() => overcrowding(3, 0)).toThrow(RangeError);
  });
});

describe('birth dates', () => {
  it('refuses a date in the future or before 1900 and takes any other', () => {
    expect(birthDateProblem('2026-11-23', '2026-11-22')).toMatch(/future/);
    expect(birthDateProblem('1899-12-31', '2026-11-22')).toMatch(/1900/);
    expect(birthDateProblem('2026-11-22', '2026-11-22')).toBeNull();
    fc.assert(
      fc.property(isoDate, isoDate, (birth, today) => {
        const ok = birthDateProblem(birth, today) === null;
        expect(ok).toBe(birth <= today && birth >= '1900-01-01');
      }),
    );
  });

  it('counts whole years of age, a birthday on 29 February coming on 1 March', () => {
    expect(ageInYears('1980-03-15', '2026-03-14')).toBe(45);
    expect(ageInYears('1980-03-15', '2026-03-15')).toBe(46);
    expect(ageInYears('2024-02-29', '2025-02-28')).toBe(0);
    expect(ageInYears('2024-02-29', '2025-03-01')).toBe(1);
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        const [birth, on] = a <= b ? [a, b] : [b, a];
        const age = ageInYears(birth, on);
        expect(age).toBeGreaterThanOrEqual(0);
        expect(age).toBeLessThanOrEqual(Number(on.slice(0, 4)) - Number(birth.slice(0, 4)));
      }),
    );
  });
});

describe('national ids', () => {
  it('stores one form of the cédula however it is typed', () => {
    for (const typed of ['V-12345678', 'v12345678', 'V 12.345.678', ' v-12.345.678 '])
      expect(normalizeNationalId(typed.trim())).toBe('V-12345678');
    expect(normalizeNationalId('E-81234567')).toBe('E-81234567');
    for (const bad of ['12345678', 'X-12345678', 'V-12', 'V-1234567890', 'V-12a45678', ''])
      expect(normalizeNationalId(bad)).toBeNull();
  });

  it('gives a normalized id back unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom('V', 'E'), fc.integer({ min: 10_000, max: 999_999_999 }), (letter, number) => {
        const id = normalizeNationalId(`${letter}-${number}`)!;
        expect(normalizeNationalId(id)).toBe(id);
      }),
    );
  });
});

describe('names for search', () => {
  it('folds accents and case, and splits a query into words', () => {
    expect(personSearchName('  José  Ángel ', 'Núñez PEÑA')).toBe('jose angel nunez pena');
    expect(searchWords('  Núñez   josé ')).toEqual(['nunez', 'jose']);
    expect(searchWords('   ')).toEqual([]);
  });
});

describe('dispensary groups', () => {
  const none = { riskFactors: [], chronicConditions: [], disabilities: [] };

  it('takes a group that fits what is recorded', () => {
    expect(classificationProblem(1, none)).toBeNull();
    expect(classificationProblem(2, { ...none, riskFactors: ['smoking'] })).toBeNull();
    expect(classificationProblem(3, { ...none, chronicConditions: ['I10'] })).toBeNull();
    expect(classificationProblem(4, { ...none, disabilities: ['visual'] })).toBeNull();
    expect(classificationProblem(4, { ...none, chronicConditions: ['I69.4'] })).toBeNull();
  });

  it('names the field that does not fit', () => {
    expect(classificationProblem(1, { ...none, disabilities: ['hearing'] })?.field).toBe('disabilities');
    expect(classificationProblem(2, none)?.field).toBe('riskFactors');
    expect(classificationProblem(3, { ...none, riskFactors: ['obesity'] })?.field).toBe('chronicConditions');
    expect(classificationProblem(4, none)?.field).toBe('disabilities');
  });

  it('is due again a year later, at once when never classified', () => {
    expect(nextClassificationDue('2025-06-01', '2026-11-22')).toBe('2026-06-01');
    expect(nextClassificationDue('2024-02-29', '2024-03-01')).toBe('2025-02-28');
    expect(nextClassificationDue(null, '2026-11-22')).toBe('2026-11-22');
    expect(isClassificationOverdue('2026-06-01', '2026-11-22')).toBe(true);
    expect(isClassificationOverdue('2026-11-22', '2026-11-22')).toBe(false);
    fc.assert(
      fc.property(isoDate, (on) => {
        const due = nextClassificationDue(on, on);
        expect(due > on).toBe(true);
        expect(Number(due.slice(0, 4))).toBe(Number(on.slice(0, 4)) + 1);
      }),
    );
  });
});

describe('posts and their target', () => {
  it('keeps a census only at consultorios and clínicas populares', () => {
    expect(isPost('consultorio_popular')).toBe(true);
    expect(isPost('clinica_popular')).toBe(true);
    expect(isPost('cdi')).toBe(false);
    expect(isPost('dispensary')).toBe(false);
  });

  it("takes the post's own target, or 300 families from the planning rule", () => {
    expect(targetFamilies(280)).toEqual({ families: 280, source: 'facility' });
    expect(targetFamilies(null)).toEqual({ families: 300, source: 'planning_rule' });
    expect(coveragePercent(150, 300)).toBe(50);
    expect(coveragePercent(1, 3)).toBe(33.3);
    expect(coveragePercent(5, 0)).toBe(0);
  });
});
