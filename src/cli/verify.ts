import type { Command } from 'commander';
import { loadConfig } from '../config';
import { verifyLedger } from '../modules/integrity/verify.service';
import { progressBar } from './progress';
import { openConfiguredStorage } from './storage';

export function verifyCommand(program: Command) {
  program
    .command('verify')
    .description('recompute the whole ledger and check every ledgered record against it')
    .action(async () => {
      const storage = await openConfiguredStorage(loadConfig());
      const bar = progressBar('Verifying ledger');
      try {
        const result = await verifyLedger(storage.db, (done, total) => bar.update(done, total));
        bar.stop();
        if (result.ok) {
          const rate = Math.round(result.entries / Math.max(result.seconds, 1e-6));
          console.log(
            `OK ${result.entries} ledger entries, ${result.records} records checked in ${result.seconds.toFixed(2)} s (${rate} entries/s)`,
          );
        } else {
          const where = result.broken.seq === null ? '' : ` at entry ${result.broken.seq}`;
          console.log(`BROKEN${where}: ${result.broken.reason}`);
          console.log(`(${result.entries} entries before it are intact)`);
          process.exitCode = 1;
        }
      } finally {
        bar.stop();
        await storage.close();
      }
    });
}
