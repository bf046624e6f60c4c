import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './calendar';
import {
  acceptsLaterBirth,
  expectedDeliveryDate,
  gestationalWeeksOn,
  newbornRelationship,
  nextControlDueOn,
  pregnancyEligibilityProblem,
} from './maternal.rules';

const anyDate = fc.integer({ min: 0, max: 30_000 }).map((d) => addDays('1950-01-01', d));

describe("Naegele's rule", () => {
  it('adds a year, takes away three months and adds seven days', () => {
    expect(expectedDeliveryDate('2026-01-01')).toBe('2026-10-08');
    expect(expectedDeliveryDate('2025-05-20')).toBe('2026-02-27');
    expect(expectedDeliveryDate('2025-05-31')).toBe('2026-03-07');
  });

  it('always lands 280 days on, give or take the length of the months', () => {
    fc.assert(
      fc.property(anyDate, (lmp) => {
        const days = daysBetween(lmp, expectedDeliveryDate(lmp));
        return days >= 276 && days <= 283;
      }),
    );
  });
});

describe('gestational age', () => {
  it('counts completed weeks from the last menstrual period', () => {
    expect(gestationalWeeksOn('2026-01-01', '2026-01-07')).toBe(0);
    expect(gestationalWeeksOn('2026-01-01', '2026-03-12')).toBe(10);
  });
});

describe('who can have a pregnancy recorded', () => {
  const woman = { sex: 'F' as const, birthDate: '1995-06-01', vitalStatus: 'alive' as const };
  it('accepts a living woman aged 10 to 55 at her last menstrual period', () => {
    expect(pregnancyEligibilityProblem(woman, '2026-01-01')).toBeNull();
    expect(pregnancyEligibilityProblem({ ...woman, birthDate: '2015-12-31' }, '2026-01-01')).toBeNull();
  });

  it('refuses a man, a girl under 10, a woman over 55 and a dead woman', () => {
    expect(pregnancyEligibilityProblem({ ...woman, sex: 'M' }, '2026-01-01')).toMatch(/male/);
    expect(pregnancyEligibilityProblem({ ...woman, birthDate: '2016-01-02' }, '2026-01-01')).toMatch(/was 9/);
    expect(pregnancyEligibilityProblem({ ...woman, birthDate: '1970-01-01' }, '2026-01-01')).toMatch(/was 56/);
    expect(pregnancyEligibilityProblem({ ...woman, vitalStatus: 'dead' }, '2026-01-01')).toMatch(/deceased/);
  });
});

describe('when the next prenatal control falls due (WHO 2016 contacts)', () => {
  const lmp = '2026-01-01';
  it('is due at once when there has been no control', () => {
    expect(nextControlDueOn(lmp, '2026-02-20', null)).toBe('2026-02-20');
  });

  it('follows the contacts at 20, 26, 30, 34, 36, 38 and 40 weeks', () => {
    expect(nextControlDueOn(lmp, lmp, { controlOn: '2026-03-12', gestationalWeeks: 10 })).toBe(addDays(lmp, 20 * 7));
    expect(nextControlDueOn(lmp, lmp, { controlOn: '2026-05-21', gestationalWeeks: 20 })).toBe(addDays(lmp, 26 * 7));
    expect(nextControlDueOn(lmp, lmp, { controlOn: '2026-08-20', gestationalWeeks: 33 })).toBe(addDays(lmp, 36 * 7));
  });

  it('lets a control just before a contact stand for it', () => {
    expect(nextControlDueOn(lmp, lmp, { controlOn: '2026-05-14', gestationalWeeks: 19 })).toBe(addDays(lmp, 26 * 7));
  });

  it('asks for a control every week past 40 weeks', () => {
    expect(nextControlDueOn(lmp, lmp, { controlOn: '2026-10-08', gestationalWeeks: 40 })).toBe('2026-10-15');
  });

  it('never falls due before the last control', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 44 }), (weeks) => {
        const controlOn = addDays(lmp, weeks * 7);
        return nextControlDueOn(lmp, lmp, { controlOn, gestationalWeeks: weeks }) > controlOn;
      }),
    );
  });
});

describe('the newborn in the household', () => {
  it('is the child of the head, or the grandchild when the mother is a daughter of the house', () => {
    expect(newbornRelationship('head')).toBe('child');
    expect(newbornRelationship('spouse')).toBe('child');
    expect(newbornRelationship('child')).toBe('grandchild');
    expect(newbornRelationship('non_relative')).toBe('non_relative');
    expect(newbornRelationship('sibling')).toBe('other_relative');
  });
});

describe('births after the pregnancy ended', () => {
  it('accepts a twin born within a day and a child born as the mother died, nothing else', () => {
    expect(acceptsLaterBirth({ endedOn: null, outcome: null }, '2026-10-01')).toBe(true);
    expect(acceptsLaterBirth({ endedOn: '2026-10-01', outcome: 'live_birth' }, '2026-10-02')).toBe(true);
    expect(acceptsLaterBirth({ endedOn: '2026-10-01', outcome: 'maternal_death' }, '2026-10-01')).toBe(true);
    expect(acceptsLaterBirth({ endedOn: '2026-10-01', outcome: 'live_birth' }, '2026-10-05')).toBe(false);
    expect(acceptsLaterBirth({ endedOn: '2026-10-01', outcome: 'abortion' }, '2026-10-01')).toBe(false);
  });
});
