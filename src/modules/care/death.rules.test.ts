import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInfantDeath, isMaternalDeath, mortalityRates, type MaternalDeathFacts } from './death.rules';

describe('infant deaths', () => {
  it('are deaths before the first birthday', () => {
    expect(isInfantDeath('2025-03-10', '2025-03-10')).toBe(true);
    expect(isInfantDeath('2025-03-10', '2026-03-09')).toBe(true);
    expect(isInfantDeath('2025-03-10', '2026-03-10')).toBe(false);
    expect(isInfantDeath('2024-02-29', '2025-02-27')).toBe(true);
  });
});

describe('maternal deaths (WHO ICD-10 definition)', () => {
  const woman = (overrides: Partial<MaternalDeathFacts> = {}): MaternalDeathFacts => ({
    sex: 'F',
    diedOn: '2026-05-01',
    cause: { code: 'I10', maternal: false },
    pregnancies: [],
    ...overrides,
  });

  it('counts a woman who died pregnant, of a cause that is not external', () => {
    expect(isMaternalDeath(woman({ pregnancies: [{ lastMenstrualPeriod: '2026-01-01', endedOn: null }] }))).toBe(true);
  });

  it('counts a death up to 42 days after the end of the pregnancy, and not one day later', () => {
    const ended = (endedOn: string) => woman({ pregnancies: [{ lastMenstrualPeriod: '2025-06-01', endedOn }] });
    expect(isMaternalDeath(ended('2026-03-20'))).toBe(true);
    expect(isMaternalDeath(ended('2026-03-19'))).toBe(false);
  });

  it('counts an obstetric cause even with no pregnancy on record, but not a late or sequela cause', () => {
    expect(isMaternalDeath(woman({ cause: { code: 'O72', maternal: true } }))).toBe(true);
    expect(isMaternalDeath(woman({ cause: { code: 'A34', maternal: true } }))).toBe(true);
    expect(isMaternalDeath(woman({ cause: { code: 'O96', maternal: true } }))).toBe(false);
    expect(isMaternalDeath(woman({ cause: { code: 'O97', maternal: true } }))).toBe(false);
  });

  it('does not count accidental or incidental causes during pregnancy', () => {
    const pregnant = [{ lastMenstrualPeriod: '2026-01-01', endedOn: null }];
    expect(isMaternalDeath(woman({ cause: { code: 'V89.2', maternal: false }, pregnancies: pregnant }))).toBe(false);
    expect(isMaternalDeath(woman({ cause: { code: 'X95', maternal: false }, pregnancies: pregnant }))).toBe(false);
  });

  it('never counts a man', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom('O72', 'I10', 'A34'),
        (maternal, code) =>
          !isMaternalDeath(
            woman({
              sex: 'M',
              cause: { code, maternal },
              pregnancies: [{ lastMenstrualPeriod: '2026-01-01', endedOn: null }],
            }),
          ),
      ),
    );
  });
});

describe('infant and maternal mortality from counts', () => {
  it('gives infant deaths per 1,000 and maternal deaths per 100,000 live births', () => {
    expect(mortalityRates({ liveBirths: 765, infantDeaths: 12, maternalDeaths: 1 })).toEqual({
      infantMortalityPer1000LiveBirths: (12 * 1000) / 765,
      maternalMortalityPer100000LiveBirths: 100_000 / 765,
    });
    expect(mortalityRates({ liveBirths: 2000, infantDeaths: 30, maternalDeaths: 2 })).toEqual({
      infantMortalityPer1000LiveBirths: 15,
      maternalMortalityPer100000LiveBirths: 100,
    });
  });

  it('gives no rate when there were no live births', () => {
    expect(mortalityRates({ liveBirths: 0, infantDeaths: 1, maternalDeaths: 0 })).toEqual({
      infantMortalityPer1000LiveBirths: null,
      maternalMortalityPer100000LiveBirths: null,
    });
  });

  it('grows with the deaths and shrinks with the births', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(1000), (births, deaths) => {
        const base = mortalityRates({ liveBirths: births, infantDeaths: deaths, maternalDeaths: deaths });
        const more = mortalityRates({ liveBirths: births, infantDeaths: deaths + 1, maternalDeaths: deaths + 1 });
        const bigger = mortalityRates({ liveBirths: births + 1, infantDeaths: deaths, maternalDeaths: deaths });
        return (
          more.infantMortalityPer1000LiveBirths! > base.infantMortalityPer1000LiveBirths! &&
          bigger.maternalMortalityPer100000LiveBirths! <= base.maternalMortalityPer100000LiveBirths!
        );
      }),
    );
  });
});
