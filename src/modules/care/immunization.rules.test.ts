import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import {
  doseProblem,
  nextDose,
  OVERDUE_AFTER_DAYS,
  pendingDoses,
  type GivenDose,
  type Recipient,
  type ScheduledVaccine,
} from './immunization.rules';

const SCHEDULE: ScheduledVaccine[] = (
  JSON.parse(readFileSync('data/immunization/schedule.json', 'utf8')) as {
    code: string;
    name_es: string;
    targetSex: 'F' | 'M' | null;
    doses: ScheduledVaccine['doses'];
  }[]
).map((v) => ({ code: v.code, nameEs: v.name_es, targetSex: v.targetSex, doses: v.doses }));

const vaccine = (code: string) => SCHEDULE.find((v) => v.code === code)!;
const girl: Recipient = { birthDate: '2025-01-10', sex: 'F' };
const given = (vaccineCode: string, doseNumber: number, givenOn: string): GivenDose => ({
  vaccineCode,
  doseNumber,
  givenOn,
});
const codesOf = (doses: { vaccineCode: string; doseNumber: number }[]) =>
  doses.map((d) => `${d.vaccineCode}-${d.doseNumber}`);

describe('doses due from the birth date and the schedule', () => {
  it('offers BCG and hepatitis B at birth, due on the day of birth', () => {
    const due = pendingDoses(girl, SCHEDULE, [], '2025-01-10').filter((d) => d.status === 'due');
    expect(codesOf(due)).toEqual(['BCG-1', 'HEPB-1']);
    expect(due[0]).toMatchObject({ earliestOn: '2025-01-10', dueOn: '2025-01-10', lastOn: '2026-01-09' });
  });

  it('makes the first pentavalent due at its recommended age of two months, givable from six weeks', () => {
    const penta = nextDose(girl, vaccine('PENTA'), [], '2025-02-25')!;
    expect(penta).toMatchObject({ doseNumber: 1, earliestOn: '2025-02-21', dueOn: '2025-03-12', status: 'upcoming' });
    expect(nextDose(girl, vaccine('PENTA'), [], '2025-03-12')!.status).toBe('due');
  });

  it(`calls a dose overdue ${OVERDUE_AFTER_DAYS} days after it fell due`, () => {
    expect(nextDose(girl, vaccine('PENTA'), [], addDays('2025-03-12', OVERDUE_AFTER_DAYS - 1))!.status).toBe('due');
    expect(nextDose(girl, vaccine('PENTA'), [], addDays('2025-03-12', OVERDUE_AFTER_DAYS))!.status).toBe('overdue');
  });

  it('offers dose n only once dose n − 1 is given, and not before the minimum interval', () => {
    const history = [given('PENTA', 1, '2025-05-01')];
    const second = nextDose(girl, vaccine('PENTA'), history, '2025-05-10')!;
    expect(second).toMatchObject({ doseNumber: 2, earliestOn: '2025-05-29', dueOn: '2025-05-29' });
  });

  it('stops offering a dose past its maximum age: rotavirus after fourteen weeks and six days', () => {
    expect(nextDose(girl, vaccine('ROTA'), [], addDays(girl.birthDate, 104))).not.toBeNull();
    expect(nextDose(girl, vaccine('ROTA'), [], addDays(girl.birthDate, 105))).toBeNull();
  });

  it('offers the HPV vaccine to girls only', () => {
    const at9 = '2034-02-01';
    expect(nextDose(girl, vaccine('HPV'), [], at9)).not.toBeNull();
    expect(nextDose({ ...girl, sex: 'M' }, vaccine('HPV'), [], at9)).toBeNull();
  });

  it('does not start the MR or adult hepatitis B series for whoever is protected by MMR or pentavalent', () => {
    const teen: Recipient = { birthDate: '2010-01-01', sex: 'M' };
    const today = '2025-06-01';
    expect(nextDose(teen, vaccine('MR'), [], today)).not.toBeNull();
    expect(
      nextDose(teen, vaccine('MR'), [given('MMR', 1, '2011-01-05'), given('MMR', 2, '2011-07-05')], today),
    ).toBeNull();
    const penta = [1, 2, 3].map((n) => given('PENTA', n, `2010-0${2 * n + 1}-05`));
    expect(nextDose(teen, vaccine('HEPB_ADULT'), penta, today)).toBeNull();
  });

  it('counts the childhood pentavalent and DTP series as the first three Td doses', () => {
    const teen: Recipient = { birthDate: '2010-01-01', sex: 'F' };
    const series = [
      ...[1, 2, 3].map((n) => given('PENTA', n, `2010-0${2 * n + 1}-05`)),
      given('DTP', 1, '2011-07-01'),
      given('DTP', 2, '2015-01-10'),
    ];
    expect(nextDose(teen, vaccine('TD'), series, '2025-06-01')).toMatchObject({ doseNumber: 4 });
    expect(doseProblem(teen, vaccine('TD'), 4, '2025-06-01', series)).toBeNull();
  });

  it('offers seasonal influenza routinely only to children under three', () => {
    expect(nextDose(girl, vaccine('INFLUENZA'), [], '2025-08-01')).toMatchObject({ doseNumber: 1 });
    expect(nextDose({ birthDate: '1960-01-01', sex: 'M' }, vaccine('INFLUENZA'), [], '2025-08-01')).toBeNull();
  });
});

