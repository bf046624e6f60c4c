import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import {
  findKnownDiagnoses,
  insertClassification,
  listClassifications,
  type ClassificationListRow,
} from './classification.repository';
import {
  classificationProblem,
  GROUP_LABELS,
  isClassificationOverdue,
  nextClassificationDue,
  type DispensaryGroup,
} from './classification.rules';
import type { Classification, ClassifyInput, Dispensarization } from './classification.schema';
import { findPersonForCareTeam } from './person.access';
import { requireLivingRecord } from './person.service';

function toClassification(row: ClassificationListRow, titles: Map<string, string>): Classification {
  const group = row.dispensary_group as DispensaryGroup;
  return {
    id: row.id,
    personId: row.person_id,
    facilityId: row.facility_id,
    group,
    groupLabel: GROUP_LABELS[group],
    classifiedOn: row.classified_on,
    classifiedBy: row.display_name ?? row.classified_by,
    riskFactors: row.risk_factors as Classification['riskFactors'],
    chronicConditions: row.chronic_conditions.map((code) => ({ code, title: titles.get(code) ?? code })),
    disabilities: row.disabilities as Classification['disabilities'],
    notes: row.notes,
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

/** A person's current group, history and when the next review is due. */
export async function dispensarizationOf(db: Db, personIds: string[], today = todayLocal()): Promise<Dispensarization> {
  const rows = await listClassifications(db, personIds);
  const titles = await findKnownDiagnoses(db, [...new Set(rows.flatMap((r) => r.chronic_conditions))]);
  const history = rows.map((row) => toClassification(row, titles));
  const due = nextClassificationDue(history[0]?.classifiedOn ?? null, today);
  return {
    current: history[0] ?? null,
    history,
    nextClassificationDue: due,
    overdue: isClassificationOverdue(due, today),
  };
}

/**
 * Classifies a person in a dispensary group: a new, append-only fact on the ledger. The chronic
 * conditions must be CIE-10 codes of the reference table, and the group must fit what is listed.
 */
export async function classifyPerson(
  db: Db,
  access: Access,
  personId: string,
  input: ClassifyInput,
): Promise<Dispensarization> {
  const person = await findPersonForCareTeam(db, access, personId, 'census.write');
  requireLivingRecord(person);
  const today = todayLocal();
  const classifiedOn = input.classifiedOn ?? today;
  if (classifiedOn > today) throw fieldError('VALIDATION_FAILED', 'classifiedOn', 'The date cannot be in the future');
  if (classifiedOn < person.birth_date) {
    throw fieldError('VALIDATION_FAILED', 'classifiedOn', 'The date cannot be before the person was born');
  }
  const known = await findKnownDiagnoses(db, input.chronicConditions);
  const unknown = input.chronicConditions.findIndex((code) => !known.has(code));
  if (unknown >= 0) {
    const code = input.chronicConditions[unknown];
    throw fieldError('UNKNOWN_DIAGNOSIS', `chronicConditions.${unknown}`, `There is no CIE-10 code ${code}`);
  }
  const problem = classificationProblem(input.group, input);
  if (problem) throw fieldError('CLASSIFICATION_INCONSISTENT', problem.field, problem.message);
  await db.transaction().execute((tx) =>
    insertClassification(tx, access.userId, {
      id: newId(),
      person_id: person.id,
      facility_id: person.facility_id,
      state_code: person.state_code,
      dispensary_group: input.group,
      classified_on: classifiedOn,
      classified_by: access.userId,
      risk_factors: input.riskFactors,
      chronic_conditions: input.chronicConditions,
      disabilities: input.disabilities,
      notes: input.notes,
      recorded_at: new Date(),
    }),
  );
  return dispensarizationOf(db, [person.id], today);
}
