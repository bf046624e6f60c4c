import { parentPort, workerData } from 'node:worker_threads';
import { LedgerCheck, type LaneHeads } from './ledger-check';
import type { RecordShape } from './record-text';

/**
 * Verification's hashing, on its own thread: the main thread reads pages from the database and
 * posts them here in order, so reading the next page and checking this one happen at once, and a
 * server verifying its ledger keeps answering requests meanwhile. Each message is answered with
 * what `LedgerCheck` said of it.
 */
export type VerifyMessage =
  | { kind: 'ledger'; page: string }
  | { kind: 'lanes-end' }
  | { kind: 'records'; entity: string; shape: RecordShape; page: string }
  | { kind: 'finish' };

const { heads, entities } = workerData as { heads: [number, { seq: number; hash: string }][]; entities: string[] };
const check = new LedgerCheck(new Map(heads) as LaneHeads, entities);

parentPort!.on('message', (message: VerifyMessage) => {
  switch (message.kind) {
    case 'ledger':
      return parentPort!.postMessage({ problem: check.ledgerPage(message.page), entries: check.entries });
    case 'lanes-end':
      return parentPort!.postMessage({ problem: check.lanesEnd(), entries: check.entries });
    case 'records':
      check.recordPage(message.entity, message.shape, message.page);
      return parentPort!.postMessage({ problem: null, entries: check.entries });
    case 'finish':
      return parentPort!.postMessage({ problem: check.finish(), entries: check.entries, records: check.records });
  }
});
