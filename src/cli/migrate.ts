import type { Command } from 'commander';
import { loadConfig } from '../config';
import { prepareDatabase } from '../db/setup';
import { describeStorage, openConfiguredStorage } from './storage';

export function migrateCommand(program: Command) {
  program
    .command('migrate')
    .description('bring the database schema up to date and load the reference data')
    .action(async () => {
      const config = loadConfig();
      const storage = await openConfiguredStorage(config);
      try {
        const { migrations, referenceDataLoaded } = await prepareDatabase(storage.db);
        console.log(`Database: ${describeStorage(config)}`);
        console.log(
          migrations.length
            ? `Applied ${migrations.length} migration(s): ${migrations.join(', ')}`
            : 'Schema already up to date.',
        );
        if (referenceDataLoaded) console.log('Loaded the reference data (territories, service catalog).');
      } finally {
        await storage.close();
      }
    });
}
