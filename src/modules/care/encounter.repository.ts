import type { Insertable, Selectable } from 'kysely';
import { isViolationOf } from '../../db/constraint';
import type { Db } from '../../db/database';
import { isUuid } from '../../db/ids';
import type { EncounterDiagnosisTable, EncounterTable, PrescriptionTable } from '../../db/schema';
import { writeLedgeredTogether, type LedgeredPart, type ReadVersion } from '../integrity/ledger.repository';

export type EncounterRow = Selectable<EncounterTable>;
export type DiagnosisRow = Selectable<EncounterDiagnosisTable> & { title: string };
export type PrescriptionRow = Selectable<PrescriptionTable>;

export interface WrittenEncounter {
  encounter: EncounterRow;
  diagnoses: Omit<DiagnosisRow, 'title'>[];
  prescriptions: PrescriptionRow[];
}

/** Rows as the ledgered write returns them (JSON): timestamps come back as ISO text. */
type Written<Row> = { [K in keyof Row]: Row[K] extends Date ? string : Row[K] };

/**
 * Writes an encounter with its diagnoses and prescriptions, and their ledger entries, in one
 * statement. An id already present (a device sending the same record twice) writes nothing and
 * returns undefined. `unchanged` names the records the encounter was checked against as read
 * (its person), which must not have changed since (else the write fails: `isStaleRead`).
 */
export async function insertEncounter(
  db: Db,
  actor: string,
  encounter: Insertable<EncounterTable>,
  diagnoses: Insertable<EncounterDiagnosisTable>[],
  prescriptions: Insertable<PrescriptionTable>[],
  unchanged?: readonly ReadVersion[],
): Promise<WrittenEncounter | undefined> {
  const parts: LedgeredPart[] = [{ entity: 'encounters', action: 'create', rows: [encounter] }];
  if (diagnoses.length > 0) parts.push({ entity: 'encounter_diagnoses', action: 'create', rows: diagnoses });
  if (prescriptions.length > 0) parts.push({ entity: 'prescriptions', action: 'create', rows: prescriptions });
  try {
    const [[stored] = [], written = [], more = []] = await writeLedgeredTogether(db, actor, parts, { unchanged });
    const row = stored as Written<EncounterRow>;
    return {
      encounter: { ...row, occurred_at: new Date(row.occurred_at), recorded_at: new Date(row.recorded_at) },
      diagnoses: (diagnoses.length > 0 ? written : []) as Omit<DiagnosisRow, 'title'>[],
      prescriptions: ((diagnoses.length > 0 ? more : written) as Written<PrescriptionRow>[]).map((p) => ({
        ...p,
        prescribed_at: new Date(p.prescribed_at),
      })),
    };
  } catch (error) {
    if (isViolationOf(error, 'unique', 'encounters_pkey')) return undefined;
    throw error;
  }
}

export async function findEncounter(db: Db, id: string): Promise<EncounterRow | undefined> {
  return db.selectFrom('encounters').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The amendment that points at an encounter, if any (there is at most one). */
export async function findAmendmentOf(db: Db, id: string): Promise<EncounterRow | undefined> {
  return db.selectFrom('encounters').selectAll().where('amends_id', '=', id).executeTakeFirst();
}

/** Every encounter row of a person, amendments included, oldest first. */
export async function listEncounterRows(db: Db, personId: string): Promise<EncounterRow[]> {
  return db
    .selectFrom('encounters')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** The diagnoses (with their CIE-10 titles) and prescriptions of these encounters. */
export async function findEncounterDetails(
  db: Db,
  encounterIds: string[],
): Promise<{ diagnoses: DiagnosisRow[]; prescriptions: PrescriptionRow[] }> {
  if (encounterIds.length === 0) return { diagnoses: [], prescriptions: [] };
  const [diagnoses, prescriptions] = await Promise.all([
    db
      .selectFrom('encounter_diagnoses as d')
      .innerJoin('icd10 as c', 'c.code', 'd.icd10_code')
      .selectAll('d')
      .select('c.title_es as title')
      .where('d.encounter_id', 'in', encounterIds)
      .orderBy('d.is_primary', 'desc')
      .orderBy('d.id')
      .execute(),
    db.selectFrom('prescriptions').selectAll().where('encounter_id', 'in', encounterIds).orderBy('id').execute(),
  ]);
  return { diagnoses, prescriptions };
}

/** Display names of the users who recorded something, by user id. */
export async function findUserNames(db: Db, userIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
