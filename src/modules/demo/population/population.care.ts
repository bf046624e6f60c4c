import { addDays, daysBetween } from '../../care/calendar';
import { nextDose, type GivenDose, type ScheduledVaccine } from '../../care/immunization.rules';
import { pickWeighted, type Random } from '../demo.rules';
import { dayBetween, type PlannedPerson, type PopulationContext } from './population.plan';
import { pickReferralReason, REFERRAL_REASONS, REFERRED_SHARE } from './population.referral-reasons';
import {
  CHRONIC_CONDITIONS,
  CLASSIFIED_SHARES,
  DISABILITY_SHARE,
  ENCOUNTERS_PER_PERSON_YEAR,
  encounterWeight,
  normalWithin,
  poisson,
  RISK_FACTOR_SHARES,
  SETTING_SHARES,
} from './population.rules';

/** Acute complaints seen at a post, with the reason written and what is prescribed for them. */
const ACUTE = [
  ['J00', 'Congestión nasal y tos', 'Acetaminofén 500 mg', 18],
  ['J06.9', 'Fiebre y dolor de garganta', 'Acetaminofén 500 mg', 12],
  ['A09', 'Diarrea', 'Sales de rehidratación oral', 8],
  ['B82.9', 'Dolor abdominal, parásitos', 'Albendazol 400 mg', 6],
  ['N39.0', 'Ardor al orinar', 'Nitrofurantoína 100 mg', 4],
  ['K29.7', 'Ardor de estómago', 'Omeprazol 20 mg', 5],
  ['M54.5', 'Dolor de espalda', 'Ibuprofeno 400 mg', 5],
  ['L30.9', 'Lesiones en la piel', 'Crema de hidrocortisona 1%', 3],
  ['H10', 'Ojo rojo', 'Cloranfenicol colirio', 2],
  ['A90', 'Fiebre y dolor de cuerpo', 'Acetaminofén 500 mg', 2],
] as const;
const CHRONIC_MEDICINE: Record<string, string> = {
  I10: 'Losartán potásico 50 mg',
  E11: 'Metformina 850 mg',
  J45: 'Salbutamol inhalador 100 mcg',
  J44: 'Salbutamol inhalador 100 mcg',
  I25: 'Ácido acetilsalicílico 100 mg',
  E03: 'Levotiroxina 100 mcg',
  F32: 'Fluoxetina 20 mg',
  G40: 'Carbamazepina 200 mg',
  N18: 'Enalapril 10 mg',
};
const DISABILITIES = ['physical_motor', 'visual', 'hearing', 'intellectual', 'psychosocial'] as const;

/** Chronic conditions by age, then each person's latest dispensarization (group by the classification rules). */
export function planClassifications(ctx: PopulationContext) {
  const random = ctx.random('classification');
  for (const person of ctx.people) {
    const age = person.age;
    person.chronic = CHRONIC_CONDITIONS.filter((c) => age >= c.fromAge && random.chance(c.prevalence(age))).map(
      (c) => c.code,
    );
    const disabilities = random.chance(DISABILITY_SHARE(age)) ? [random.pick(DISABILITIES)] : [];
    const risks = RISK_FACTOR_SHARES.filter((r) => age >= r.fromAge && random.chance(r.share)).map((r) => r.factor);
    const group = disabilities.length > 0 ? 4 : person.chronic.length > 0 ? 3 : risks.length > 0 ? 2 : 1;
    const draw = random.next();
    const until = (person.row.died_on as string | null) ?? addDays(ctx.today, -1);
    const from = draw < CLASSIFIED_SHARES.current ? ctx.yearStart : addDays(ctx.yearStart, -330);
    const to = draw < CLASSIFIED_SHARES.current ? until : addDays(ctx.yearStart, -1);
    const on = dayBetween(random, from > person.knownFrom ? from : person.knownFrom, to);
    if (draw >= CLASSIFIED_SHARES.current + CLASSIFIED_SHARES.overdue || on > until || on < person.knownFrom) continue;
    ctx.rows.classifications.push({
      id: ctx.id(on, random),
      person_id: person.row.id,
      facility_id: person.post.id,
      state_code: person.post.stateCode,
      dispensary_group: group,
      classified_on: on,
      classified_by: 'demo',
      risk_factors: group === 1 ? [] : risks,
      chronic_conditions: group === 1 ? [] : person.chronic,
      disabilities,
      notes: null,
      recorded_at: ctx.at(on, random.int(0, 400)),
    });
  }
}

