import type { Db } from '../../db/database';
import type { Access } from '../../server/access';
import { todayLocal } from '../../shared/time';
import { findPostForCareTeam } from '../census/person.access';
import { loadSchedule } from './immunization.repository';
import { referralWorklistItems } from '../referrals/referral.worklist';
import { examResultWorklistItems } from '../services/exam.worklist';
import { readWorklistFacts } from './worklist.repository';
import { buildWorklist, type WorklistItem, type WorklistKind } from './worklist.rules';
import { WORKLIST_KINDS } from './worklist.schema';

/** What is due at a post today, for the post's own team (404 for anyone else, logged). */
export async function postWorklist(
  db: Db,
  access: Access,
  facilityId: string,
  kind?: WorklistKind,
): Promise<{ facilityId: string; today: string; counts: Record<WorklistKind, number>; items: WorklistItem[] }> {
  await findPostForCareTeam(db, access, facilityId, 'care.read');
  const today = todayLocal();
  const [facts, schedule] = await Promise.all([readWorklistFacts(db, facilityId, today), loadSchedule(db)]);
  const [referralItems, examItems] = await Promise.all([
    referralWorklistItems(db, facilityId, today),
    examResultWorklistItems(db, facilityId, today),
  ]);
  const items = [...examItems, ...referralItems, ...buildWorklist({ ...facts, schedule })];
  const counts = Object.fromEntries(WORKLIST_KINDS.map((k) => [k, 0])) as Record<WorklistKind, number>;
  for (const item of items) counts[item.kind] += 1;
  return { facilityId, today, counts, items: kind ? items.filter((item) => item.kind === kind) : items };
}
