import { createHash } from 'node:crypto';
import pg from 'pg';
import { roomToPrepare } from './prepared-client';

type TypeParser = (value: string) => unknown;
type GetTypeParser = (oid: number, format?: 'text' | 'binary') => TypeParser;

/** A statement sent and not yet answered: its rows as they come, or the error that ended it. */
interface Sent {
  parsers: { name: string; parse: TypeParser }[];
  rows: Record<string, unknown>[];
  error?: unknown;
  /** The statement this one prepares on the connection, if it does. */
  preparing?: string;
  resolve: (result: { rows: Record<string, unknown>[] }) => void;
  reject: (error: unknown) => void;
}

/** The protocol messages of a query that `Pipeline` reads itself, instead of the client's own handlers. */
const QUERY_MESSAGES = [
  'rowDescription',
  'dataRow',
  'commandComplete',
  'readyForQuery',
  'errorMessage',
  'parseComplete',
  'bindComplete',
  'noData',
  'emptyQuery',
  'portalSuspended',
  'notice',
] as const;

/** What `pg`'s connection, which it does not type, offers: one method per protocol message. */
interface Wire {
  stream: { cork(): void; uncork(): void };
  parse(query: { name: string; text: string; types: number[] }): void;
  bind(config: { portal: string; statement: string; values: readonly (string | null)[] }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  sync(): void;
  on(event: string, listener: (message: never) => void): void;
  removeAllListeners(event: string): void;
}

/**
 * One PostgreSQL connection on which statements are sent without waiting for the ones before them
 * to be answered (the protocol's pipelining): each goes out at once as Bind, Describe, Execute and
 * Sync (with a Parse the first time its text is seen), the server runs them one after another, and
 * the answers come back in the order they were sent. Each statement is a transaction of its own:
 * one that fails does not touch the ones around it.
 *
 * A pool's connection answers a statement, and only then can the process, once it gets round to
 * reading the answer, send the next; while it is busy with other requests the server waits. Here
 * the next statement is already at the server when the one before it ends.
 *
 * Only statements whose values are all text or null go this way (the group statements of ledgered
 * writes, which bind JSON); the rest use the pool.
 */
export class Pipeline {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly sent: Sent[] = [];
  private readonly prepared = new Set<string>();
  private readonly names = new Map<string, string>();
  /** Statements whose first use, which prepares them, is not answered yet. */
  private readonly preparing = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly typeParser: GetTypeParser,
  ) {}

  /** Runs a statement of text and null values; its answer comes in the order statements were sent. */
  async query<R>(text: string, values: readonly (string | null)[]): Promise<{ rows: R[] }> {
    if (this.closed) throw new Error('The database connection is closed');
    const name = this.nameOf(text);
    // A statement being prepared is used only once it is: should its text not prepare, each
    // statement of that text gets the server's own reason, not that no such statement exists.
    // Nothing is awaited between this check and the sending below, so a statement that comes
    // while another of its text is being prepared always sees it.
    for (;;) {
      if (!this.client) await this.connect();
      else if (this.preparing.has(name)) await this.preparing.get(name);
      else break;
    }
    const client = this.client;
    const wire = (client as unknown as { connection: Wire }).connection;
    // Beyond the connection's budget of prepared statements a new text goes unnamed: parsed
    // with each use and kept by the server only until the next.
    const named = this.prepared.has(name) || roomToPrepare(this.prepared.size);
    const prepare = named && !this.prepared.has(name);
    const answered = new Promise<{ rows: R[] }>((resolve, reject) => {
      const sent: Sent = { parsers: [], rows: [], resolve: resolve as Sent['resolve'], reject };
      wire.stream.cork();
      if (prepare) {
        wire.parse({ name, text, types: [] });
        this.prepared.add(name);
        sent.preparing = name;
      } else if (!named) {
        wire.parse({ name: '', text, types: [] });
      }
      wire.bind({ portal: '', statement: named ? name : '', values });
      wire.describe({ type: 'P', name: '' });
      wire.execute({ portal: '', rows: 0 });
      wire.sync();
      wire.stream.uncork();
      this.sent.push(sent);
    });
    if (prepare) {
      const prepared = answered.then(
        () => undefined,
        () => undefined,
      );
      this.preparing.set(name, prepared);
      void prepared.then(() => {
        if (this.preparing.get(name) === prepared) this.preparing.delete(name);
      });
    }
    return answered;
  }

  /** A statement's name on the connection: the hash of its text, worked out once per text. */
  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (name === undefined) {
      name = createHash('sha1').update(text).digest('base64url');
      if (roomToPrepare(this.names.size)) this.names.set(text, name);
    }
    return name;
  }

  /**
   * Ends the connection once the statements already sent are answered (the server reads the end
   * after them); no statement is taken after.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('The database connection is closed'));
    this.connecting ??= (async () => {
      const client = new pg.Client(this.config);
      try {
        await client.connect();
      } catch (error) {
        this.connecting = undefined;
        throw error;
      }
      const wire = (client as unknown as { connection: Wire }).connection;
      for (const event of QUERY_MESSAGES) wire.removeAllListeners(event);
      wire.on('rowDescription', (message: { fields: { name: string; dataTypeID: number }[] }) => {
        this.sent[0]!.parsers = message.fields.map(({ name, dataTypeID }) => ({
          name,
          parse: this.typeParser(dataTypeID, 'text'),
        }));
      });
      wire.on('dataRow', (message: { fields: (string | null)[] }) => {
        const sent = this.sent[0]!;
        const row: Record<string, unknown> = {};
        message.fields.forEach((value, i) => {
          const { name, parse } = sent.parsers[i]!;
          row[name] = value === null ? null : parse(value);
        });
        sent.rows.push(row);
      });
      wire.on('parseComplete', () => {
        this.sent[0]!.preparing = undefined;
      });
      wire.on('errorMessage', (error: unknown) => {
        const sent = this.sent[0];
        // With nothing sent, the error is the server's about the connection itself (it is shutting
        // down, or the backend was ended): the connection's end follows, and the next statement
        // connects again.
        if (!sent) return;
        sent.error ??= error;
        // A statement that failed to prepare is not on the connection: the next one of its text
        // prepares it again.
        if (sent.preparing) this.prepared.delete(sent.preparing);
      });
      wire.on('readyForQuery', () => {
        const sent = this.sent.shift()!;
        if (sent.error) sent.reject(sent.error);
        else sent.resolve({ rows: sent.rows });
      });
      const lost = (error?: unknown) => {
        if (this.client !== client) return;
        this.client = undefined;
        this.connecting = undefined;
        this.prepared.clear();
        const failure = error ?? new Error('The database connection ended');
        for (const sent of this.sent.splice(0)) sent.reject(failure);
      };
      client.on('error', lost);
      client.on('end', () => lost());
      this.client = client;
      return client;
    })();
    return this.connecting;
  }
}