function vitals(random: Random, person: PlannedPerson, fever: boolean) {
  const age = person.age;
  const hypertensive = person.chronic.includes('I10');
  const adult = age >= 15;
  const systolic = adult ? normalWithin(random, hypertensive ? 142 : 116 + age * 0.2, 13, 90, 210) : null;
  const diastolic = systolic ? Math.min(systolic - 20, normalWithin(random, hypertensive ? 90 : 74, 8, 50, 125)) : null;
  const height =
    age >= 18
      ? normalWithin(random, person.row.sex === 'M' ? 169 : 157, 7, 140, 195, 1)
      : normalWithin(random, 52 + age * 6.2, 4, 45, 185, 1);
  const bmiTarget = age >= 18 ? 26.5 : 17;
  const weight = normalWithin(random, bmiTarget * (height / 100) ** 2, age >= 18 ? 11 : 2.5, age < 1 ? 2.5 : 9, 140, 1);
  return {
    systolic,
    diastolic,
    heart_rate: normalWithin(random, age < 1 ? 130 : age < 10 ? 95 : 76, 10, 50, 180),
    temperature_c: fever
      ? normalWithin(random, 38.4, 0.5, 37.8, 40.2, 1)
      : normalWithin(random, 36.6, 0.3, 35.8, 37.4, 1),
    weight_kg: weight,
    height_cm: height,
    bmi: Math.round((weight / (height / 100) ** 2) * 10) / 10,
    glucose_mg_dl: person.chronic.includes('E11') ? normalWithin(random, 155, 40, 70, 400) : null,
  };
}

/**
 * One year of consultations: a Poisson count per person around ENCOUNTERS_PER_PERSON_YEAR, scaled
 * by the person's weight and by the part of the year they lived; each with plausible vital signs,
 * one CIE-10 diagnosis (the chronic condition followed, a common acute complaint, or a check-up)
 * and, for most illnesses, a prescription.
 */
export function planEncounters(ctx: PopulationContext) {
  const random = ctx.random('encounters');
  const weights = ctx.people.map((p) => encounterWeight(p.age, p.chronic.length > 0));
  const scale = (ENCOUNTERS_PER_PERSON_YEAR * weights.length) / weights.reduce((a, b) => a + b, 0);
  ctx.people.forEach((person, i) => {
    const from = person.knownFrom > ctx.yearStart ? person.knownFrom : ctx.yearStart;
    const until = (person.row.died_on as string | null) ?? addDays(ctx.today, -1);
    const days = daysBetween(from, until);
    if (days < 0) return;
    const count = poisson(random, weights[i]! * scale * (days / 365));
    for (let n = 0; n < count; n++) addEncounter(ctx, random, person, dayBetween(random, from, until));
  });
}

