import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import type { ScheduledVaccine } from './immunization.rules';
import { buildWorklist, type WorklistFacts, type WorklistPerson } from './worklist.rules';

const today = '2026-06-15';
const BCG: ScheduledVaccine = {
  code: 'BCG',
  nameEs: 'BCG',
  targetSex: null,
  doses: [
    {
      number: 1,
      label_es: 'Recién nacido',
      minAgeDays: 0,
      recommendedAgeDays: 0,
      maxAgeDays: 364,
      minIntervalDaysFromPrevious: null,
    },
  ],
};

const person = (id: string, overrides: Partial<WorklistPerson> = {}): WorklistPerson => ({
  id,
  name: `Persona ${id}`,
  sex: 'F',
  birthDate: '1990-01-01',
  householdId: 'h1',
  isHead: false,
  registeredOn: '2026-01-10',
  ...overrides,
});

const facts = (overrides: Partial<WorklistFacts> = {}): WorklistFacts => ({
  today,
  persons: [],
  households: [],
  classifications: new Map(),
  lastSeen: new Map(),
  pregnancies: [],
  doses: new Map(),
  schedule: [BCG],
  ...overrides,
});

const classified = (group: number, classifiedOn = '2026-02-01') => ({
  group,
  classifiedOn,
  chronicConditions: ['I10'],
});

