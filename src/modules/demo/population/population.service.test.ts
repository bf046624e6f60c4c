import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Storage } from '../../../db/database';
import { openTestStorage } from '../../../test/harness';
import { addDays, addYears } from '../../care/calendar';
import { vitalSignProblem } from '../../care/encounter.rules';
import { loadSchedule } from '../../care/immunization.repository';
import { readWorklistFacts } from '../../care/worklist.repository';
import { buildWorklist } from '../../care/worklist.rules';
import { verifyLedger } from '../../integrity/verify.service';
import { readDemoInput } from '../demo.repository';
import { planDemoNetwork, type DemoPlan } from '../demo.plan';
import { planDemoPopulation, writeDemoPopulation } from './population.service';
import { writeDemoAsic } from './population.test-support';

const TODAY = '2026-11-22';
/** A tenth of the ASIC keeps the test quick; the demo post keeps its full ~1,200 people. */
const SCALE = 0.1;

async function count(db: Db, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]!.n);
}

describe('the demo population of ASIC Nueva Caracas', () => {
  let storage: Storage;
  let db: Db;
  let demoPostId: string;
  let persons: number;
  let plan: DemoPlan;

  beforeAll(async () => {
    storage = await openTestStorage();
    db = storage.db;
    plan = planDemoNetwork(await readDemoInput(db), 2003);
    await writeDemoAsic(db, plan);
    const rows = planDemoPopulation(plan, await loadSchedule(db), { seed: 2003, today: TODAY, scale: SCALE });
    await writeDemoPopulation(db, rows, () => {});
    persons = rows.persons.length;
    demoPostId = (
      await db
        .selectFrom('facilities')
        .select('id')
        .where('name', '=', 'Consultorio Popular Los Frailes')
        .where('parish_code', '=', 'VE-A-01-22')
        .executeTakeFirstOrThrow()
    ).id;
  }, 120_000);

  afterAll(async () => {
    await storage?.close();
  });

  it('registers households of about 4.5 people with the 2011 age structure, ids for most adults only', async () => {
    const { rows } = await sql<{
      households: number;
      persons: number;
      under15: number;
      over65: number;
      adults: number;
      adult_ids: number;
      young: number;
      young_ids: number;
    }>`
      SELECT (SELECT count(*) FROM households)::int AS households, count(*)::int AS persons,
             count(*) FILTER (WHERE birth_date > ${addYears(TODAY, -15)})::int AS under15,
             count(*) FILTER (WHERE birth_date <= ${addYears(TODAY, -65)})::int AS over65,
             count(*) FILTER (WHERE birth_date <= ${addYears(TODAY, -18)})::int AS adults,
             count(national_id) FILTER (WHERE birth_date <= ${addYears(TODAY, -18)})::int AS adult_ids,
             count(*) FILTER (WHERE birth_date > ${addYears(TODAY, -9)})::int AS young,
             count(national_id) FILTER (WHERE birth_date > ${addYears(TODAY, -9)})::int AS young_ids
      FROM persons`.execute(db);
    const r = rows[0]!;
    expect(r.persons).toBe(persons);
    expect(persons).toBeGreaterThan(4_000);
    expect(persons / r.households).toBeGreaterThan(4);
    expect(persons / r.households).toBeLessThan(5);
    expect(r.under15 / persons).toBeGreaterThan(0.22);
    expect(r.under15 / persons).toBeLessThan(0.33);
    expect(r.over65 / persons).toBeGreaterThan(0.03);
    expect(r.over65 / persons).toBeLessThan(0.1);
    expect(r.adult_ids / r.adults).toBeGreaterThan(0.9);
    expect(r.young_ids / r.young).toBeLessThan(0.3);
    const demoPost = await count(db, sql`SELECT count(*) AS n FROM persons WHERE facility_id = ${demoPostId}`);
    expect(demoPost).toBeGreaterThan(1_100);
    expect(demoPost).toBeLessThan(1_400);
  });

  it('has births, deaths and home visits at the planned rates, with plausible vital signs', async () => {
    const births = await count(db, sql`SELECT count(*) AS n FROM births WHERE outcome = 'live'`);
    const deaths = await count(db, sql`SELECT count(*) AS n FROM deaths`);
    expect((births * 1000) / persons).toBeGreaterThan(14);
    expect((births * 1000) / persons).toBeLessThan(20);
    expect((deaths * 1000) / persons).toBeGreaterThan(3);
    expect((deaths * 1000) / persons).toBeLessThan(8);
    const { rows } = await sql<{ n: number; home: number; dx: number }>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE setting = 'home_visit')::int AS home,
             (SELECT count(DISTINCT encounter_id) FROM encounter_diagnoses WHERE is_primary)::int AS dx
      FROM encounters WHERE occurred_at >= ${new Date(`${addDays(TODAY, -366)}T00:00:00Z`)}`.execute(db);
    const e = rows[0]!;
    expect(e.n / persons).toBeGreaterThan(1.3);
    expect(e.n / persons).toBeLessThan(1.9);
    expect(e.home / e.n).toBeGreaterThan(0.36);
    expect(e.home / e.n).toBeLessThan(0.44);
    expect(e.dx).toBe(e.n);
    const sample = await db.selectFrom('encounters').selectAll().limit(2_000).execute();
    for (const v of sample) {
      const problem = vitalSignProblem({
        systolic: v.systolic,
        diastolic: v.diastolic,
        heartRate: v.heart_rate,
        temperatureC: v.temperature_c === null ? null : Number(v.temperature_c),
        weightKg: v.weight_kg === null ? null : Number(v.weight_kg),
        heightCm: v.height_cm === null ? null : Number(v.height_cm),
        glucoseMgDl: v.glucose_mg_dl,
      });
      expect(problem, v.id).toBeNull();
    }
    const lateEncounters = await count(
      db,
      sql`SELECT count(*) AS n FROM encounters e JOIN persons p ON p.id = e.person_id WHERE p.died_on < (e.occurred_at AT TIME ZONE 'America/Caracas')::date`,
    );
    expect(lateEncounters).toBe(0);
  });

  it('links each live birth to its mother and a newborn person, and flags infant deaths by the rules', async () => {
    const unlinked = await count(
      db,
      sql`SELECT count(*) AS n FROM births b JOIN persons c ON c.id = b.child_id
          WHERE c.birth_date <> b.born_on OR c.household_id <> (SELECT household_id FROM persons m WHERE m.id = b.mother_id)`,
    );
    expect(unlinked).toBe(0);
    const infant = await count(db, sql`SELECT count(*) AS n FROM deaths WHERE infant`);
    expect(infant).toBeGreaterThan(0);
  });

  it('gives the demo post a worklist with items of several kinds', async () => {
    const facts = await readWorklistFacts(db, demoPostId, TODAY);
    const items = buildWorklist({ ...facts, schedule: await loadSchedule(db) });
    const kinds = new Set(items.map((i) => i.kind));
    for (const kind of ['vaccine_overdue', 'group_iii_not_seen', 'classification_overdue', 'prenatal_control_due'])
      expect(kinds, kind).toContain(kind);
    expect(items.length).toBeLessThan(facts.persons.length * 3);
  });

  it('turns every consultation that ended in a referral into a referral of that person up the tiers', async () => {
    const { rows } = await sql<{ referred: number; referrals: number; matched: number }>`
      SELECT (SELECT count(*) FROM encounters WHERE outcome = 'referred')::int AS referred,
             (SELECT count(*) FROM referrals)::int AS referrals,
             (SELECT count(*) FROM referrals r JOIN encounters e ON e.id = r.encounter_id
               WHERE e.outcome = 'referred' AND e.person_id = r.person_id AND e.facility_id = r.from_facility_id)::int AS matched`.execute(
      db,
    );
    const r = rows[0]!;
    expect(r.referred).toBeGreaterThan(80);
    expect(r.referrals).toBe(r.referred);
    expect(r.matched).toBe(r.referred);
  });

  it('sends most referrals to the CDI, and ends most counter-referred, some refused with a reason, some unanswered', async () => {
    const { rows: byKind } = await sql<{ kind: string; n: number }>`
      SELECT f.kind, count(*)::int AS n FROM referrals r JOIN facilities f ON f.id = r.to_facility_id GROUP BY f.kind`.execute(
      db,
    );
    const total = byKind.reduce((sum, k) => sum + k.n, 0);
    const share = (kind: string) => (byKind.find((k) => k.kind === kind)?.n ?? 0) / total;
    expect(share('cdi')).toBeGreaterThan(0.4);
    expect(share('cdi')).toBeLessThan(0.75);
    expect(share('sri')).toBeGreaterThan(0.08);
    expect(share('cat') + share('hospital')).toBeGreaterThan(0.1);
    const { rows } = await sql<{ status: string; n: number }>`
      SELECT status, count(*)::int AS n FROM referrals GROUP BY status`.execute(db);
    const of = (...statuses: string[]) =>
      rows.filter((s) => statuses.includes(s.status)).reduce((sum, s) => sum + s.n, 0) / total;
    expect(of('counter_referred', 'closed')).toBeGreaterThan(0.6);
    expect(of('closed')).toBeGreaterThan(of('counter_referred'));
    expect(of('refused')).toBeGreaterThan(0.04);
    expect(of('refused')).toBeLessThan(0.2);
    expect(of('sent', 'received')).toBeGreaterThan(0.03);
    expect(of('sent', 'received')).toBeLessThan(0.2);
    const overdue = await count(
      db,
      sql`SELECT count(*) AS n FROM referrals WHERE status IN ('sent', 'received') AND answer_due_at < now()`,
    );
    expect(overdue).toBeGreaterThan(0);
    const uncoded = await count(
      db,
      sql`SELECT count(*) AS n FROM referral_events WHERE step = 'refused' AND refusal_reason IS NULL`,
    );
    expect(uncoded).toBe(0);
    const counterWithoutFindings = await count(
      db,
      sql`SELECT count(*) AS n FROM referral_events WHERE step = 'counter_referred' AND coalesce(findings, '') = ''`,
    );
    expect(counterWithoutFindings).toBe(0);
  });

  it('keeps each referral at its latest step, steps in order and none in the future', async () => {
    const wrongStatus = await count(
      db,
      sql`SELECT count(*) AS n FROM referrals r
          WHERE r.status <> coalesce((SELECT e.step FROM referral_events e WHERE e.referral_id = r.id ORDER BY e.at DESC LIMIT 1), 'sent')`,
    );
    expect(wrongStatus).toBe(0);
    const outOfOrder = await count(
      db,
      sql`SELECT count(*) AS n FROM referral_events e JOIN referrals r ON r.id = e.referral_id WHERE e.at < r.sent_at OR e.at > now()`,
    );
    expect(outOfOrder).toBe(0);
  });

  it('gives the referred the care their referral asked for: emergencies, admissions, surgeries, exams and rehabilitation', async () => {
    const { rows } = await sql<Record<string, number>>`
      SELECT (SELECT count(*) FROM emergency_attentions)::int AS emergencies,
             (SELECT count(*) FROM admissions)::int AS admissions,
             (SELECT count(*) FROM admissions WHERE discharged_at IS NULL)::int AS open_admissions,
             (SELECT count(*) FROM surgeries)::int AS surgeries,
             (SELECT count(*) FROM exam_orders)::int AS exams,
             (SELECT count(*) FROM exam_results)::int AS results,
             (SELECT count(*) FROM rehab_plans)::int AS plans,
             (SELECT count(*) FROM rehab_sessions)::int AS sessions,
             (SELECT count(*) FROM rehab_sessions WHERE attended)::int AS attended,
             (SELECT count(*) FROM referrals WHERE status IN ('attended', 'counter_referred', 'closed'))::int AS attended_referrals,
             (SELECT count(*) FROM (SELECT referral_id FROM exam_orders UNION SELECT referral_id FROM emergency_attentions
                UNION SELECT referral_id FROM admissions UNION SELECT referral_id FROM rehab_plans) c
               JOIN referrals r ON r.id = c.referral_id WHERE r.status NOT IN ('attended', 'counter_referred', 'closed'))::int AS care_unattended`.execute(
      db,
    );
    const c = rows[0]!;
    for (const kind of ['emergencies', 'admissions', 'exams', 'results', 'plans', 'sessions'])
      expect(c[kind], kind).toBeGreaterThan(0);
    expect(c.results! / c.exams!).toBeGreaterThan(0.8);
    expect(c.attended! / c.sessions!).toBeGreaterThan(0.7);
    expect(c.open_admissions!).toBeLessThan(c.admissions! / 4 + 2);
    expect(c.exams! + c.plans! + c.emergencies!).toBeGreaterThan(c.attended_referrals! / 2);
    expect(c.care_unattended).toBe(0);
  });

  it('puts every row on the ledger', async () => {
    const result = await verifyLedger(db);
    expect(result.ok).toBe(true);
  });

  it('plans the same population for the same seed and day', async () => {
    const schedule = await loadSchedule(db);
    const digest = () =>
      createHash('sha256')
        .update(JSON.stringify(planDemoPopulation(plan, schedule, { seed: 2003, today: TODAY, scale: 0.02 })))
        .digest('hex');
    expect(digest()).toBe(digest());
  });
});
