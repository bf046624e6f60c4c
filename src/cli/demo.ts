import type { Command } from 'commander';
import { loadConfig } from '../config';
import type { Db } from '../db/database';
import { prepareDatabase } from '../db/setup';
import { buildDemo, isDatabaseEmpty } from '../modules/demo/demo.service';
import { progressBar } from './progress';
import { openConfiguredStorage } from './storage';

/** Loads the demo network with a progress bar and prints what it made. */
export async function runDemo(db: Db, options: { population?: boolean } = {}): Promise<void> {
  const bar = progressBar(
    options.population ? 'Building the demo network and population' : 'Building the demo network',
  );
  try {
    const summary = await buildDemo(db, {
      onProgress: (done, total) => bar.update(done, total),
      population: options.population ? 1 : 0,
    });
    bar.stop();
    console.log(
      `Demo network: ${summary.facilities} facilities, ${summary.asics} ASICs, ${summary.sectors} sectors, ${summary.users} demo users` +
        (summary.persons ? `, ${summary.persons} people in the demo ASIC with a year of care.` : '.'),
    );
  } finally {
    bar.stop();
  }
}

export function demoCommand(program: Command) {
  program
    .command('demo')
    .description('load the deterministic demo network and one demo user per role into an empty database')
    .option(
      '--population',
      'also simulate the 45 thousand people of the demo ASIC in Sucre (Catia) with a year of care (minutes on the embedded database)',
    )
    .action(async (options: { population?: boolean }) => {
      const storage = await openConfiguredStorage(loadConfig());
      try {
        await prepareDatabase(storage.db);
        if (!(await isDatabaseEmpty(storage.db))) {
          throw new Error(
            'The database already holds facilities or users; the demo loads only into an empty one (use a new ADENTRO_DATA_DIR).',
          );
        }
        await runDemo(storage.db, { population: options.population === true });
      } finally {
        await storage.close();
      }
    });
}