describe('the worklist of a post', () => {
  it('lists a pregnant woman with no control yet, from the day her pregnancy was registered', () => {
    const items = buildWorklist(
      facts({
        persons: [person('p1')],
        classifications: new Map([['p1', classified(1)]]),
        pregnancies: [
          {
            id: 'g1',
            personId: 'p1',
            lastMenstrualPeriod: '2026-03-01',
            expectedDelivery: '2026-12-06',
            registeredOn: '2026-05-02',
            risk: 'high',
            lastControl: null,
          },
        ],
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        kind: 'prenatal_control_due',
        personId: 'p1',
        dueOn: '2026-05-02',
        detail: expect.objectContaining({ pregnancyId: 'g1', gestationalWeeks: 15, lastControlOn: null, risk: 'high' }),
      }),
    );
  });

  it('leaves out a pregnancy whose next control is not yet due', () => {
    const items = buildWorklist(
      facts({
        persons: [person('p1')],
        pregnancies: [
          {
            id: 'g1',
            personId: 'p1',
            lastMenstrualPeriod: '2026-03-01',
            expectedDelivery: '2026-12-06',
            registeredOn: '2026-05-02',
            risk: 'low',
            lastControl: { controlOn: '2026-06-01', gestationalWeeks: 13 },
          },
        ],
      }),
    );
    expect(items.filter((i) => i.kind === 'prenatal_control_due')).toEqual([]);
  });

  it('lists a newborn’s vaccine as due, and as overdue four weeks on; the dose given clears it', () => {
    const baby = person('b1', { birthDate: '2026-06-10' });
    const due = buildWorklist(facts({ persons: [baby], classifications: new Map([['b1', classified(1)]]) }));
    expect(due).toEqual([
      expect.objectContaining({
        kind: 'vaccine_due',
        personId: 'b1',
        dueOn: '2026-06-10',
        detail: expect.objectContaining({ vaccineCode: 'BCG', doseNumber: 1 }),
      }),
    ]);
    const late = buildWorklist(
      facts({ today: '2026-07-08', persons: [baby], classifications: new Map([['b1', classified(1)]]) }),
    );
    expect(late.map((i) => i.kind)).toEqual(['vaccine_overdue']);
    const done = buildWorklist(
      facts({
        persons: [baby],
        classifications: new Map([['b1', classified(1)]]),
        doses: new Map([['b1', [{ vaccineCode: 'BCG', doseNumber: 1, givenOn: '2026-06-11' }]]]),
      }),
    );
    expect(done).toEqual([]);
  });

  it('lists group III patients not seen in 90 days, and not those seen lately', () => {
    const items = buildWorklist(
      facts({
        persons: [person('p1'), person('p2')],
        classifications: new Map([
          ['p1', classified(3)],
          ['p2', classified(3)],
        ]),
        lastSeen: new Map([
          ['p1', { lastSeenOn: '2026-03-01', lastHomeVisitOn: null }],
          ['p2', { lastSeenOn: '2026-05-30', lastHomeVisitOn: null }],
        ]),
      }),
    );
    expect(items.filter((i) => i.kind === 'group_iii_not_seen')).toEqual([
      expect.objectContaining({
        personId: 'p1',
        dueOn: addDays('2026-03-01', 90),
        detail: expect.objectContaining({ lastSeenOn: '2026-03-01' }),
      }),
    ]);
  });

  it('lists households with no home visit this calendar year, opening on the head', () => {
    const items = buildWorklist(
      facts({
        persons: [
          person('p1', { householdId: 'h1' }),
          person('p2', { householdId: 'h1', isHead: true }),
          person('p3', { householdId: 'h2' }),
        ],
        households: [
          { id: 'h1', address: 'Calle 1', registeredOn: '2025-03-01', conditionsSurveyed: true },
          { id: 'h2', address: 'Calle 2', registeredOn: '2026-04-01', conditionsSurveyed: true },
          { id: 'h3', address: 'Calle 3 (sin vivos)', registeredOn: '2025-03-01', conditionsSurveyed: true },
        ],
        classifications: new Map([
          ['p1', classified(1)],
          ['p2', classified(1)],
          ['p3', classified(1)],
        ]),
        lastSeen: new Map([
          ['p1', { lastSeenOn: '2026-06-01', lastHomeVisitOn: '2025-12-20' }],
          ['p3', { lastSeenOn: '2026-06-01', lastHomeVisitOn: '2026-02-10' }],
        ]),
      }),
    );
    expect(items.filter((i) => i.kind === 'household_not_visited')).toEqual([
      expect.objectContaining({
        householdId: 'h1',
        personId: 'p2',
        name: 'Calle 1',
        dueOn: '2026-01-01',
        detail: { address: 'Calle 1', members: 2 },
      }),
    ]);
  });

  it('lists households with living members whose conditions nobody surveyed, opening on the household', () => {
    const items = buildWorklist(
      facts({
        persons: [person('p1', { householdId: 'h1', isHead: true }), person('p2', { householdId: 'h3' })],
        households: [
          { id: 'h1', address: 'Calle 1', registeredOn: '2026-05-02', conditionsSurveyed: false },
          { id: 'h2', address: 'Calle 2 (sin vivos)', registeredOn: '2026-05-02', conditionsSurveyed: false },
          { id: 'h3', address: 'Calle 3', registeredOn: '2026-05-02', conditionsSurveyed: true },
        ],
      }),
    );
    expect(items.filter((i) => i.kind === 'household_not_surveyed')).toEqual([
      {
        kind: 'household_not_surveyed',
        householdId: 'h1',
        personId: null,
        name: 'Calle 1',
        dueOn: '2026-05-02',
        detail: { address: 'Calle 1', members: 1 },
      },
    ]);
  });

  it('lists persons never classified, and classifications older than a year', () => {
    const items = buildWorklist(
      facts({
        persons: [person('p1'), person('p2'), person('p3')],
        classifications: new Map([
          ['p2', classified(2, '2025-06-15')],
          ['p3', classified(2, '2025-06-16')],
        ]),
      }),
    );
    expect(items.filter((i) => i.kind === 'classification_overdue').map((i) => [i.personId, i.dueOn])).toEqual([
      ['p1', '2026-01-10'],
      ['p2', '2026-06-15'],
    ]);
  });

  it('puts the longest-waiting items first', () => {
    const items = buildWorklist(
      facts({
        persons: [
          person('p1', { registeredOn: '2026-03-01' }),
          person('b1', { birthDate: '2026-06-01', registeredOn: '2026-06-02' }),
        ],
      }),
    );
    const dates = items.map((i) => i.dueOn);
    expect(dates).toEqual([...dates].sort());
  });
});
