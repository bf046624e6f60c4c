import type { KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import {
  checkpointProblem,
  laneRoot,
  signCheckpoint,
  type CheckpointStatement,
  type LaneHead,
  type SignedCheckpoint,
} from './checkpoint.rules';

/**
 * Signs where the ledger stands now: every lane's head and the number of entries, read in one
 * statement so that they describe one moment. The checkpoint is kept in `ledger_checkpoints` and
 * returned for publishing.
 */
export async function takeCheckpoint(db: Db, privateKeyPem: string): Promise<SignedCheckpoint> {
  const { rows } = await sql<{ lanes: LaneHead[]; entries: number; at: string }>`
    SELECT (SELECT json_agg(json_build_object('lane', id, 'seq', seq, 'hash', hash) ORDER BY id) FROM ledger_head) AS lanes,
           (SELECT count(*) FROM ledger) AS entries,
           to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`.execute(db);
  const { lanes, entries, at } = rows[0]!;
  const heads = lanes.map((l) => ({ lane: Number(l.lane), seq: Number(l.seq), hash: l.hash }));
  const statement: CheckpointStatement = {
    version: 1,
    at,
    entries: Number(entries),
    lanes: heads,
    root: laneRoot(heads),
  };
  const checkpoint = signCheckpoint(statement, privateKeyPem);
  await db
    .insertInto('ledger_checkpoints')
    .values({ at, entries: statement.entries, root: statement.root, checkpoint: JSON.stringify(checkpoint) })
    .execute();
  return checkpoint;
}

export async function listCheckpoints(db: Db, limit: number): Promise<SignedCheckpoint[]> {
  const rows = await db
    .selectFrom('ledger_checkpoints')
    .select('checkpoint')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(
    (r) => (typeof r.checkpoint === 'string' ? JSON.parse(r.checkpoint) : r.checkpoint) as SignedCheckpoint,
  );
}

export type CheckpointResult = { ok: true; at: string; entries: number } | { ok: false; reason: string };

/**
 * Checks that the ledger still holds the history a checkpoint signed: the signature is good, and
 * the last entry of every lane at the checkpoint is still there with the same hash. With a chain
 * that verifies, that proves every entry before it is unchanged too, so history only grew.
 */
export async function checkAgainstCheckpoint(
  db: Db,
  checkpoint: SignedCheckpoint,
  trustedKey?: KeyObject,
): Promise<CheckpointResult> {
  const problem = checkpointProblem(checkpoint, trustedKey);
  if (problem) return { ok: false, reason: `the checkpoint cannot be trusted: ${problem}` };
  const { statement } = checkpoint;
  const signed = statement.lanes.filter((l) => l.seq > 0);
  if (signed.length === 0) return { ok: true, at: statement.at, entries: statement.entries };
  const found = await db
    .selectFrom('ledger')
    .select(['seq', 'lane', 'hash'])
    .where(
      'seq',
      'in',
      signed.map((l) => l.seq),
    )
    .execute();
  const bySeq = new Map(found.map((e) => [Number(e.seq), e]));
  for (const head of signed) {
    const entry = bySeq.get(head.seq);
    if (!entry || entry.lane !== head.lane || entry.hash !== head.hash) {
      const what = entry ? 'no longer has the hash it had' : 'is gone';
      return {
        ok: false,
        reason: `entry ${head.seq}, the last of lane ${head.lane} at the checkpoint of ${statement.at}, ${what}: the history before the checkpoint was rewritten`,
      };
    }
  }
  return { ok: true, at: statement.at, entries: statement.entries };
}
