import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Storage } from '../../db/database';
import { ROLES } from '../../server/access';
import { openTestStorage } from '../../test/harness';
import {
  canChangeStatus,
  INITIAL_STATUSES,
  KIND_TIER,
  type FacilityKind,
  type FacilityStatus,
} from '../facilities/facility.rules';
import { verifyLedger } from '../integrity/verify.service';
import { verifyPassword } from '../people/password';
import { DEMO_PARISH, DEMO_POST_NAME } from './demo.plan';
import { buildDemo, DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty } from './demo.service';

/** A digest of everything the demo wrote except the ledger and the users' password hashes. */
async function digestOfNetwork(db: Db): Promise<string> {
  const hash = createHash('sha256');
  const tables = [
    sql`SELECT to_jsonb(t) AS row FROM sectors t ORDER BY id`,
    sql`SELECT to_jsonb(t) AS row FROM asics t ORDER BY id`,
    sql`SELECT to_jsonb(t) AS row FROM facilities t ORDER BY code`,
    sql`SELECT to_jsonb(t) AS row FROM facility_status_changes t ORDER BY id`,
  ];
  for (const query of tables) {
    const { rows } = await query.execute(db);
    for (const { row } of rows as { row: unknown }[]) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

describe('the demo network', () => {
  let storage: Storage;
  let db: Db;
  let summary: Awaited<ReturnType<typeof buildDemo>>;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    storage = await openTestStorage();
    db = storage.db;
    expect(await isDatabaseEmpty(db)).toBe(true);
    summary = await buildDemo(db, { onProgress: (done, total) => progress.push([done, total]) });
  }, 120_000);

  afterAll(async () => {
    await storage?.close();
  });

  it('builds about ten thousand facilities, with as many CDIs and SRIs as ASICs', async () => {
    expect(summary.facilities).toBeGreaterThanOrEqual(9_000);
    expect(summary.facilities).toBeLessThanOrEqual(12_000);
    const kinds = await db
      .selectFrom('facilities')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    const count = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)])) as Record<FacilityKind, number>;
    expect(Object.values(count).reduce((a, b) => a + b, 0)).toBe(summary.facilities);
    expect(count.consultorio_popular).toBeGreaterThan(7_000);
    expect(count.cdi).toBe(summary.asics);
    expect(count.sri).toBe(summary.asics);
    // 27.2 million people in ASICs of 40–50 thousand, plus the small municipalities' own
    expect(summary.asics).toBeGreaterThanOrEqual(550);
    expect(summary.asics).toBeLessThanOrEqual(800);
    expect(count.dispensary).toBeGreaterThan(0);
    expect(count.clinica_popular).toBeGreaterThan(0);
    expect(summary.sectors).toBeGreaterThan(1_000);
    expect(summary.users).toBe(DEMO_LOGINS.length);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
  });

  it('covers the 2011 population of every state with ASICs, and plans posts for 250–300 families each', async () => {
    const { rows } = await sql<{ code: string; population_2011: number; in_asics: number }>`
      SELECT s.code, s.population_2011, coalesce(sum(a.population), 0)::int AS in_asics
      FROM states s LEFT JOIN asics a ON a.state_code = s.code GROUP BY s.code, s.population_2011`.execute(db);
    for (const state of rows) expect(state.in_asics).toBe(state.population_2011);
    const posts = await sql<{ min: number; max: number; outside: number }>`
      SELECT min(target_families) AS min, max(target_families) AS max,
             count(*) FILTER (WHERE sector_id IS NULL OR asic_id IS NULL OR beds_ward + beds_icu > 0)::int AS outside
      FROM facilities WHERE kind = 'consultorio_popular'`.execute(db);
    expect(posts.rows[0]).toEqual({ min: 250, max: 300, outside: 0 });
  });

  it('keeps every facility in its sector’s parish and its ASIC’s territory, with the tier of its kind', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM facilities f
      LEFT JOIN sectors s ON s.id = f.sector_id
      LEFT JOIN asics a ON a.id = f.asic_id
      WHERE (s.id IS NOT NULL AND s.parish_code <> f.parish_code)
         OR (a.id IS NOT NULL AND a.territory_code <> f.parish_code AND f.parish_code NOT LIKE a.territory_code || '-%')`.execute(
      db,
    );
    expect(rows[0]!.n).toBe(0);
    const tiers = await db.selectFrom('facilities').select(['kind', 'tier']).distinct().execute();
    for (const { kind, tier } of tiers) expect(tier).toBe(KIND_TIER[kind as FacilityKind]);
  });

  it('gives every state an operating CAT and hospitals, and the nation one tier IV children’s cardiology hospital', async () => {
    const { rows } = await sql<{ code: string; cats: number; operating_cats: number; hospitals: number }>`
      SELECT s.code,
             count(*) FILTER (WHERE f.kind = 'cat')::int AS cats,
             count(*) FILTER (WHERE f.kind = 'cat' AND f.status = 'operating')::int AS operating_cats,
             count(*) FILTER (WHERE f.kind = 'hospital')::int AS hospitals
      FROM states s LEFT JOIN facilities f ON f.state_code = s.code GROUP BY s.code`.execute(db);
    expect(rows).toHaveLength(24);
    for (const state of rows) {
      expect(state.operating_cats, state.code).toBeGreaterThanOrEqual(1);
      expect(state.hospitals, state.code).toBeGreaterThanOrEqual(2);
    }
    const tierFour = await db.selectFrom('facilities').selectAll().where('tier', '=', 4).execute();
    expect(tierFour).toHaveLength(1);
    expect(tierFour[0]).toMatchObject({
      kind: 'national_hospital',
      state_code: 'VE-A',
      beds_ward: 109,
      beds_icu: 33,
      status: 'operating',
    });
    expect(tierFour[0]!.services).toContain('PAEDIATRIC_CARDIOLOGY');
  });

  it("sends the demo post's referrals up the tiers: answered, refused, overdue, with beds occupied", async () => {
    const referrals = await db.selectFrom('referrals').select(['status', 'answer_due_at']).execute();
    const statuses = new Set(referrals.map((r) => r.status));
    for (const status of ['sent', 'refused', 'attended', 'counter_referred', 'closed'])
      expect(statuses).toContain(status);
    expect(referrals.some((r) => r.status === 'sent' && r.answer_due_at < new Date())).toBe(true);
    const open = await db.selectFrom('admissions').select('id').where('discharged_at', 'is', null).execute();
    expect(open.length).toBeGreaterThan(0);
  });

  it('places the demo users at an operating post of an ASIC in Sucre (Catia) with its CDI, SRI and dispensary', async () => {
    const post = await db
      .selectFrom('facilities')
      .selectAll()
      .where('name', '=', DEMO_POST_NAME)
      .where('parish_code', '=', DEMO_PARISH)
      .executeTakeFirstOrThrow();
    expect(post.status).toBe('operating');
    const asic = await db.selectFrom('asics').selectAll().where('id', '=', post.asic_id!).executeTakeFirstOrThrow();
    expect(asic.territory_code).toBe(DEMO_PARISH);
    const inAsic = await db
      .selectFrom('facilities')
      .select(['kind', 'status'])
      .where('asic_id', '=', asic.id)
      .execute();
    for (const kind of ['cdi', 'sri', 'dispensary', 'consultorio_popular'])
      expect(inAsic.some((f) => f.kind === kind)).toBe(true);
    const held = await db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .leftJoin('facilities as f', 'f.id', 'r.facility_id')
      .select([
        'u.username',
        'u.password_hash',
        'r.role',
        'r.territory_code',
        'f.id as facility_id',
        'f.kind',
        'f.asic_id',
        'f.status',
      ])
      .execute();
    expect([...new Set(held.map((h) => h.role))].sort()).toEqual([...ROLES].sort());
    expect(DEMO_LOGINS.map((l) => l.username).sort()).toEqual(held.map((h) => h.username).sort());
    const byName = new Map(held.map((h) => [h.username, h]));
    for (const username of ['medico', 'enfermera', 'registro', 'comite'])
      expect(byName.get(username)?.facility_id).toBe(post.id);
    expect(byName.get('farmacia')).toMatchObject({ kind: 'dispensary', asic_id: asic.id, status: 'operating' });
    expect(byName.get('admin')?.territory_code).toBe('VE');
    expect(byName.get('auditor')?.territory_code).toBe('VE');
    expect(byName.get('coordinador')?.territory_code).toBe('VE-A');
    // The receiving end of the post's referrals: its ASIC's CDI and SRI, the state's CAT and hospital.
    expect(byName.get('cdi')).toMatchObject({ kind: 'cdi', asic_id: asic.id, status: 'operating' });
    expect(byName.get('sri')).toMatchObject({ kind: 'sri', asic_id: asic.id, status: 'operating' });
    expect(byName.get('cat')).toMatchObject({ kind: 'cat', status: 'operating' });
    expect(byName.get('hospital')).toMatchObject({ kind: 'hospital', status: 'operating' });
    expect(await verifyPassword(byName.get('medico')!.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it('records for every facility a dated history that follows the lifecycle and ends in its current status', async () => {
    const changes = await db
      .selectFrom('facility_status_changes as c')
      .innerJoin('facilities as f', 'f.id', 'c.facility_id')
      .select([
        'c.facility_id',
        'c.from_status',
        'c.to_status',
        'c.effective_on',
        'c.reason',
        'f.status',
        'f.status_since',
      ])
      .orderBy('c.facility_id')
      .orderBy('c.recorded_at')
      .execute();
    const histories = new Map<string, typeof changes>();
    for (const change of changes)
      histories.set(change.facility_id, [...(histories.get(change.facility_id) ?? []), change]);
    expect(histories.size).toBe(summary.facilities);
    for (const [id, steps] of histories) {
      steps.forEach((step, i) => {
        const previous = steps[i - 1];
        const allowed = previous
          ? step.from_status === previous.to_status &&
            canChangeStatus(previous.to_status as FacilityStatus, step.to_status as FacilityStatus) &&
            step.effective_on > previous.effective_on
          : step.from_status === null && (INITIAL_STATUSES as readonly string[]).includes(step.to_status);
        expect(allowed, `facility ${id}, step ${i}`).toBe(true);
        expect(step.effective_on >= '2003-01-01' && step.effective_on <= '2026-12-31').toBe(true);
        expect(step.reason.length).toBeGreaterThan(3);
      });
      const last = steps.at(-1)!;
      expect([last.to_status, last.effective_on]).toEqual([last.status, last.status_since]);
    }
  });

  it('mixes statuses: most facilities operating, some planned, under construction, suspended or closed, a few reopened', async () => {
    const rows = await db
      .selectFrom('facilities')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const share = Object.fromEntries(rows.map((r) => [r.status, Number(r.n) / summary.facilities]));
    expect(share.operating).toBeGreaterThan(0.75);
    for (const status of ['planned', 'under_construction', 'suspended', 'closed']) {
      expect(share[status], status).toBeGreaterThan(0.005);
      expect(share[status], status).toBeLessThan(0.1);
    }
    const reopened = await db
      .selectFrom('facility_status_changes')
      .select('id')
      .where('from_status', '=', 'closed')
      .where('to_status', '=', 'operating')
      .execute();
    expect(reopened.length).toBeGreaterThan(0);
  });

  it('puts every record it writes on the ledger, as the demo, and the ledger verifies', async () => {
    const result = await verifyLedger(db);
    expect(result).toMatchObject({ ok: true });
    const { rows } = await sql<{ entity: string; n: number }>`
      SELECT entity, count(*)::int AS n FROM ledger WHERE actor = 'demo' GROUP BY entity`.execute(db);
    const entries = Object.fromEntries(rows.map((r) => [r.entity, r.n]));
    expect(entries.facilities).toBe(summary.facilities);
    expect(entries.asics).toBe(summary.asics);
    expect(entries.sectors).toBe(summary.sectors);
    expect(entries.users).toBe(summary.users);
  });

  it('refuses to build into a database that already holds a network', async () => {
    expect(await isDatabaseEmpty(db)).toBe(false);
    await expect(buildDemo(db)).rejects.toThrow(/no facilities and no users/);
  });

  it('builds the same network, ids included, from the same seed', async () => {
    const second = await openTestStorage();
    try {
      await buildDemo(second.db);
      expect(await digestOfNetwork(second.db)).toBe(await digestOfNetwork(db));
    } finally {
      await second.close();
    }
  }, 120_000);
});
