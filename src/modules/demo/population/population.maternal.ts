import { addDays, daysBetween } from '../../care/calendar';
import { isInfantDeath, isMaternalDeath } from '../../care/death.rules';
import { ANTENATAL_CONTACT_WEEKS, expectedDeliveryDate } from '../../care/maternal.rules';
import { pickWeighted, type Random } from '../demo.rules';
import { dayBetween, type PlannedPerson, type PopulationContext } from './population.plan';
import {
  countOf,
  DEATHS_PER_1000,
  EARLY_LOSS_SHARE,
  HOMICIDE_SHARE,
  INFANT_DEATHS_PER_1000_BIRTHS,
  normalWithin,
  STILLBIRTH_SHARE,
} from './population.rules';

/** Causes of death after infancy, by age, weighted roughly as Venezuela's leading causes. */
const ADULT_CAUSES = [
  ['I21', 24],
  ['I64', 14],
  ['C34', 5],
  ['C16', 4],
  ['C50', 4],
  ['E11', 10],
  ['J18', 7],
  ['J44', 5],
  ['N18', 4],
  ['I50', 6],
  ['V89', 4],
] as const;
const INFANT_CAUSES = [
  ['P07.3', 4],
  ['P22.0', 3],
  ['P36', 2],
  ['A09', 1],
  ['J18.9', 1],
] as const;

/**
 * Pregnancies of the year: one ended in each birth (with its controls at the WHO contacts), a few
 * ended early, and the ongoing ones of women pregnant today, some behind on their controls.
 */
export function planMaternalCare(ctx: PopulationContext) {
  const random = ctx.random('maternal');
  const mothers = new Set<PlannedPerson>();
  for (const baby of ctx.people) {
    if (baby.motherIndex === undefined) continue;
    const mother = ctx.people[baby.motherIndex]!;
    mothers.add(mother);
    const bornOn = baby.row.birth_date as string;
    const weeks = random.chance(0.09) ? random.int(32, 36) : random.int(37, 41);
    const lmp = addDays(bornOn, -weeks * 7 - random.int(0, 6));
    const pregnancy = addPregnancy(ctx, random, mother, lmp, { endedOn: bornOn, outcome: 'live_birth' });
    addBirth(ctx, random, mother, pregnancy, bornOn, baby, weeks);
    if (random.chance(STILLBIRTH_SHARE)) {
      const other = ctx.people[random.int(0, ctx.people.length - 1)]!;
      if (other.row.sex === 'F' && other.age >= 18 && other.age <= 40 && !mothers.has(other)) {
        mothers.add(other);
        const ended = dayBetween(random, ctx.yearStart, addDays(ctx.today, -1));
        const p = addPregnancy(ctx, random, other, addDays(ended, -random.int(30, 38) * 7), {
          endedOn: ended,
          outcome: 'stillbirth',
        });
        addBirth(ctx, random, other, p, ended, null, 34);
      }
    }
  }
  const births = ctx.rows.births.length;
  const women = ctx.people.filter((p) => p.row.sex === 'F' && p.age >= 15 && p.age <= 42 && !mothers.has(p));
  // Women pregnant today and registered (from about 10 weeks): about 30/52 of a year's births.
  const ongoing = Math.round((births * 30) / 52);
  const losses = countOf(random, births * EARLY_LOSS_SHARE);
  for (let i = 0; i < ongoing + losses && women.length > 0; i++) {
    const woman = women.splice(random.int(0, women.length - 1), 1)[0]!;
    if (i < ongoing) addPregnancy(ctx, random, woman, addDays(ctx.today, -random.int(10 * 7, 40 * 7)), null);
    else {
      const lmp = addDays(ctx.today, -random.int(14 * 7, 50 * 7));
      addPregnancy(ctx, random, woman, lmp, { endedOn: addDays(lmp, random.int(12 * 7, 14 * 7)), outcome: 'abortion' });
    }
  }
}