describe('checking a dose before it is recorded', () => {
  it('refuses a dose given twice', () => {
    const history = [given('BCG', 1, '2025-01-10')];
    expect(doseProblem(girl, vaccine('BCG'), 1, '2025-01-20', history)).toMatchObject({
      code: 'DOSE_ALREADY_GIVEN',
      field: 'doseNumber',
    });
  });

  it('refuses a dose whose previous dose is missing, a dose too young and a dose too soon', () => {
    expect(doseProblem(girl, vaccine('PENTA'), 2, '2025-06-01', [])).toMatchObject({
      code: 'DOSE_NOT_DUE',
      field: 'doseNumber',
    });
    expect(doseProblem(girl, vaccine('PENTA'), 1, '2025-02-01', [])).toMatchObject({
      code: 'DOSE_NOT_DUE',
      field: 'givenOn',
    });
    const history = [given('PENTA', 1, '2025-03-12')];
    expect(doseProblem(girl, vaccine('PENTA'), 2, '2025-03-30', history)).toMatchObject({
      code: 'DOSE_NOT_DUE',
      field: 'givenOn',
    });
  });

  it('refuses a dose number the vaccine does not have', () => {
    expect(doseProblem(girl, vaccine('BCG'), 2, '2025-03-01', [])).toMatchObject({ code: 'UNKNOWN_VACCINE' });
  });

  it('accepts a seasonal influenza dose again in a later season, and a Td booster ten years on', () => {
    const adult: Recipient = { birthDate: '1970-01-01', sex: 'F' };
    const flu = [given('INFLUENZA', 1, '2024-05-01')];
    expect(doseProblem(adult, vaccine('INFLUENZA'), 1, '2024-06-01', flu)?.code).toBe('DOSE_ALREADY_GIVEN');
    expect(doseProblem(adult, vaccine('INFLUENZA'), 1, '2025-05-01', flu)).toBeNull();
  });
});

