import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { findPersonToWrite, type PersonRow } from '../census/person.access';
import { isStaleRead } from '../integrity/ledger.repository';
import { findPersonOfRecord, requireAlive } from './care.access';
import { findIcd10Codes } from './icd10.repository';
import {
  findAmendmentOf,
  findEncounter,
  findEncounterDetails,
  findUserNames,
  insertEncounter,
  type DiagnosisRow,
  type EncounterRow,
  type WrittenEncounter,
} from './encounter.repository';
import {
  bodyMassIndex,
  diagnosisCodeProblem,
  occurredAtProblem,
  primaryDiagnosis,
  vitalSignProblem,
  type AmendmentKind,
} from './encounter.rules';
import type { AmendEncounterInput, EncounterContent, EncounterView, RecordEncounterInput } from './encounter.schema';
import { toEncounterViews } from './encounter.view';

interface CheckedContent {
  bmi: number | null;
  primaryIndex: number;
  titles: Map<string, string>;
}

/**
 * Checks an encounter against the person and the CIE-10 list (one query), naming the field of the
 * first problem under `prefix`: the moment, the vital signs, the diagnoses, the follow-up date.
 */
async function checkContent(
  person: PersonRow,
  input: EncounterContent,
  knownCodes: Promise<{ code: string; title_es: string; sex: 'F' | 'M' | null }[]>,
  prefix = '',
): Promise<CheckedContent> {
  const occurredAt = new Date(input.occurredAt);
  const whenProblem = occurredAtProblem(occurredAt, person.birth_date, new Date());
  if (whenProblem) throw fieldError('VALIDATION_FAILED', `${prefix}occurredAt`, whenProblem);
  const vital = vitalSignProblem(input.vitals, `${prefix}vitals.`);
  if (vital) throw fieldError('IMPLAUSIBLE_VITAL_SIGN', vital.field, vital.message);
  const primary = primaryDiagnosis(input.diagnoses);
  if (primary && 'problem' in primary) {
    throw fieldError('VALIDATION_FAILED', `${prefix}${primary.problem.field}`, primary.problem.message);
  }
  const codes = input.diagnoses.map((d) => d.code);
  const known = await knownCodes;
  const problem = diagnosisCodeProblem(codes, known, person.sex);
  if (problem) {
    const field = `${prefix}diagnoses.${problem.index}.code`;
    if (problem.kind === 'unknown') {
      throw fieldError('UNKNOWN_DIAGNOSIS', field, `There is no CIE-10 code ${problem.code} in the list`);
    }
    throw fieldError('DIAGNOSIS_NOT_FOR_SEX', field, `${problem.code} does not apply to a person of sex ${person.sex}`);
  }
  if (input.followUpOn && input.followUpOn < todayLocal(occurredAt)) {
    throw fieldError('VALIDATION_FAILED', `${prefix}followUpOn`, 'The follow-up cannot be before the encounter');
  }
  return {
    bmi: bodyMassIndex(input.vitals.weightKg, input.vitals.heightCm),
    primaryIndex: primary?.index ?? 0,
    titles: new Map(known.map((k) => [k.code, k.title_es])),
  };
}

/** Writes an encounter with its diagnoses and prescriptions: one statement, ledger included. */
async function writeEncounter(
  db: Db,
  access: Access,
  person: PersonRow,
  id: string,
  input: EncounterContent,
  checked: CheckedContent,
  amendment: { amendsId: string; kind: AmendmentKind; reason: string | null } | null,
  personVersion?: string,
): Promise<(WrittenEncounter & { diagnoses: DiagnosisRow[] }) | undefined> {
  const actor = access.userId;
  const now = new Date();
  const place = { person_id: person.id, facility_id: person.facility_id, state_code: person.state_code };
  const { vitals } = input;
  const written = await insertEncounter(
    db,
    actor,
    {
      id,
      ...place,
      setting: input.setting,
      occurred_at: new Date(input.occurredAt),
      reason: input.reason,
      systolic: vitals.systolic ?? null,
      diastolic: vitals.diastolic ?? null,
      heart_rate: vitals.heartRate ?? null,
      temperature_c: vitals.temperatureC ?? null,
      weight_kg: vitals.weightKg ?? null,
      height_cm: vitals.heightCm ?? null,
      bmi: checked.bmi,
      glucose_mg_dl: vitals.glucoseMgDl ?? null,
      notes: input.notes || null,
      procedures: input.procedures,
      outcome: input.outcome,
      follow_up_on: input.outcome === 'follow_up' ? (input.followUpOn ?? null) : null,
      recorded_by: actor,
      recorded_at: now,
      amends_id: amendment?.amendsId ?? null,
      amendment: amendment?.kind ?? null,
      amendment_reason: amendment?.reason ?? null,
    },
    input.diagnoses.map((d, i) => ({
      id: newId(),
      encounter_id: id,
      ...place,
      icd10_code: d.code,
      is_primary: i === checked.primaryIndex,
    })),
    input.prescriptions.map((p) => ({
      id: newId(),
      encounter_id: id,
      ...place,
      medicine: p.medicine,
      dose: p.dose,
      frequency: p.frequency,
      duration_days: p.durationDays ?? null,
      quantity: p.quantity,
      prescribed_by: actor,
      prescribed_at: now,
    })),
    personVersion === undefined ? undefined : [{ entity: 'persons', id: person.id, version: personVersion }],
  );
  if (!written) return undefined;
  return {
    ...written,
    diagnoses: written.diagnoses.map((d) => ({ ...d, title: checked.titles.get(d.icd10_code) ?? d.icd10_code })),
  };
}

