import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/database';
import {
  answer,
  LedgerCheck,
  type LaneHeads,
  type LedgerProblem,
  type VerifyAnswer as Answer,
  type VerifyMessage,
} from './ledger-check';
import {
  readLedgerHeads,
  readLedgerPageText,
  readRecordPageText,
  readRecordShape,
  readTableBlocks,
} from './ledger.repository';
import { LEDGERED, type LedgeredEntity } from './ledgered-entities';

export type VerifyResult =
  | { ok: true; entries: number; records: number; seconds: number }
  | { ok: false; entries: number; seconds: number; broken: LedgerProblem };

const PAGE = 50_000;
/** Blocks of a table read at once: about 4 MB of rows. */
const BLOCKS = 512;
/** Pages read ahead of the checking. */
const DEPTH = 2;
/** Below this many entries a worker thread costs more to start than it saves. */
const WORKER_THRESHOLD = 20_000;

/** Where pages are checked: here, or on a worker thread; either answers in the order it was asked. */
interface Checker {
  ask(message: VerifyMessage): Promise<Answer>;
  close(): Promise<void>;
}

function checkHere(heads: LaneHeads, entities: string[]): Checker {
  const check = new LedgerCheck(heads, entities);
  return { ask: async (message) => answer(check, message), close: async () => {} };
}

/**
 * The worker's code: built next to the server bundle, or, when running from the sources (tests,
 * benchmarks), the TypeScript module loaded through tsx, which the thread registers first.
 */
function startWorker(workerData: unknown): Worker {
  const built = new URL('./verify.worker.mjs', import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData });
  const source = new URL('./verify.worker.ts', import.meta.url).href;
  const loader = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(loader, { eval: true, workerData });
}

function checkOnWorker(heads: LaneHeads, entities: string[]): Checker {
  const worker = startWorker({ heads: [...heads], entities });
  const waiting: { resolve: (a: Answer) => void; reject: (e: unknown) => void }[] = [];
  worker.on('message', (answer: Answer) => waiting.shift()?.resolve(answer));
  worker.on('error', (error) => {
    for (const w of waiting.splice(0)) w.reject(error);
  });
  return {
    ask: (message) =>
      new Promise<Answer>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(message);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

export interface VerifyOptions {
  /** Where the hashing runs: 'auto' puts large ledgers on a worker thread. */
  thread?: 'auto' | 'worker' | 'here';
}

/**
 * Walks the whole ledger in sequence order, recomputing every hash and following each lane's
 * chain, checks that every lane ends where its head says, then checks that each ledgered table
 * holds exactly what its newest ledger entries say. Stops at the first problem and names it.
 *
 * Pages are read here and checked by a `Checker` a page or two behind: while the checker hashes,
 * the next page is being read, so on a large ledger the database and the hashing work side by side.
 */
export async function verifyLedger(
  db: Db,
  onProgress: (checked: number, total: number) => void = () => {},
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const heads = await readLedgerHeads(db);
  const total = Math.max(0, ...[...heads.values()].map((h) => h.seq));
  const entities = Object.keys(LEDGERED) as LedgeredEntity[];
  const thread = options.thread ?? 'auto';
  const checker =
    thread === 'worker' || (thread === 'auto' && total >= WORKER_THRESHOLD)
      ? checkOnWorker(heads, entities)
      : checkHere(heads, entities);
  let entries = 0;
  const broken = (problem: LedgerProblem): VerifyResult => ({
    ok: false,
    entries,
    seconds: seconds(),
    broken: problem,
  });
  // Pages asked and not yet answered: up to DEPTH wait while the next is read, so that neither the
  // reading nor the checking stops for the other. Answers come in order, so the first problem
  // taken is the earliest.
  const inFlight: Promise<Answer>[] = [];
  const take = async () => {
    const answer = await inFlight.shift()!;
    if (answer.entries !== entries) onProgress(answer.entries, total);
    entries = answer.entries;
    return answer.problem;
  };
  const send = async (message: VerifyMessage) => {
    inFlight.push(checker.ask(message));
    return inFlight.length > DEPTH ? take() : null;
  };
  const drain = async () => {
    while (inFlight.length > 0) {
      const problem = await take();
      if (problem) return problem;
    }
    return null;
  };
  try {
    for (let afterSeq = 0; ;) {
      const page = await readLedgerPageText(db, afterSeq, PAGE);
      if (!page) break;
      const problem = await send({ kind: 'ledger', page: page.text });
      if (problem) return broken(problem);
      afterSeq = page.lastSeq;
      if (page.count < PAGE) break;
    }
    const lanes = await send({ kind: 'lanes-end' });
    if (lanes) return broken(lanes);
    for (const entity of entities) {
      const shape = await readRecordShape(db, entity);
      const blocks = await readTableBlocks(db, entity);
      for (let from = 0; ; from += BLOCKS) {
        const last = from + BLOCKS >= blocks;
        const page = await readRecordPageText(db, entity, from, last ? null : from + BLOCKS);
        const problem = page ? await send({ kind: 'records', entity, shape, page }) : null;
        if (problem) return broken(problem);
        if (last) break;
      }
    }
    const problem = await drain();
    if (problem) return broken(problem);
    const end = await checker.ask({ kind: 'finish' });
    if (end.problem) return broken(end.problem);
    return { ok: true, entries: end.entries, records: end.records ?? 0, seconds: seconds() };
  } finally {
    await checker.close();
  }
}
