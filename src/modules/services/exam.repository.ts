import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { ExamOrderTable, ExamResultTable } from '../../db/schema.referrals';
import { writeLedgered } from '../integrity/ledger.repository';

export async function insertExamOrder(tx: Db, actor: string, row: Insertable<ExamOrderTable>) {
  await writeLedgered(tx, actor, 'create', 'exam_orders', tx.insertInto('exam_orders').values(row).returningAll());
}

export async function insertExamResult(tx: Db, actor: string, row: Insertable<ExamResultTable>) {
  await writeLedgered(tx, actor, 'create', 'exam_results', tx.insertInto('exam_results').values(row).returningAll());
}

/** Exam orders with their result, if any, and the names they are shown with. */
export function examsWithResults(db: Db) {
  return db
    .selectFrom('exam_orders as o')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .innerJoin('facilities as f', 'f.id', 'o.facility_id')
    .innerJoin('facilities as of', 'of.id', 'o.ordering_facility_id')
    .innerJoin('service_catalog as s', 's.code', 'o.exam_code')
    .leftJoin('exam_results as r', 'r.order_id', 'o.id')
    .leftJoin('users as ou', (join) => join.on(sql`ou.id::text`, '=', sql.ref('o.ordered_by')))
    .leftJoin('users as ru', (join) => join.on(sql`ru.id::text`, '=', sql.ref('r.reported_by')))
    .selectAll('o')
    .select([
      'p.first_names',
      'p.last_names',
      'f.name as facility_name',
      'of.name as ordering_facility_name',
      's.name_es as exam_name',
      'r.result',
      'r.abnormal',
      'r.reported_at',
      'ou.display_name as ordered_by_name',
      'ru.display_name as reported_by_name',
    ]);
}
export type ExamRow = Awaited<ReturnType<ReturnType<typeof examsWithResults>['execute']>>[number];

export async function lockExamOrder(tx: Db, id: string) {
  return tx.selectFrom('exam_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function hasResult(tx: Db, orderId: string): Promise<boolean> {
  return (
    (await tx.selectFrom('exam_results').select('id').where('order_id', '=', orderId).executeTakeFirst()) !== undefined
  );
}
