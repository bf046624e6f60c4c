import type { BirthRow, PregnancyRow, PrenatalControlRow } from './maternal.repository';
import { gestationalWeeksOn, nextControlDueOn } from './maternal.rules';
import type { PregnancyView } from './maternal.schema';

/** Pregnancy, control and birth rows as the API shows them: the one place they are mapped. */

type Names = ReadonlyMap<string, string>;

const who = (id: string, names: Names) => ({ id, name: names.get(id) ?? id });

export function toBirthView(b: BirthRow, names: Names) {
  return {
    id: b.id,
    pregnancyId: b.pregnancy_id,
    motherId: b.mother_id,
    childId: b.child_id,
    bornOn: b.born_on,
    outcome: b.outcome,
    weightG: b.weight_g,
    sex: b.sex,
    place: b.place,
    recordedBy: who(b.recorded_by, names),
    recordedAt: new Date(b.recorded_at).toISOString(),
  };
}

function toControlView(c: PrenatalControlRow, names: Names) {
  return {
    id: c.id,
    controlOn: c.control_on,
    gestationalWeeks: c.gestational_weeks,
    systolic: c.systolic,
    diastolic: c.diastolic,
    weightKg: c.weight_kg,
    fundalHeightCm: c.fundal_height_cm,
    fetalHeartRate: c.fetal_heart_rate,
    notes: c.notes,
    recordedBy: who(c.recorded_by, names),
    recordedAt: new Date(c.recorded_at).toISOString(),
  };
}

/** Pregnancies with their controls, births and the date the next control falls due. */
export function toPregnancyViews(
  pregnancies: readonly PregnancyRow[],
  controls: readonly PrenatalControlRow[],
  births: readonly BirthRow[],
  names: Names,
  today: string,
): PregnancyView[] {
  return pregnancies.map((p) => {
    const own = controls.filter((c) => c.pregnancy_id === p.id);
    const last = own.at(-1);
    return {
      id: p.id,
      personId: p.person_id,
      lastMenstrualPeriod: p.last_menstrual_period,
      expectedDelivery: p.expected_delivery,
      gestationalWeeks: gestationalWeeksOn(p.last_menstrual_period, p.ended_on ?? today),
      risk: p.risk,
      riskFactors: p.risk_factors,
      registeredOn: p.registered_on,
      registeredBy: who(p.registered_by, names),
      endedOn: p.ended_on,
      outcome: p.outcome,
      nextControlDueOn: p.ended_on
        ? null
        : nextControlDueOn(
            p.last_menstrual_period,
            p.registered_on,
            last ? { controlOn: last.control_on, gestationalWeeks: last.gestational_weeks } : null,
          ),
      controls: own.map((c) => toControlView(c, names)),
      births: births.filter((b) => b.pregnancy_id === p.id).map((b) => toBirthView(b, names)),
    };
  });
}
