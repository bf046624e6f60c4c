import type { z } from 'zod';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { AccessDenied, type Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { requireAlive } from '../care/care.access';
import type { PersonRow } from '../census/person.access';
import {
  examsWithResults,
  hasResult,
  insertExamOrder,
  insertExamResult,
  lockExamOrder,
  type ExamRow,
} from './exam.repository';
import { findFacilityForTeam, findPersonAtFacility, requireReferralTo } from './services.access';
import { EXAM_CODES } from './services.rules';
import type { examSchema, ExamResultInput, OrderExamInput } from './services.schema';

export type ExamView = z.infer<typeof examSchema>;

function toExamView(row: ExamRow): ExamView {
  return {
    id: row.id,
    person: { id: row.person_id, name: `${row.first_names} ${row.last_names}` },
    facility: { id: row.facility_id, name: row.facility_name },
    orderingFacility: { id: row.ordering_facility_id, name: row.ordering_facility_name },
    referralId: row.referral_id,
    examCode: row.exam_code,
    examName: row.exam_name,
    indication: row.indication,
    orderedAt: row.ordered_at.toISOString(),
    orderedBy: row.ordered_by_name ?? row.ordered_by,
    result:
      row.result !== null && row.reported_at !== null
        ? {
            text: row.result,
            abnormal: row.abnormal ?? false,
            reportedAt: new Date(row.reported_at).toISOString(),
            reportedBy: row.reported_by_name ?? '',
          }
        : null,
  };
}

export async function viewExam(db: Db, id: string): Promise<ExamView> {
  return toExamView((await examsWithResults(db).where('o.id', '=', id).executeTakeFirst())!);
}

/**
 * Orders an exam at a facility that performs it. The facility's own team orders for its patients
 * (the ones referred to it); the exam's result goes back to the ordering team.
 */
export async function orderExam(db: Db, access: Access, facilityId: string, input: OrderExamInput): Promise<ExamView> {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.write');
  if (!EXAM_CODES.has(input.examCode)) {
    throw fieldError('NOT_AN_EXAM', 'examCode', `${input.examCode} is not an exam of the catalog`);
  }
  if (!facility.services.includes(input.examCode)) {
    throw fieldError('SERVICE_NOT_OFFERED', 'examCode', `${facility.name} does not perform ${input.examCode}`);
  }
  const person = await findPersonAtFacility(db, input.personId, facility.id);
  requireAlive(person as PersonRow);
  const referralId = await requireReferralTo(db, input.referralId, facility.id, person.id);
  const id = newId();
  await db.transaction().execute((tx) =>
    insertExamOrder(tx, access.userId, {
      id,
      person_id: person.id,
      facility_id: facility.id,
      state_code: facility.state_code,
      ordering_facility_id: facility.id,
      referral_id: referralId,
      exam_code: input.examCode,
      indication: input.indication,
      ordered_at: new Date(),
      ordered_by: access.userId,
    }),
  );
  return viewExam(db, id);
}

/** Reports the result of an exam that was ordered at the caller's facility; once. */
export async function reportExamResult(
  db: Db,
  access: Access,
  orderId: string,
  input: ExamResultInput,
): Promise<ExamView> {
  await db.transaction().execute(async (tx) => {
    const order = await lockExamOrder(tx, orderId);
    if (!order) throw new AppError('EXAM_ORDER_NOT_FOUND', 'No exam was ordered with this id');
    if (!access.canAtFacility('care.write', order.facility_id)) {
      throw new AccessDenied('EXAM_ORDER_NOT_FOUND', 'care.write outside the performing facility');
    }
    if (await hasResult(tx, order.id)) throw new AppError('EXAM_ALREADY_REPORTED');
    await insertExamResult(tx, access.userId, {
      id: newId(),
      order_id: order.id,
      person_id: order.person_id,
      facility_id: order.facility_id,
      state_code: order.state_code,
      result: input.result,
      abnormal: input.abnormal,
      reported_at: new Date(),
      reported_by: access.userId,
    });
  });
  return viewExam(db, orderId);
}

/** A facility's exams, newest first: optionally only those pending, of a referral or of a person. */
export async function listFacilityExams(
  db: Db,
  access: Access,
  facilityId: string,
  filter: { pending: 'true' | 'false'; referralId?: string | undefined; personId?: string | undefined },
): Promise<{ items: ExamView[] }> {
  await findFacilityForTeam(db, access, facilityId, 'care.read');
  let query = examsWithResults(db).where('o.facility_id', '=', facilityId);
  if (filter.pending === 'true') query = query.where('r.id', 'is', null);
  if (filter.referralId) query = query.where('o.referral_id', '=', filter.referralId);
  if (filter.personId) query = query.where('o.person_id', '=', filter.personId);
  const rows = await query.orderBy('o.ordered_at', 'desc').limit(200).execute();
  return { items: rows.map(toExamView) };
}

/** A person's exams wherever they were done, for whoever may read the person's record. */
export async function listPersonExams(db: Db, personId: string): Promise<ExamView[]> {
  const rows = await examsWithResults(db).where('o.person_id', '=', personId).orderBy('o.ordered_at').execute();
  return rows.map(toExamView);
}

/** The exams of a referral, for the teams at both ends (the referral's access was checked by the caller). */
export async function listReferralExams(db: Db, referralId: string): Promise<ExamView[]> {
  const rows = await examsWithResults(db).where('o.referral_id', '=', referralId).orderBy('o.ordered_at').execute();
  return rows.map(toExamView);
}
