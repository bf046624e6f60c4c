import type { Db } from '../../db/database';
import type { Access } from '../../server/access';
import { AppError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { addDays, addYears } from '../care/calendar';
import { occupancy } from '../services/services.rules';
import { territoryNames } from '../territory/territory.repository';
import {
  countBeds,
  countEmergencies,
  countExamsAndSessions,
  countReferrals,
  countRefusalReasons,
  countSurgeriesAndDeliveries,
  type ReferralCountRow,
} from './figures.repository';
import type { Figures } from './figures.schema';

function counts(row: ReferralCountRow | undefined) {
  const r = row ?? { sent: 0, received: 0, refused: 0, expired: 0, completed: 0, median_days: null };
  return {
    sent: r.sent,
    received: r.received,
    refused: r.refused,
    expired: r.expired,
    refusalsOfCare: r.refused + r.expired,
    completed: r.completed,
    medianDaysToAttention: r.median_days === null ? null : Math.round(r.median_days * 10) / 10,
  };
}

/** Local midnight in Caracas (UTC−4, no daylight saving) of a day, as an instant. */
function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00-04:00`);
}

/**
 * The referral loop and tier II–IV figures of a territory for a period, for those who hold
 * `referrals.figures` over it: aggregates only, no personal data.
 */
export async function referralFigures(
  db: Db,
  access: Access,
  query: { territory: string; from?: string | undefined; to?: string | undefined },
): Promise<Figures> {
  const territory = query.territory;
  access.requireAt('referrals.figures', territory);
  const names = await territoryNames(db, [territory]);
  if (!names.has(territory)) throw new AppError('TERRITORY_NOT_FOUND');
  const toDay = query.to ?? todayLocal();
  const fromDay = query.from ?? addDays(addYears(toDay, -1), 1);
  const from = startOfDay(fromDay);
  const to = startOfDay(addDays(toDay, 1));
  const [rows, reasons, beds, emergencies, operations, examsAndSessions] = await Promise.all([
    countReferrals(db, territory, from, to),
    countRefusalReasons(db, territory, from, to),
    countBeds(db, territory),
    countEmergencies(db, territory, from, to),
    countSurgeriesAndDeliveries(db, territory, from, to),
    countExamsAndSessions(db, territory, from, to, fromDay, toDay),
  ]);
  const byCode = rows.filter((r) => r.grouping === 1 && r.tier !== null);
  const byTerritory = rows.filter((r) => r.grouping === 2 && r.code !== null);
  const childNames = await territoryNames(
    db,
    byTerritory.map((r) => r.code!),
  );
  return {
    territory: { code: territory, name: names.get(territory)! },
    from: fromDay,
    to: toDay,
    referrals: {
      ...counts(rows.find((r) => r.grouping === 3)),
      byTier: byCode.map((r) => ({ tier: r.tier!, ...counts(r) })),
      byTerritory: byTerritory.map((r) => ({ code: r.code!, name: childNames.get(r.code!) ?? r.code!, ...counts(r) })),
      refusedByReason: reasons,
    },
    beds: beds.map((b) => ({ ...b, occupancy: occupancy(b.beds, b.occupied) })),
    emergencies: {
      attentions: emergencies.attentions,
      lifeSupport: emergencies.life_support,
      livesSaved: emergencies.lives_saved,
      died: emergencies.died,
    },
    surgeries: operations.surgeries,
    deliveries: operations.deliveries,
    exams: examsAndSessions.exams,
    rehabSessions: examsAndSessions.sessions,
  };
}