/** Encounters (with details, amendments and who recorded them) built from their rows. */
export async function viewEncounters(db: Db, rows: EncounterRow[]): Promise<EncounterView[]> {
  const ids = rows.filter((r) => r.amendment !== 'entered_in_error').map((r) => r.id);
  const [details, names] = await Promise.all([
    findEncounterDetails(db, ids),
    findUserNames(
      db,
      rows.map((r) => r.recorded_by),
    ),
  ]);
  return toEncounterViews(rows, details.diagnoses, details.prescriptions, names);
}

async function viewEncounter(db: Db, row: EncounterRow): Promise<EncounterView> {
  const amendment = await findAmendmentOf(db, row.id);
  const [view] = await viewEncounters(db, amendment ? [row, amendment] : [row]);
  return view!;
}

/**
 * Records a consultation, home visit or community activity for a living person of the caller's
 * post. Sending the same id again returns the encounter already recorded.
 */
export async function recordEncounter(
  db: Db,
  access: Access,
  personId: string,
  input: RecordEncounterInput,
): Promise<{ encounter: EncounterView; created: boolean }> {
  // The CIE-10 lookup runs while the person is found; its answer is used only once access is settled.
  const knownCodes = findIcd10Codes(
    db,
    input.diagnoses.map((d) => d.code),
  );
  knownCodes.catch(() => undefined);
  const id = input.id ?? newId();
  // Checked against the person as last read, which the write requires to be unchanged; if the
  // person changed since (moved, died, corrected), read again and check again.
  const checkAndWrite = async (fresh: boolean) => {
    const { person, version } = await findPersonToWrite(db, access, personId, 'care.write', fresh);
    requireAlive(person);
    const checked = await checkContent(person, input, knownCodes);
    return { person, written: await writeEncounter(db, access, person, id, input, checked, null, version) };
  };
  const { person, written } = await checkAndWrite(false).catch((error: unknown) => {
    if (!isStaleRead(error)) throw error;
    return checkAndWrite(true).catch((again: unknown) => {
      if (isStaleRead(again))
        throw new AppError('CONFLICT', 'The person changed while the encounter was written; send it again');
      throw again;
    });
  });
  if (written) {
    const names = new Map([[access.userId, access.actor.displayName]]);
    const [view] = toEncounterViews([written.encounter], written.diagnoses, written.prescriptions, names);
    return { encounter: view!, created: true };
  }
  const existing = await findEncounter(db, id);
  if (!existing || existing.person_id !== person.id)
    throw new AppError('CONFLICT', 'This id belongs to another record');
  return { encounter: await viewEncounter(db, existing), created: false };
}

/** One encounter, for the person's care team. */
export async function getEncounter(db: Db, access: Access, id: string): Promise<EncounterView> {
  const row = await findEncounter(db, id);
  if (!row || row.amendment === 'entered_in_error') throw new AppError('ENCOUNTER_NOT_FOUND');
  await findPersonOfRecord(db, access, row.person_id, 'care.read', 'ENCOUNTER_NOT_FOUND');
  return viewEncounter(db, row);
}

/**
 * Amends an encounter without touching it (DESIGN §3.2): a correction is a new encounter that
 * replaces it; "entered in error" is a row that voids it, with the reason. Only the latest version
 * of an encounter can be amended.
 */
export async function amendEncounter(
  db: Db,
  access: Access,
  id: string,
  input: AmendEncounterInput,
): Promise<{ original: EncounterView; correction: EncounterView | null }> {
  const original = await findEncounter(db, id);
  if (!original || original.amendment === 'entered_in_error') throw new AppError('ENCOUNTER_NOT_FOUND');
  const person = await findPersonOfRecord(db, access, original.person_id, 'care.write', 'ENCOUNTER_NOT_FOUND');
  const earlier = await findAmendmentOf(db, id);
  if (earlier) {
    throw new AppError('ALREADY_AMENDED', `This encounter was already amended by ${earlier.id}`, [
      { field: 'id', message: `Amend ${earlier.id} instead`, code: 'ALREADY_AMENDED' },
    ]);
  }
  const amendment = { amendsId: id, kind: input.kind, reason: input.reason || null };
  const content: EncounterContent =
    input.kind === 'correction'
      ? input.encounter
      : {
          setting: original.setting as EncounterContent['setting'],
          occurredAt: new Date(original.occurred_at).toISOString(),
          reason: original.reason,
          vitals: {},
          diagnoses: [],
          procedures: [],
          notes: null,
          prescriptions: [],
          outcome: original.outcome as EncounterContent['outcome'],
          followUpOn: null,
        };
  const checked =
    input.kind === 'correction'
      ? await checkContent(
          person,
          content,
          findIcd10Codes(
            db,
            content.diagnoses.map((d) => d.code),
          ),
          'encounter.',
        )
      : { bmi: null, primaryIndex: 0, titles: new Map<string, string>() };
  const newIdentity = newId();
  await writeEncounter(db, access, person, newIdentity, content, checked, amendment);
  const correction = input.kind === 'correction' ? await getEncounter(db, access, newIdentity) : null;
  return { original: await viewEncounter(db, original), correction };
}
