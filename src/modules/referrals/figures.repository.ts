import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { NATION } from '../../server/access';

/** Facilities (alias `f`) inside the territory: parish codes nest under their municipality and state. */
function inTerritory(alias: string, territory: string): RawBuilder<boolean> {
  if (territory === NATION) return sql<boolean>`true`;
  return sql<boolean>`(${sql.ref(`${alias}.parish_code`)} = ${territory} OR ${sql.ref(`${alias}.parish_code`)} LIKE ${`${territory}-%`})`;
}

/** The column naming the next level down of the territory, for a facility alias. */
function childColumn(alias: string, territory: string) {
  const depth = territory.split('-').length;
  const column = depth === 1 ? 'state_code' : depth === 2 ? 'municipality_code' : 'parish_code';
  return sql.ref(`${alias}.${column}`);
}

export interface ReferralCountRow {
  tier: number | null;
  code: string | null;
  grouping: number;
  sent: number;
  received: number;
  refused: number;
  expired: number;
  completed: number;
  median_days: number | null;
}

/**
 * Referrals sent in the period from or to facilities of the territory, counted as a whole, by the
 * tier they went to and by the part of the territory they came from. Expired: no answer (accepted
 * or refused) by the deadline, whether or not one came later.
 */
export async function countReferrals(db: Db, territory: string, from: Date, to: Date): Promise<ReferralCountRow[]> {
  const { rows } = await sql<ReferralCountRow>`
    WITH r AS (
      SELECT r.status, r.sent_at, r.answer_due_at, tf.tier, ${childColumn('ff', territory)} AS code,
        (SELECT min(e.at) FROM referral_events e WHERE e.referral_id = r.id AND e.step IN ('accepted', 'refused')) AS answered_at,
        (SELECT e.at FROM referral_events e WHERE e.referral_id = r.id AND e.step = 'attended') AS attended_at
      FROM referrals r
      JOIN facilities ff ON ff.id = r.from_facility_id
      JOIN facilities tf ON tf.id = r.to_facility_id
      WHERE (${inTerritory('ff', territory)} OR ${inTerritory('tf', territory)})
        AND r.sent_at >= ${from} AND r.sent_at < ${to})
    SELECT tier, code, GROUPING(tier, code)::int AS grouping,
      count(*)::int AS sent,
      count(*) FILTER (WHERE status <> 'sent')::int AS received,
      count(*) FILTER (WHERE status = 'refused')::int AS refused,
      count(*) FILTER (WHERE (answered_at IS NULL AND now() > answer_due_at) OR answered_at > answer_due_at)::int AS expired,
      count(*) FILTER (WHERE status IN ('counter_referred', 'closed'))::int AS completed,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM attended_at - sent_at) / 86400)
        FILTER (WHERE attended_at IS NOT NULL))::float8 AS median_days
    FROM r GROUP BY GROUPING SETS ((tier), (code), ()) ORDER BY 3, 1, 2`.execute(db);
  return rows;
}