function addPregnancy(
  ctx: PopulationContext,
  random: Random,
  woman: PlannedPerson,
  lmp: string,
  end: { endedOn: string; outcome: 'live_birth' | 'stillbirth' | 'abortion' } | null,
) {
  const registeredOn = addDays(lmp, random.int(7 * 7, 11 * 7));
  const adolescent = woman.age < 18;
  const high = adolescent || woman.age >= 35 || woman.chronic.length > 0 || random.chance(0.08);
  const riskFactors = [
    ...(adolescent ? ['adolescent'] : []),
    ...(woman.age >= 35 ? ['advanced_maternal_age'] : []),
    ...(woman.chronic.includes('I10') ? ['chronic_hypertension'] : []),
  ];
  const at = ctx.at(registeredOn, random.int(0, 400));
  const pregnancy = {
    id: ctx.id(registeredOn, random),
    person_id: woman.row.id,
    facility_id: woman.post.id,
    state_code: woman.post.stateCode,
    last_menstrual_period: lmp,
    expected_delivery: expectedDeliveryDate(lmp),
    risk: high ? ('high' as const) : ('low' as const),
    risk_factors: high && riskFactors.length === 0 ? ['previous_caesarean'] : riskFactors,
    registered_on: registeredOn,
    registered_by: 'demo',
    ended_on: end?.endedOn ?? null,
    outcome: end?.outcome ?? null,
    created_at: at,
    updated_at: end ? ctx.at(end.endedOn, 60) : at,
  };
  ctx.rows.pregnancies.push(pregnancy);
  // Controls at registration and at the WHO contacts, each kept with probability 85%; a woman
  // who drops out stops coming, which puts her on the worklist.
  const until = end ? addDays(end.endedOn, -1) : addDays(ctx.today, -1);
  const keeps = random.chance(0.8) ? 0.92 : 0.55;
  const days = [daysBetween(lmp, registeredOn), ...ANTENATAL_CONTACT_WEEKS.map((w) => w * 7 + random.int(-5, 3))];
  for (const [i, day] of days.entries()) {
    const on = addDays(lmp, day);
    if (on > until || (i > 0 && day <= days[0]!)) continue;
    if (i > 0 && !random.chance(keeps)) break;
    const weeks = Math.floor(day / 7);
    ctx.rows.prenatal_controls.push({
      id: ctx.id(on, random),
      pregnancy_id: pregnancy.id,
      person_id: woman.row.id,
      facility_id: woman.post.id,
      state_code: woman.post.stateCode,
      encounter_id: null,
      control_on: on,
      gestational_weeks: weeks,
      systolic: normalWithin(random, 112, 10, 90, 160),
      diastolic: normalWithin(random, 70, 8, 50, 100),
      weight_kg: normalWithin(random, 62 + weeks * 0.3, 9, 40, 120, 1),
      fundal_height_cm: weeks >= 20 ? normalWithin(random, weeks, 1.5, 15, 44, 1) : null,
      fetal_heart_rate: weeks >= 12 ? normalWithin(random, 142, 8, 115, 160) : null,
      notes: null,
      recorded_by: 'demo',
      recorded_at: ctx.at(on, random.int(0, 400)),
    });
  }
  return pregnancy;
}

function addBirth(
  ctx: PopulationContext,
  random: Random,
  mother: PlannedPerson,
  pregnancy: { id: string },
  bornOn: string,
  child: PlannedPerson | null,
  weeks: number,
) {
  ctx.rows.births.push({
    id: ctx.id(bornOn, random),
    pregnancy_id: pregnancy.id,
    mother_id: mother.row.id,
    child_id: child?.row.id ?? null,
    facility_id: mother.post.id,
    state_code: mother.post.stateCode,
    born_on: bornOn,
    outcome: child ? 'live' : 'stillbirth',
    weight_g: normalWithin(random, weeks >= 37 ? 3150 : 2300, 420, 900, 4800),
    sex: (child?.row.sex as 'F' | 'M' | undefined) ?? (random.chance(0.5) ? 'F' : 'M'),
    place: random.chance(0.97) ? 'health_facility' : 'home',
    recorded_by: 'demo',
    recorded_at: ctx.at(bornOn, 300),
  });
}

