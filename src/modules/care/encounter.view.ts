import { compareAscii } from './calendar';
import type { DiagnosisRow, EncounterRow, PrescriptionRow } from './encounter.repository';
import type { AmendmentKind, Outcome, Setting } from './encounter.rules';
import type { EncounterView } from './encounter.schema';

/** Encounter rows as the API shows them: the one place rows become encounters. */

function recordedBy(userId: string, names: ReadonlyMap<string, string>) {
  return { id: userId, name: names.get(userId) ?? userId };
}

function isoTime(value: Date | string): string {
  return new Date(value).toISOString();
}

/**
 * The encounters among these rows, each with its diagnoses and prescriptions and marked with what
 * happened to it since. "Entered in error" rows are not encounters themselves: they show on the
 * encounter they void. Corrections are encounters in their own right that say what they replace.
 */
export function toEncounterViews(
  rows: readonly EncounterRow[],
  diagnoses: readonly DiagnosisRow[],
  prescriptions: readonly PrescriptionRow[],
  names: ReadonlyMap<string, string>,
): EncounterView[] {
  const amendmentOf = new Map(rows.filter((r) => r.amends_id).map((r) => [r.amends_id!, r]));
  return rows
    .filter((row) => row.amendment !== 'entered_in_error')
    .map((row) => {
      const superseding = amendmentOf.get(row.id);
      return {
        id: row.id,
        personId: row.person_id,
        facilityId: row.facility_id,
        setting: row.setting as Setting,
        occurredAt: isoTime(row.occurred_at),
        reason: row.reason,
        vitals: {
          systolic: row.systolic,
          diastolic: row.diastolic,
          heartRate: row.heart_rate,
          temperatureC: row.temperature_c,
          weightKg: row.weight_kg,
          heightCm: row.height_cm,
          bmi: row.bmi,
          glucoseMgDl: row.glucose_mg_dl,
        },
        diagnoses: diagnoses
          .filter((d) => d.encounter_id === row.id)
          .sort((a, b) => Number(b.is_primary) - Number(a.is_primary) || compareAscii(a.id, b.id))
          .map((d) => ({ code: d.icd10_code, title: d.title, primary: d.is_primary })),
        procedures: row.procedures,
        notes: row.notes,
        prescriptions: prescriptions
          .filter((p) => p.encounter_id === row.id)
          .sort((a, b) => compareAscii(a.id, b.id))
          .map((p) => ({
            id: p.id,
            medicine: p.medicine,
            dose: p.dose,
            frequency: p.frequency,
            durationDays: p.duration_days,
            quantity: p.quantity,
          })),
        outcome: row.outcome as Outcome,
        followUpOn: row.follow_up_on,
        recordedBy: recordedBy(row.recorded_by, names),
        recordedAt: isoTime(row.recorded_at),
        status: !superseding ? 'current' : superseding.amendment === 'correction' ? 'amended' : 'entered_in_error',
        amends:
          row.amends_id && row.amendment
            ? { id: row.amends_id, kind: row.amendment, reason: row.amendment_reason }
            : null,
        supersededBy: superseding
          ? {
              id: superseding.id,
              kind: superseding.amendment as AmendmentKind,
              reason: superseding.amendment_reason,
              recordedBy: recordedBy(superseding.recorded_by, names),
              recordedAt: isoTime(superseding.recorded_at),
            }
          : null,
      };
    });
}
