import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../db/database';
import { nodeFlags, runsWith } from '../../bin/node-flags.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'adentro-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `adentro` on the embedded database in a scratch directory; never throws on a failed exit. */
async function adentro(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('node', ['bin/adentro.js', ...args], {
      env: { ...process.env, ADENTRO_DATA_DIR: dataDir, ADENTRO_DATABASE_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the adentro command', () => {
  it("runs Node with the young generation of its database: small on the embedded one, V8's own on a server", () => {
    expect(nodeFlags({})).toEqual(['--max-semi-space-size=2', '--expose-gc']);
    expect(nodeFlags({ ADENTRO_DATABASE_URL: '' })).toEqual(['--max-semi-space-size=2', '--expose-gc']);
    expect(nodeFlags({ ADENTRO_DATABASE_URL: 'postgres://db/adentro' })).toEqual([
      '--max-semi-space-size=16',
      '--expose-gc',
    ]);
    const server = nodeFlags({ ADENTRO_DATABASE_URL: 'postgres://db/adentro' });
    expect(runsWith(['--max-semi-space-size=2', '--expose-gc'], server)).toBe(false);
    expect(runsWith(['--max-semi-space-size=2', '--expose-gc', ...server], server)).toBe(true);
    expect(runsWith(['--max-semi-space-size=16', '--expose-gc', '--max-semi-space-size=2'], server)).toBe(false);
    expect(runsWith([], nodeFlags({}))).toBe(false);
  });

  it("starts Node again with a PostgreSQL server's flags, passing on its output and its exit", async () => {
    // The server is never reached: neither command opens the database.
    const env = { ADENTRO_DATABASE_URL: 'postgres://127.0.0.1:9/none' };
    const help = await adentro(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('serve');
    const unknown = await adentro(['no-such-command'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'no-such-command'");
  });

  it('lists its commands', async () => {
    const { stdout } = await adentro(['--help']);
    for (const command of ['serve', 'migrate', 'demo', 'verify', 'checkpoint', 'user'])
      expect(stdout).toContain(command);
  });

  it('migrates an empty database and loads the reference data, once', async () => {
    const first = await adentro(['migrate']);
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\)/);
    expect(first.stdout).toContain('Loaded the reference data');
    const second = await adentro(['migrate']);
    expect(second.stdout).toContain('Schema already up to date.');
  });

  it('adds a user with a scoped role, and refuses a role at an unknown place', async () => {
    const added = await adentro(['user', 'add', '-u', 'ana', '-n', 'Ana Rojas', '-r', 'territory_coordinator@VE-M'], {
      ADENTRO_PASSWORD: 'una clave larga',
    });
    expect(added.stdout).toMatch(/Created user ana \(.+\) with 1 role/);
    const bad = await adentro(['user', 'add', '-u', 'luis', '-n', 'Luis', '-r', 'territory_coordinator@VE-M-99'], {
      ADENTRO_PASSWORD: 'una clave larga',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/There is no territory with code VE-M-99/);
  });

  it('signs a checkpoint with a key it keeps outside the database, and verifies the ledger against it', async () => {
    const env = { ADENTRO_SIGNING_KEY_FILE: join(dataDir, '..', `${basename(dataDir)}-key.pem`) };
    const out = join(dataDir, 'checkpoint.json');
    const signed = await adentro(['checkpoint', '--out', out], env);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stderr).toContain('Created the signing key');
    expect(signed.stdout).toMatch(/^Signed \d+ ledger entries at .* into /m);
    const checked = await adentro(['verify', '--checkpoint', out]);
    expect(checked.code, checked.stdout).toBe(0);
    expect(checked.stdout).toMatch(/^OK the \d+ entries signed at .* are unchanged/m);
    const forged = JSON.parse(readFileSync(out, 'utf8'));
    forged.statement.entries += 1;
    writeFileSync(out, JSON.stringify(forged));
    const refused = await adentro(['verify', '--checkpoint', out]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /BROKEN against the checkpoint: the checkpoint cannot be trusted: its signature does not match/,
    );
  });

  it('verifies the ledger, and names the first broken entry after tampering', async () => {
    const ok = await adentro(['verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK \d+ ledger entries, \d+ records checked/m);
    const storage = await openStorage({ dataDir });
    await sql`UPDATE parishes SET name = 'Otra' WHERE code = 'VE-A-01-22'`.execute(storage.db);
    await storage.close();
    const broken = await adentro(['verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at entry \d+: record VE-A-01-22 of parishes differs/);
  });
});
