import { pipelineOf, type Db } from '../../db/database';
import { writeGroup, type LedgeredWrite, type WrittenParts } from './ledger-statement';

/** Writes sent together at most: beyond this a group saves little more, and a failed one has more to retry. */
const MOST_IN_A_GROUP = 32;
/**
 * Statements in flight at once on a PostgreSQL server: while they are out, the writes that come
 * wait and leave together. There the group statements go down one pipelined connection
 * (`Pipeline`), so that the next is already at the server, waiting its turn, when the one before
 * it ends: the server runs them one after another, never two at once on both cores. On the
 * embedded database they go one at a time.
 */
const IN_FLIGHT_ON_A_SERVER = 2;

interface Waiting {
  write: LedgeredWrite;
  resolve: (written: WrittenParts) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for ledgered writes. A write that finds no statement in flight leaves at once,
 * alone; writes that come while one is out wait, and leave together in one statement when it
 * returns. One person recording alone waits for nothing; sixteen at once share a statement, a move
 * of a ledger lane's head and a commit, instead of queueing for the lane each on its own.
 */
class WriteGroups {
  private readonly waiting: Waiting[] = [];
  private readonly updating = new Set<string>();
  private inFlight = 0;
  /** Whether the group statements go down a server's pipelined connection (see `run` too). */
  private readonly pipelined: boolean;

  constructor(private readonly db: Db) {
    this.pipelined = pipelineOf(db) !== undefined;
  }

  write(write: LedgeredWrite): Promise<WrittenParts> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      this.send();
    });
  }

  private send() {
    while (this.inFlight < (this.pipelined ? IN_FLIGHT_ON_A_SERVER : 1)) {
      const group = this.take();
      if (group.length === 0) return;
      this.inFlight++;
      void this.run(group);
    }
  }

  /** A group's statement is over: the next group may leave, and its records may be updated again. */
  private release(group: Waiting[]) {
    this.inFlight--;
    for (const { write } of group) for (const key of write.updates ?? []) this.updating.delete(key);
    this.send();
  }

  /**
   * The longest-waiting writes that update nothing another write in flight or in the group
   * updates. A write that updates records without naming them leaves alone.
   */
  private take(): Waiting[] {
    const group: Waiting[] = [];
    for (let i = 0; i < this.waiting.length && group.length < MOST_IN_A_GROUP;) {
      const { write } = this.waiting[i]!;
      const updates = write.updates ?? [];
      const unnamed = !write.updates && write.parts.some((part) => part.action === 'update');
      if (updates.some((key) => this.updating.has(key)) || (unnamed && group.length > 0)) {
        i++;
        continue;
      }
      for (const key of updates) this.updating.add(key);
      group.push(...this.waiting.splice(i, 1));
      if (unnamed) break;
    }
    return group;
  }

  private async run(group: Waiting[]) {
    let written: WrittenParts[];
    try {
      written = await writeGroup(
        this.db,
        group.map((g) => g.write),
      );
    } catch (error) {
      if (group.length === 1) {
        this.release(group);
        return group[0]!.reject(error);
      }
      // Some write of the group failed (a duplicate key, a check) and so nothing was written:
      // each write again on its own, so that each gets its own answer.
      await Promise.all(
        group.map((g) =>
          writeGroup(this.db, [g.write]).then(
            ([one]) => g.resolve(one!),
            (e: unknown) => g.reject(e),
          ),
        ),
      );
      return this.release(group);
    }
    // The next group leaves before this one's requests go on with their answers, which would
    // otherwise hold it back by all the work of replying to them. The answers then go one per turn
    // of the event loop: given all at once, their replies (and the requests that follow them) run
    // as one long stretch of promise callbacks during which the next group's result, though back,
    // cannot be read. The groups then alternated between one write and fifteen, and the server
    // waited for each in turn; one per turn, a returned group is read as soon as it is back. The
    // embedded database runs in this thread and has nothing to read back: there the answers go
    // at once.
    this.release(group);
    if (!this.pipelined) return group.forEach((g, i) => g.resolve(written[i]!));
    const answer = (i: number) => {
      group[i]!.resolve(written[i]!);
      if (i + 1 < group.length) setImmediate(answer, i + 1);
    };
    answer(0);
  }
}

const groups = new WeakMap<Db, WriteGroups>();

/**
 * Runs a write as one statement with its ledger entries, together with whatever other writes are
 * waiting at the same moment. Inside a transaction the write runs at once, alone, in it.
 */
export function writeLedgeredGrouped(db: Db, write: LedgeredWrite): Promise<WrittenParts> {
  if (db.isTransaction) return writeGroup(db, [write]).then(([written]) => written!);
  let writer = groups.get(db);
  if (!writer) groups.set(db, (writer = new WriteGroups(db)));
  return writer.write(write);
}
