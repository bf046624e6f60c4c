import type { Db } from '../../db/database';
import type { Access } from '../../server/access';
import { todayLocal } from '../../shared/time';
import { findPersonForCareTeam } from '../census/person.access';
import { logRecordRead } from '../census/person-record.repository';
import { compareAscii } from './calendar';
import { toDeathView } from './death.service';
import { findUserNames, listEncounterRows } from './encounter.repository';
import { viewEncounters } from './encounter.service';
import { findIcd10Codes } from './icd10.repository';
import { listDoseViews } from './immunization.service';
import { findBirthOfChild, findDeath, listPregnancies } from './maternal.repository';
import { viewPregnancies } from './maternal.service';
import { toBirthView } from './maternal.view';
import { listReferralsOfPerson } from '../referrals/referral.repository';
import { toReferralSummary } from '../referrals/referral.view';
import { listPersonExams } from '../services/exam.service';
import type { TimelineEvent } from './timeline.schema';

/** Within a day, events read in the order a life does. */
const KIND_ORDER: Record<TimelineEvent['kind'], number> = {
  born: 0,
  pregnancy: 1,
  birth: 2,
  immunization: 3,
  encounter: 4,
  referral: 5,
  exam: 6,
  death: 7,
};

/** Everything recorded about a person's care (referrals and exams up the tiers included), oldest first, for the person's care team; the read is logged. */
export async function personTimeline(
  db: Db,
  access: Access,
  personId: string,
): Promise<{ personId: string; events: TimelineEvent[] }> {
  const person = await findPersonForCareTeam(db, access, personId, 'care.read');
  // The timeline is the clinical record itself: reading it is logged like opening the person (DESIGN §3.5).
  await logRecordRead(db, personId, access.userId);
  const [encounterRows, doses, pregnancyRows, ownBirth, death, referralRows, exams] = await Promise.all([
    listEncounterRows(db, personId),
    listDoseViews(db, personId),
    listPregnancies(db, personId),
    findBirthOfChild(db, personId),
    findDeath(db, personId),
    listReferralsOfPerson(db, personId),
    listPersonExams(db, personId),
  ]);
  const [encounters, pregnancies, names, causes] = await Promise.all([
    viewEncounters(db, encounterRows),
    viewPregnancies(db, pregnancyRows),
    findUserNames(
      db,
      [ownBirth?.recorded_by, death?.recorded_by].filter((id): id is string => !!id),
    ),
    findIcd10Codes(db, death ? [death.cause_icd10] : []),
  ]);
  const now = new Date();
  const events: TimelineEvent[] = [
    {
      kind: 'born',
      date: person.birth_date,
      estimated: person.birth_date_estimated === true,
      birth: ownBirth ? toBirthView(ownBirth, names) : null,
    },
    ...encounters.map((e) => ({ kind: 'encounter' as const, date: todayLocal(new Date(e.occurredAt)), encounter: e })),
    ...doses.map((d) => ({ kind: 'immunization' as const, date: d.givenOn, dose: d })),
    ...pregnancies.map((p) => ({ kind: 'pregnancy' as const, date: p.lastMenstrualPeriod, pregnancy: p })),
    ...pregnancies.flatMap((p) => p.births.map((b) => ({ kind: 'birth' as const, date: b.bornOn, birth: b }))),
    ...referralRows.map((row) => ({
      kind: 'referral' as const,
      date: todayLocal(row.sent_at),
      referral: toReferralSummary(row, now),
    })),
    ...exams.map((exam) => ({ kind: 'exam' as const, date: todayLocal(new Date(exam.orderedAt)), exam })),
  ];
  if (death) {
    events.push({ kind: 'death', date: death.died_on, death: toDeathView(death, causes[0]?.title_es ?? '', names) });
  }
  events.sort((a, b) => compareAscii(a.date, b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return { personId, events };
}
