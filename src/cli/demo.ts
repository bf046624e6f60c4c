import type { Command } from 'commander';
import { loadConfig } from '../config';
import type { Db } from '../db/database';
import { prepareDatabase } from '../db/setup';
import { buildDemo, isDatabaseEmpty } from '../modules/demo/demo.service';
import { progressBar } from './progress';
import { openConfiguredStorage } from './storage';

/** What to do with the demo ASIC's simulated population: load it now, leave it to the server's background load, or skip it. */
export type PopulationChoice = 'now' | 'later' | 'none';

/** Loads the demo network with a progress bar (and the population, when asked to now) and prints what it made. */
export async function runDemo(db: Db, population: PopulationChoice): Promise<void> {
  const bar = progressBar('Building the demo network');
  let populationBar: ReturnType<typeof progressBar> | undefined;
  try {
    const summary = await buildDemo(db, {
      onProgress: (done, total) => bar.update(done, total),
      population: population === 'now' ? 1 : population === 'later' ? 'later' : 0,
      onPopulationProgress: (progress) => {
        if (!populationBar) {
          bar.stop();
          populationBar = progressBar('Simulating the demo ASIC (45 thousand people, a year of care)');
        }
        populationBar.update(progress.percent, 100);
      },
    });
    bar.stop();
    populationBar?.stop();
    console.log(
      `Demo network: ${summary.facilities} facilities, ${summary.asics} ASICs, ${summary.sectors} sectors, ${summary.users} demo users` +
        (population === 'now' ? `, ${summary.persons} people in the demo ASIC with a year of care.` : '.'),
    );
    if (population === 'later')
      console.log("The demo ASIC's simulated population will be loaded by the server in the background.");
  } finally {
    bar.stop();
    populationBar?.stop();
  }
}

export function demoCommand(program: Command) {
  program
    .command('demo')
    .description(
      "load the deterministic demo network and one demo user per role into an empty database; the demo ASIC's simulated population is left for the server to load in the background",
    )
    .option(
      '--population',
      'load the 45 thousand people of the demo ASIC in Sucre (Catia) with a year of care now (about a minute)',
    )
    .option('--no-population', 'leave out the simulated population: the network only')
    .action(async (options: { population?: boolean }) => {
      const storage = await openConfiguredStorage(loadConfig());
      try {
        await prepareDatabase(storage.db);
        if (!(await isDatabaseEmpty(storage.db))) {
          throw new Error(
            'The database already holds facilities or users; the demo loads only into an empty one (use a new ADENTRO_DATA_DIR).',
          );
        }
        await runDemo(storage.db, choice(options.population));
      } finally {
        await storage.close();
      }
    });
}

/** `--population` is true, `--no-population` false, neither undefined: now, none, later. */
export function choice(flag: boolean | undefined): PopulationChoice {
  return flag === true ? 'now' : flag === false ? 'none' : 'later';
}