/** A person, a day to look from, and a history built by giving doses at random valid moments. */
const scenario = fc
  .record({
    birthDate: fc.integer({ min: 0, max: 20_000 }).map((d) => addDays('1960-01-01', d)),
    sex: fc.constantFrom<'F' | 'M'>('F', 'M'),
    ageDays: fc.integer({ min: 0, max: 25_000 }),
    steps: fc.array(fc.record({ vaccine: fc.integer({ min: 0, max: SCHEDULE.length - 1 }), delay: fc.nat(400) }), {
      maxLength: 40,
    }),
  })
  .map(({ birthDate, sex, ageDays, steps }) => {
    const person: Recipient = { birthDate, sex };
    const today = addDays(birthDate, ageDays);
    const history: GivenDose[] = [];
    for (const step of steps) {
      const pending = nextDose(person, SCHEDULE[step.vaccine]!, history, today);
      if (!pending) continue;
      const givenOn = addDays(pending.earliestOn, step.delay);
      if (givenOn > today || (pending.lastOn && givenOn > pending.lastOn)) continue;
      history.push({ vaccineCode: pending.vaccineCode, doseNumber: pending.doseNumber, givenOn });
    }
    return { person, today, history };
  });

describe('properties of the due computation', () => {
  it('never offers a dose already given, nor two doses of one vaccine', () => {
    fc.assert(
      fc.property(scenario, ({ person, today, history }) => {
        const pending = pendingDoses(person, SCHEDULE, history, today);
        const given = new Set(codesOf(history));
        const vaccines = pending.map((d) => d.vaccineCode);
        return (
          pending.every((d) => !given.has(`${d.vaccineCode}-${d.doseNumber}`)) &&
          new Set(vaccines).size === vaccines.length
        );
      }),
    );
  });

  it('offers dose n only when dose n − 1 was given, and no earlier than the minimum age and interval', () => {
    fc.assert(
      fc.property(scenario, ({ person, today, history }) =>
        pendingDoses(person, SCHEDULE, history, today).every((d) => {
          const dose = vaccine(d.vaccineCode).doses.find((x) => x.number === d.doseNumber)!;
          const previous = history.find((h) => h.vaccineCode === d.vaccineCode && h.doseNumber === d.doseNumber - 1);
          const credited = d.vaccineCode === 'TD' && d.doseNumber === 4;
          if (d.doseNumber > 1 && !previous && !credited) return false;
          if (d.earliestOn < addDays(person.birthDate, dose.minAgeDays)) return false;
          if (previous && d.earliestOn < addDays(previous.givenOn, dose.minIntervalDaysFromPrevious ?? 1)) return false;
          return d.dueOn >= d.earliestOn;
        }),
      ),
    );
  });

  it('labels each dose upcoming, due or overdue by today, and drops it past its maximum age', () => {
    fc.assert(
      fc.property(scenario, ({ person, today, history }) =>
        pendingDoses(person, SCHEDULE, history, today).every((d) => {
          if (d.lastOn && today > d.lastOn) return false;
          if (d.status === 'upcoming') return today < d.dueOn;
          if (d.status === 'due') return d.dueOn <= today && today < d.overdueOn;
          return today >= addDays(d.dueOn, OVERDUE_AFTER_DAYS);
        }),
      ),
    );
  });

  it('accepts, when recorded, any dose it offers on a day it can be given', () => {
    fc.assert(
      fc.property(scenario, ({ person, today, history }) =>
        pendingDoses(person, SCHEDULE, history, today)
          .filter((d) => d.earliestOn <= today)
          .every((d) => doseProblem(person, vaccine(d.vaccineCode), d.doseNumber, today, history) === null),
      ),
    );
  });

  it('moves a series on once its dose is given', () => {
    fc.assert(
      fc.property(scenario, ({ person, today, history }) =>
        pendingDoses(person, SCHEDULE, history, today)
          .filter((d) => d.earliestOn <= today)
          .every((d) => {
            const after = nextDose(person, vaccine(d.vaccineCode), [...history, { ...d, givenOn: today }], today);
            return after === null || after.doseNumber > d.doseNumber;
          }),
      ),
    );
  });

  it('never offers the HPV vaccine to a male', () => {
    fc.assert(
      fc.property(scenario, ({ person, today, history }) =>
        pendingDoses({ ...person, sex: 'M' }, SCHEDULE, history, today).every((d) => d.vaccineCode !== 'HPV'),
      ),
    );
  });
});