export async function countRefusalReasons(db: Db, territory: string, from: Date, to: Date) {
  const { rows } = await sql<{ reason: string; count: number }>`
    SELECT e.refusal_reason AS reason, count(*)::int AS count
    FROM referral_events e
    JOIN referrals r ON r.id = e.referral_id
    JOIN facilities ff ON ff.id = r.from_facility_id
    JOIN facilities tf ON tf.id = r.to_facility_id
    WHERE e.step = 'refused' AND (${inTerritory('ff', territory)} OR ${inTerritory('tf', territory)})
      AND r.sent_at >= ${from} AND r.sent_at < ${to}
    GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
  return rows;
}

/** Beds of the operating facilities of the territory and how many are occupied now. */
export async function countBeds(db: Db, territory: string) {
  const { rows } = await sql<{ unit: 'ward' | 'icu'; beds: number; occupied: number }>`
    SELECT u.unit, sum(CASE u.unit WHEN 'ward' THEN f.beds_ward ELSE f.beds_icu END)::int AS beds,
      coalesce(sum((SELECT count(*) FROM admissions a WHERE a.facility_id = f.id AND a.unit = u.unit AND a.discharged_at IS NULL)), 0)::int AS occupied
    FROM facilities f CROSS JOIN (VALUES ('ward'), ('icu')) AS u(unit)
    WHERE f.status = 'operating' AND (f.beds_ward > 0 OR f.beds_icu > 0) AND ${inTerritory('f', territory)}
    GROUP BY u.unit ORDER BY u.unit DESC`.execute(db);
  return rows;
}

/** Emergencies of the period and lives saved, by the definition in services.rules (isLifeSaved). */
export async function countEmergencies(db: Db, territory: string, from: Date, to: Date) {
  const { rows } = await sql<{ attentions: number; life_support: number; lives_saved: number; died: number }>`
    SELECT
      (SELECT count(*) FROM emergency_attentions e JOIN facilities f ON f.id = e.facility_id
        WHERE ${inTerritory('f', territory)} AND e.arrived_at >= ${from} AND e.arrived_at < ${to})::int AS attentions,
      (SELECT count(*) FROM emergency_attentions e JOIN facilities f ON f.id = e.facility_id
        WHERE e.life_support AND ${inTerritory('f', territory)} AND e.arrived_at >= ${from} AND e.arrived_at < ${to})::int AS life_support,
      (SELECT count(*) FROM emergency_attentions e JOIN facilities f ON f.id = e.facility_id
        WHERE e.outcome = 'died' AND ${inTerritory('f', territory)} AND e.arrived_at >= ${from} AND e.arrived_at < ${to})::int AS died,
      ((SELECT count(*) FROM emergency_attentions e JOIN facilities f ON f.id = e.facility_id
          LEFT JOIN admissions a ON a.emergency_id = e.id
        WHERE e.life_support AND e.outcome <> 'died'
          AND (e.outcome <> 'admitted' OR (a.discharge_outcome IS NOT NULL AND a.discharge_outcome <> 'died'))
          AND ${inTerritory('f', territory)} AND e.arrived_at >= ${from} AND e.arrived_at < ${to})
       + (SELECT count(*) FROM admissions a JOIN facilities f ON f.id = a.facility_id
        WHERE a.life_support AND a.emergency_id IS NULL AND a.discharge_outcome IS NOT NULL AND a.discharge_outcome <> 'died'
          AND ${inTerritory('f', territory)} AND a.admitted_at >= ${from} AND a.admitted_at < ${to}))::int AS lives_saved
  `.execute(db);
  return rows[0]!;
}

export async function countSurgeriesAndDeliveries(db: Db, territory: string, from: Date, to: Date) {
  const [surgeries, deliveries] = await Promise.all([
    sql<{ kind: string; count: number }>`
      SELECT s.kind, count(*)::int AS count FROM surgeries s JOIN facilities f ON f.id = s.facility_id
      WHERE ${inTerritory('f', territory)} AND s.performed_at >= ${from} AND s.performed_at < ${to}
      GROUP BY 1 ORDER BY 1`.execute(db),
    sql<{ mode: string; count: number }>`
      SELECT d.mode, count(*)::int AS count FROM deliveries d JOIN facilities f ON f.id = d.facility_id
      WHERE ${inTerritory('f', territory)} AND d.delivered_at >= ${from} AND d.delivered_at < ${to}
      GROUP BY 1 ORDER BY 1`.execute(db),
  ]);
  return { surgeries: surgeries.rows, deliveries: deliveries.rows };
}

export async function countExamsAndSessions(
  db: Db,
  territory: string,
  from: Date,
  to: Date,
  fromDay: string,
  toDay: string,
) {
  const [exams, sessions] = await Promise.all([
    sql<{ code: string; name: string; ordered: number; reported: number }>`
      SELECT o.exam_code AS code, s.name_es AS name, count(*)::int AS ordered, count(r.id)::int AS reported
      FROM exam_orders o JOIN facilities f ON f.id = o.facility_id JOIN service_catalog s ON s.code = o.exam_code
      LEFT JOIN exam_results r ON r.order_id = o.id
      WHERE ${inTerritory('f', territory)} AND o.ordered_at >= ${from} AND o.ordered_at < ${to}
      GROUP BY 1, 2 ORDER BY 3 DESC, 1`.execute(db),
    sql<{ modality: string; name: string; attended: number; missed: number }>`
      SELECT x.modality, s.name_es AS name, count(*) FILTER (WHERE x.attended)::int AS attended,
        count(*) FILTER (WHERE NOT x.attended)::int AS missed
      FROM rehab_sessions x JOIN facilities f ON f.id = x.facility_id JOIN service_catalog s ON s.code = x.modality
      WHERE ${inTerritory('f', territory)} AND x.session_on >= ${fromDay} AND x.session_on <= ${toDay}
      GROUP BY 1, 2 ORDER BY 3 DESC, 1`.execute(db),
  ]);
  return { exams: exams.rows, sessions: sessions.rows };
}