function addEncounter(ctx: PopulationContext, random: Random, person: PlannedPerson, on: string) {
  const chronic = person.chronic.length > 0 && random.chance(0.6) ? random.pick(person.chronic) : null;
  const acute =
    chronic || random.chance(0.3)
      ? null
      : pickWeighted(
          random,
          ACUTE.map((a) => [a, a[3]] as const),
        );
  // A few consultations end in a referral up the tiers, for a reason that fits the person.
  const referredIndex = random.chance(chronic ? REFERRED_SHARE.chronic : REFERRED_SHARE.acute)
    ? pickReferralReason(random, { age: person.age, sex: person.row.sex as 'F' | 'M' }, chronic)
    : null;
  const referral = referredIndex === null ? null : REFERRAL_REASONS[referredIndex]!;
  const code = referral?.icd10 ?? chronic ?? acute?.[0] ?? (person.age < 18 ? 'Z00.1' : 'Z00.0');
  const setting = pickWeighted(random, SETTING_SHARES);
  const minutes = random.int(0, 420);
  const id = ctx.id(on, random, minutes);
  const base = { person_id: person.row.id, facility_id: person.post.id, state_code: person.post.stateCode };
  const encounter = {
    id,
    ...base,
    setting,
    occurred_at: ctx.at(on, minutes),
    reason: referral?.reason ?? (chronic ? 'Control de enfermedad crónica' : (acute?.[1] ?? 'Control de salud')),
    ...vitals(random, person, acute !== null && ['J06.9', 'A90'].includes(acute[0])),
    notes: null,
    procedures: [],
    outcome: referral ? ('referred' as const) : chronic ? ('follow_up' as const) : ('resolved' as const),
    follow_up_on: chronic && !referral ? addDays(on, 90) : null,
    recorded_by: 'demo',
    recorded_at: ctx.at(on, minutes + 20),
    amends_id: null,
    amendment: null,
  };
  ctx.rows.encounters.push(encounter);
  if (referredIndex !== null) ctx.referred.push({ encounter, person, reasonIndex: referredIndex });
  ctx.rows.encounter_diagnoses.push({
    id: ctx.id(on, random, minutes),
    encounter_id: id,
    ...base,
    icd10_code: code,
    is_primary: true,
  });
  const medicine = referral
    ? undefined
    : chronic
      ? CHRONIC_MEDICINE[chronic]
      : acute && random.chance(0.7)
        ? acute[2]
        : undefined;
  if (!medicine) return;
  const days = chronic ? 30 : random.int(3, 7);
  ctx.rows.prescriptions.push({
    id: ctx.id(on, random, minutes),
    encounter_id: id,
    ...base,
    medicine,
    dose: medicine.split(' ').slice(-2).join(' '),
    frequency: chronic ? 'cada 24 horas' : 'cada 8 horas',
    duration_days: days,
    quantity: chronic ? 30 : days * 3,
    prescribed_by: 'demo',
    prescribed_at: ctx.at(on, minutes + 20),
  });
}

/** Vaccines the post does not follow for children here: adult series, and those another series replaces. */
const NOT_FOR_CHILDREN = new Set(['PPSV23', 'HEPB_ADULT', 'MR']);

/**
 * Every child's vaccination card, dose by dose through the national schedule, from the birth date:
 * most children get each dose within weeks of its due date; a child of a less regular family
 * misses doses more often, and a missed dose halts that series, so the worklist has doses due and
 * overdue. Doses are never given before the schedule allows, nor after a child's death.
 */
export function planImmunizations(ctx: PopulationContext, schedule: readonly ScheduledVaccine[]) {
  const random = ctx.random('immunizations');
  const childFrom = addDays(ctx.today, -15 * 365);
  for (const child of ctx.people) {
    const birthDate = child.row.birth_date as string;
    if (birthDate <= childFrom) continue;
    const until = (child.row.died_on as string | null) ?? addDays(ctx.today, -1);
    const regular = random.chance(0.8);
    const history: GivenDose[] = [];
    for (const vaccine of schedule) {
      if (NOT_FOR_CHILDREN.has(vaccine.code) || (vaccine.targetSex && vaccine.targetSex !== child.row.sex)) continue;
      const coverage = vaccine.code === 'INFLUENZA' ? 0.6 : vaccine.code === 'HPV' ? 0.55 : regular ? 0.97 : 0.7;
      for (;;) {
        const next = nextDose({ birthDate, sex: child.row.sex as 'F' | 'M' }, vaccine, history, birthDate);
        if (!next || !random.chance(coverage)) break;
        const givenOn = addDays(next.dueOn, Math.floor(-Math.log(1 - random.next()) * (regular ? 8 : 30)));
        if (givenOn > until || givenOn < next.earliestOn || (next.lastOn && givenOn > next.lastOn)) break;
        history.push({ vaccineCode: vaccine.code, doseNumber: next.doseNumber, givenOn });
        ctx.rows.immunizations.push({
          id: ctx.id(givenOn, random),
          person_id: child.row.id,
          facility_id: child.post.id,
          state_code: child.post.stateCode,
          vaccine_code: vaccine.code,
          dose_number: next.doseNumber,
          given_on: givenOn,
          lot: `${vaccine.code}-${givenOn.slice(0, 4)}-${random.int(100, 999)}`,
          given_by: 'demo',
          recorded_at: ctx.at(givenOn, random.int(0, 400)),
          amends_id: null,
          amendment: null,
        });
      }
    }
  }
}
