import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { fieldError } from '../../server/errors';
import { requireAlive } from '../care/care.access';
import { findPersonForCareTeam } from '../census/person.access';
import { insertExamOrder } from './exam.repository';
import { listPersonExams, viewExam, type ExamView } from './exam.service';
import { examDestinationProblem, EXAM_CODES } from './services.rules';
import type { PostExamOrderInput } from './services.schema';

/** Operating facilities of the post's ASIC and CATs of its state: where its exams may be done. */
function findExamPlaces(db: Db, post: { asicId: string | null; stateCode: string }) {
  return db
    .selectFrom('facilities')
    .select(['id', 'name', 'kind', 'status', 'services', 'asic_id', 'state_code'])
    .where('status', '=', 'operating')
    .where((eb) =>
      eb.or([
        ...(post.asicId ? [eb('asic_id', '=', post.asicId)] : []),
        eb.and([eb('kind', '=', 'cat'), eb('state_code', '=', post.stateCode)]),
      ]),
    )
    .orderBy('name')
    .execute();
}

async function postOf(db: Db, facilityId: string) {
  const post = await db
    .selectFrom('facilities')
    .select(['asic_id', 'state_code'])
    .where('id', '=', facilityId)
    .executeTakeFirstOrThrow();
  return { asicId: post.asic_id, stateCode: post.state_code };
}

/** Where a post may send its patient for exams — its ASIC's CDI, its state's CATs — with the exams each does. */
export async function examDestinations(db: Db, access: Access, personId: string) {
  const person = await findPersonForCareTeam(db, access, personId, 'care.write');
  const post = await postOf(db, person.facility_id);
  const places = await findExamPlaces(db, post);
  return {
    items: places
      .map((f) => ({
        id: f.id,
        name: f.name,
        kind: f.kind,
        examCodes: f.services.filter(
          (code) =>
            EXAM_CODES.has(code) &&
            !examDestinationProblem(code, post, { ...f, asicId: f.asic_id, stateCode: f.state_code }),
        ),
      }))
      .filter((f) => f.examCodes.length > 0),
  };
}

/**
 * A family doctor orders an exam for a patient of the post at the CDI or CAT that does it. From
 * then the performing facility has the person in its care; the result comes back to the post.
 */
export async function orderExamFromPost(
  db: Db,
  access: Access,
  personId: string,
  input: PostExamOrderInput,
): Promise<ExamView> {
  const person = await findPersonForCareTeam(db, access, personId, 'care.write');
  requireAlive(person);
  const facility = await db
    .selectFrom('facilities')
    .select(['id', 'kind', 'status', 'services', 'asic_id', 'state_code'])
    .where('id', '=', input.facilityId)
    .executeTakeFirst();
  if (!facility) throw fieldError('UNKNOWN_FACILITY', 'facilityId', 'No facility has this id');
  const problem = examDestinationProblem(input.examCode, await postOf(db, person.facility_id), {
    ...facility,
    asicId: facility.asic_id,
    stateCode: facility.state_code,
  });
  if (problem) throw fieldError(problem.code, problem.field, problem.message);
  const id = newId();
  await db.transaction().execute((tx) =>
    insertExamOrder(tx, access.userId, {
      id,
      person_id: person.id,
      facility_id: facility.id,
      state_code: facility.state_code,
      ordering_facility_id: person.facility_id,
      referral_id: null,
      exam_code: input.examCode,
      indication: input.indication,
      ordered_at: new Date(),
      ordered_by: access.userId,
    }),
  );
  return viewExam(db, id);
}

/** A person's exams wherever they were done, with results, for whoever may read the person's record. */
export async function personExams(db: Db, access: Access, personId: string): Promise<{ items: ExamView[] }> {
  await findPersonForCareTeam(db, access, personId, 'care.read');
  return { items: await listPersonExams(db, personId) };
}
