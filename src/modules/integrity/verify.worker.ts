import { parentPort, workerData } from 'node:worker_threads';
import { answer, LedgerCheck, type LaneHeads, type VerifyMessage } from './ledger-check';

/**
 * Verification's hashing, on its own thread: the main thread reads pages from the database and
 * posts them here in order, so reading the next page and checking this one happen at once, and a
 * server verifying its ledger keeps answering requests meanwhile. Each message is answered with
 * what `LedgerCheck` said of it.
 */
const { heads, entities } = workerData as { heads: [number, { seq: number; hash: string }][]; entities: string[] };
const check = new LedgerCheck(new Map(heads) as LaneHeads, entities);

parentPort!.on('message', (message: VerifyMessage) => parentPort!.postMessage(answer(check, message)));
