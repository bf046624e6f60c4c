/**
 * Figures for referrals (issue 5, "Figures to reach"): a facility's referral queue and bed board
 * with 100 thousand referrals in the database, and a referral state change with its ledger entries.
 * Prints a table (and JSON with --json); it asserts nothing.
 *
 *   node --import tsx bench/referrals.bench.ts [--json out.json] [--postgres URL]
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { openStorage, type Storage } from '../src/db/database';
import { prepareDatabase } from '../src/db/setup';
import { buildDemo } from '../src/modules/demo/demo.service';
import { accessForUser } from '../src/modules/people/auth.service';
import { facilityQueue, takeStep } from '../src/modules/referrals/referral.service';
import { bedBoard } from '../src/modules/services/admission.service';
import { type Engine, SAMPLES, WARM_UP, p95, timed, runWithServerFlags } from './support';

const REFERRALS = 100_000;
const rows: { name: string; target: string; pglite?: number; postgresql?: number }[] = [];

/** The 95th percentile to a tenth of a millisecond, as the table prints it. */
const p95ms = (samples: number[]) => Math.round(p95(samples) * 10) / 10;

function record(name: string, target: string, engine: Engine, value: number) {
  let row = rows.find((r) => r.name === name);
  if (!row) rows.push((row = { name, target }));
  row[engine] = value;
}

/**
 * The demo network and its users, then 100 thousand referrals from the network's posts to its
 * CDIs written in SQL (generate_series), outside the ledger: bulk setup, not what is measured. A
 * share goes to the demo CDI, some still unanswered, so that its queue and the state changes have
 * work to do; its beds are filled.
 */
async function setUp(storage: Storage) {
  const db = storage.db;
  await prepareDatabase(db);
  await buildDemo(db);
  const cdiUser = await db.selectFrom('users').select('id').where('username', '=', 'cdi').executeTakeFirstOrThrow();
  const cdi = await db
    .selectFrom('role_assignments as r')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .select(['f.id', 'f.beds_ward', 'f.beds_icu'])
    .where('r.user_id', '=', cdiUser.id)
    .executeTakeFirstOrThrow();
  const post = await db
    .selectFrom('referrals')
    .select(['person_id', 'from_facility_id'])
    .limit(1)
    .executeTakeFirstOrThrow();
  await sql`
    INSERT INTO referrals (id, person_id, state_code, from_facility_id, referred_by, to_facility_id, to_state_code,
      service_code, encounter_id, reason, icd10_code, urgency, sent_at, answer_due_at, status, status_at)
    SELECT gen_random_uuid(), ${post.person_id}::uuid, 'VE-A', ${post.from_facility_id}::uuid, 'bench',
      CASE WHEN i % 50 = 0 THEN ${cdi.id}::uuid ELSE cdis.ids[1 + i % array_length(cdis.ids, 1)] END, 'VE-A',
      'EMERGENCY_ROOM', NULL, 'Referencia de prueba', 'R07.4', 'routine',
      now() - (i % 365) * interval '1 day', now() - (i % 365) * interval '1 day' + interval '30 days',
      (ARRAY['sent', 'received', 'accepted', 'refused', 'attended', 'counter_referred', 'closed'])[1 + i % 7],
      now() - (i % 365) * interval '1 day'
    FROM generate_series(1, ${REFERRALS}) AS i,
      (SELECT array_agg(id) AS ids FROM facilities WHERE kind = 'cdi' AND id <> ${cdi.id}::uuid) AS cdis`.execute(db);
  await sql`ANALYZE`.execute(db);
  return { cdiId: cdi.id, cdiUserId: cdiUser.id };
}

async function measure(storage: Storage, engine: Engine) {
  const { cdiId, cdiUserId } = await setUp(storage);
  const db = storage.db;
  const access = (await accessForUser(db, cdiUserId))!;
  const total = await db
    .selectFrom('referrals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(`${engine}: ${Number(total.n).toLocaleString('en')} referrals`);
  record(
    "a facility's referral queue",
    '≤ 30',
    engine,
    p95ms(await timed(() => facilityQueue(db, access, cdiId, 'open'))),
  );
  record("a facility's bed board", '≤ 30', engine, p95ms(await timed(() => bedBoard(db, access, cdiId))));
  const sent = await db
    .selectFrom('referrals')
    .select('id')
    .where('to_facility_id', '=', cdiId)
    .where('status', '=', 'sent')
    .limit(WARM_UP + SAMPLES)
    .execute();
  record(
    'a referral state change (received), ledger included',
    '≤ 30',
    engine,
    p95ms(await timed((i) => takeStep(db, access, sent[i % sent.length]!.id, { step: 'received' }))),
  );
}

async function main() {
  if (await runWithServerFlags()) return;
  const args = process.argv.slice(2);
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const postgresUrl = args.includes('--postgres')
    ? args[args.indexOf('--postgres') + 1]
    : process.env.ADENTRO_BENCH_DATABASE_URL;

  const pglite = await openStorage({ dataDir: 'memory://' });
  try {
    await measure(pglite, 'pglite');
  } finally {
    await pglite.close();
  }
  if (postgresUrl) {
    const name = `adentro_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const server = await openStorage({ databaseUrl: url.toString(), poolSize: 4 });
    try {
      await measure(server, 'postgresql');
    } finally {
      await server.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  console.log('\nfigure                                                 target   PGlite   PostgreSQL');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(54)} ${r.target.padEnd(8)} ${String(r.pglite ?? '—').padStart(6)}   ${String(r.postgresql ?? '—').padStart(6)}   ms p95`,
    );
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
}

await main();
