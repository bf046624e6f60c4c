import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import type { SignedCheckpoint } from '../modules/integrity/checkpoint.rules';
import { checkAgainstCheckpoint, takeCheckpoint } from '../modules/integrity/checkpoint.service';
import { loadOrCreateSigningKey } from '../modules/integrity/signing-key';
import { verifyLedger } from '../modules/integrity/verify.service';
import { progressBar } from './progress';
import { openConfiguredStorage } from './storage';

function readCheckpoint(file: string): SignedCheckpoint {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SignedCheckpoint;
  } catch (error) {
    throw new Error(`cannot read the checkpoint ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

export function verifyCommand(program: Command) {
  program
    .command('verify')
    .description('recompute the whole ledger and check every ledgered record against it')
    .option('--checkpoint <file>', 'also check that the history a published checkpoint signed is still there')
    .option('--trust-key <file>', "the installation's public key (PEM) the checkpoint must be signed with")
    .action(async (options: { checkpoint?: string; trustKey?: string }) => {
      const checkpoint = options.checkpoint ? readCheckpoint(options.checkpoint) : undefined;
      const trusted = options.trustKey ? createPublicKey(readFileSync(options.trustKey, 'utf8')) : undefined;
      const storage = await openConfiguredStorage(loadConfig());
      const bar = progressBar('Verifying ledger');
      try {
        const result = await verifyLedger(storage.db, (done, total) => bar.update(done, total));
        bar.stop();
        if (!result.ok) {
          const where = result.broken.seq === null ? '' : ` at entry ${result.broken.seq}`;
          console.log(`BROKEN${where}: ${result.broken.reason}`);
          console.log(`(${result.entries} entries before it are intact)`);
          process.exitCode = 1;
          return;
        }
        const rate = Math.round(result.entries / Math.max(result.seconds, 1e-6));
        console.log(
          `OK ${result.entries} ledger entries, ${result.records} records checked in ${result.seconds.toFixed(2)} s (${rate} entries/s)`,
        );
        if (checkpoint) {
          const held = await checkAgainstCheckpoint(storage.db, checkpoint, trusted);
          if (held.ok) console.log(`OK the ${held.entries} entries signed at ${held.at} are unchanged`);
          else {
            console.log(`BROKEN against the checkpoint: ${held.reason}`);
            process.exitCode = 1;
          }
        }
      } finally {
        bar.stop();
        await storage.close();
      }
    });

  program
    .command('checkpoint')
    .description("sign where the ledger stands now with the installation's key, to publish outside the database")
    .option('-o, --out <file>', 'write the signed checkpoint to this file instead of printing it')
    .action(async (options: { out?: string }) => {
      const config = loadConfig();
      const key = loadOrCreateSigningKey(config.signingKeyFile);
      if (key.created) console.error(`Created the signing key ${config.signingKeyFile}; keep it safe and private.`);
      const storage = await openConfiguredStorage(config);
      try {
        const checkpoint = await takeCheckpoint(storage.db, key.privateKeyPem);
        const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
        if (options.out) {
          writeFileSync(options.out, text);
          console.log(
            `Signed ${checkpoint.statement.entries} ledger entries at ${checkpoint.statement.at} (root ${checkpoint.statement.root}) into ${options.out}`,
          );
        } else process.stdout.write(text);
      } finally {
        await storage.close();
      }
    });
}
