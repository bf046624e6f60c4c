import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../config';
import { openStorage, type Storage } from '../db/database';
import { newId } from '../db/ids';
import { prepareDatabase } from '../db/setup';
import { hashPassword } from '../modules/people/password';
import { insertUserWithRoles } from '../modules/people/user.service';
import { buildApp } from '../server/app';
import type { App } from '../server/context';

/**
 * Test databases. Tests run on in-memory PGlite by default and on a PostgreSQL server when
 * ADENTRO_TEST_DATABASE_URL is set. Either way each test file gets its own fresh database cloned
 * from a template that was migrated and loaded with reference data once per process.
 */
const serverUrl = process.env.ADENTRO_TEST_DATABASE_URL || undefined;
export const testEngine = serverUrl ? 'postgresql' : 'pglite';

let pgliteTemplate: Promise<Blob> | undefined;
let postgresTemplate: Promise<string> | undefined;

function urlFor(database: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(statement: string) {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl, max: 1 }) }),
  });
  try {
    await sql.raw(statement).execute(admin);
  } finally {
    await admin.destroy();
  }
}

async function makePostgresTemplate(): Promise<string> {
  const name = `adentro_tpl_${inject('testRunId')}_${process.pid}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const storage = await openStorage({ databaseUrl: urlFor(name), poolSize: 2 });
  await prepareDatabase(storage.db);
  await storage.close();
  return name;
}

async function makePGliteTemplate(): Promise<Blob> {
  const storage = await openStorage({ dataDir: 'memory://' });
  await prepareDatabase(storage.db);
  const dump = await storage.dump!();
  await storage.close();
  return dump;
}

/** A fresh, migrated database with reference data, dropped by `close()`. */
export async function openTestStorage(): Promise<Storage> {
  if (!serverUrl) {
    pgliteTemplate ??= makePGliteTemplate();
    return openStorage({ dataDir: 'memory://', loadDataDir: await pgliteTemplate });
  }
  postgresTemplate ??= makePostgresTemplate();
  const template = await postgresTemplate;
  const name = `adentro_test_${inject('testRunId')}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const storage = await openStorage({ databaseUrl: urlFor(name), poolSize: 20 });
  return {
    ...storage,
    close: async () => {
      await storage.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export interface TestContext {
  app: App;
  storage: Storage;
  close(): Promise<void>;
}

/** An app over a fresh test database, answering through `app.inject()`. */
export async function createTestApp(): Promise<TestContext> {
  const storage = await openTestStorage();
  const app = await buildApp(loadConfig({ logLevel: 'silent', webDir: 'dist/web' }), storage);
  await app.ready();
  return {
    app,
    storage,
    close: async () => {
      await app.close();
      await storage.close();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

/** Creates a user with the given roles directly (as the system) and returns its id. */
export async function seedUser(
  storage: Storage,
  username: string,
  roles: { role: string; facilityId?: string; territoryCode?: string }[],
): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const id = newId();
  await storage.db.transaction().execute((tx) =>
    insertUserWithRoles(tx, 'system', {
      id,
      username,
      displayName: username,
      passwordHash: hash,
      locale: 'es',
      roles: roles.map((r) => ({
        role: r.role,
        facilityId: r.facilityId ?? null,
        territoryCode: r.territoryCode ?? null,
      })),
    }),
  );
  return id;
}