/**
 * Deaths of the year, about DEATHS_PER_1000: infant deaths among the year's newborns at the infant
 * mortality rate, one maternal death in the ASIC (a postpartum haemorrhage), homicides of young men, and the
 * rest among the old by a Gompertz-like weight. The infant and maternal flags come from the care rules.
 */
export function planDeaths(ctx: PopulationContext, options: { maternalDeath: boolean }) {
  const random = ctx.random('deaths');
  const target = countOf(random, (ctx.people.length * DEATHS_PER_1000) / 1000);
  const infants = ctx.people.filter((p) => p.motherIndex !== undefined);
  const dead = new Set<PlannedPerson>();
  const infantDeaths = countOf(random, (infants.length * INFANT_DEATHS_PER_1000_BIRTHS) / 1000);
  for (let i = 0; i < infantDeaths && infants.length > 0; i++) {
    const baby = infants.splice(random.int(0, infants.length - 1), 1)[0]!;
    const born = baby.row.birth_date as string;
    const diedOn = addDays(
      born,
      Math.min(daysBetween(born, ctx.today) - 1, random.chance(0.6) ? random.int(0, 27) : random.int(28, 300)),
    );
    die(ctx, random, baby, diedOn < born ? born : diedOn, pickWeighted(random, INFANT_CAUSES), dead);
  }
  const birth = ctx.rows.births.find((b) => b.outcome === 'live' && daysBetween(b.born_on as string, ctx.today) > 3);
  const mother = birth && ctx.people.find((p) => p.row.id === birth.mother_id);
  if (birth && mother && options.maternalDeath)
    die(ctx, random, mother, addDays(birth.born_on as string, 1), 'O72', dead);
  const homicides = countOf(random, target * HOMICIDE_SHARE);
  const young = ctx.people.filter((p) => p.row.sex === 'M' && p.age >= 15 && p.age <= 34);
  for (let i = 0; i < homicides && young.length > 0; i++) {
    const victim = young.splice(random.int(0, young.length - 1), 1)[0]!;
    die(ctx, random, victim, dayBetween(random, ctx.yearStart, addDays(ctx.today, -1)), 'X95', dead);
  }
  const weights = ctx.people.map((p) => [p, dead.has(p) || p.age < 1 ? 0 : Math.exp(0.09 * (p.age - 80))] as const);
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const others = Math.max(0, target - dead.size);
  for (const [person, weight] of weights) {
    if (dead.size >= target || !random.chance((weight * others) / total)) continue;
    let cause: string = pickWeighted(random, ADULT_CAUSES);
    if (cause === 'C50' && person.row.sex === 'M') cause = 'C34';
    die(ctx, random, person, dayBetween(random, ctx.yearStart, addDays(ctx.today, -1)), cause, dead);
  }
}

function die(
  ctx: PopulationContext,
  random: Random,
  person: PlannedPerson,
  diedOn: string,
  cause: string,
  dead: Set<PlannedPerson>,
) {
  if (dead.has(person)) return;
  dead.add(person);
  person.row.vital_status = 'dead';
  person.row.died_on = diedOn;
  person.row.updated_at = ctx.at(diedOn, 480);
  const pregnancies = ctx.rows.pregnancies
    .filter((g) => g.person_id === person.row.id)
    .map((g) => ({
      lastMenstrualPeriod: g.last_menstrual_period as string,
      endedOn: (g.ended_on as string | null) ?? null,
    }));
  ctx.rows.deaths.push({
    id: ctx.id(diedOn, random),
    person_id: person.row.id,
    facility_id: person.post.id,
    state_code: person.post.stateCode,
    died_on: diedOn,
    place: cause === 'X95' ? 'public_place' : random.chance(0.55) ? 'health_facility' : 'home',
    cause_icd10: cause,
    infant: isInfantDeath(person.row.birth_date as string, diedOn),
    maternal: isMaternalDeath({
      sex: person.row.sex as 'F' | 'M',
      diedOn,
      cause: { code: cause, maternal: cause.startsWith('O') },
      pregnancies,
    }),
    recorded_by: 'demo',
    recorded_at: ctx.at(diedOn, 480),
  });
}
