import { Command } from 'commander';
import { demoCommand } from './demo';
import { migrateCommand } from './migrate';
import { serveCommand } from './serve';
import { userCommand } from './user';
import { verifyCommand } from './verify';

const program = new Command()
  .name('adentro')
  .description(
    'Adentro — health information system for a tiered, community-based public health network.\n' +
      'Uses the embedded database in ADENTRO_DATA_DIR (default .adentro/data), or the PostgreSQL server in ADENTRO_DATABASE_URL.',
  )
  .showHelpAfterError();

serveCommand(program);
migrateCommand(program);
demoCommand(program);
verifyCommand(program);
userCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`adentro: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
