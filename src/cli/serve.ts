import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { prepareDatabase } from '../db/setup';
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty } from '../modules/demo/demo.service';
import { buildApp } from '../server/app';
import { DemoPopulationLoader } from '../modules/demo/population/population.loader';
import { choice, runDemo } from './demo';
import { describeStorage, openConfiguredStorage } from './storage';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('start the server (migrates first; loads the demo network into an empty database)')
    .option('--no-demo', 'do not load the demo network into an empty database')
    .option(
      '--demo-population',
      "load the demo ASIC's simulated 45 thousand people and their year of care before answering (by default they load in the background once the server answers)",
    )
    .option('--no-demo-population', "do not load the demo ASIC's simulated population (the network only)")
    .action(async (options: { demo: boolean; demoPopulation?: boolean }) => {
      const started = performance.now();
      const config = loadConfig();
      // An embedded database keeps for life the memory that creating and loading it took
      // (WebAssembly memory only grows), so a new one is created by a short-lived child process
      // and the server opens it afterwards.
      const freshEmbedded = !config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION'));
      const population = choice(options.demoPopulation);
      const demoArgs = [
        'demo',
        ...(population === 'now' ? ['--population'] : population === 'none' ? ['--no-population'] : []),
      ];
      if (freshEmbedded) await runInChildProcess(options.demo ? demoArgs : ['migrate']);
      const storage = await openConfiguredStorage(config);
      await prepareDatabase(storage.db);
      const demoLoaded = freshEmbedded || (options.demo && (await isDatabaseEmpty(storage.db)));
      if (!freshEmbedded && demoLoaded) await runDemo(storage.db, population);
      const loader = new DemoPopulationLoader(storage.db, { log: (message) => app.log.info(message) });
      const app = await buildApp(config, storage, { demoPopulation: loader });
      await loader.refresh();
      const address = await app.listen({ host: config.host, port: config.port });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`\nAdentro is running at ${address.replace('127.0.0.1', 'localhost')} (ready in ${seconds} s)`);
      console.log(`Database: ${describeStorage(config)}`);
      console.log(`API documentation: ${address}/api/docs`);
      if (demoLoaded || (await hasDemoUsers(storage))) {
        console.log(`\nDemo logins (password "${DEMO_PASSWORD}" for all):`);
        for (const login of DEMO_LOGINS) console.log(`  ${login.username.padEnd(14)} ${login.description}`);
      }
      // A scheduled population (this start's, or one a stopped server left unfinished) loads now,
      // one short transaction at a time, while the server answers.
      if (population !== 'none' && loader.progress()?.status === 'waiting') {
        console.log(`\nThe demo ASIC's simulated population is loading in the background (see /api/health).`);
        loader
          .run()
          .catch((error: unknown) => app.log.error({ err: error }, 'the demo population could not be loaded'));
      }
      const shutdown = async () => {
        await loader.stop();
        await app.close();
        await storage.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}

async function hasDemoUsers(storage: { db: import('../db/database').Db }) {
  const first = DEMO_LOGINS[0];
  if (!first) return false;
  return (
    (await storage.db.selectFrom('users').select('id').where('username', '=', first.username).executeTakeFirst()) !==
    undefined
  );
}

/** Runs another adentro command in a child process, with this one's output, and waits for it. */
function runInChildProcess(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`adentro ${args.join(' ')} failed (exit code ${code})`)),
    );
  });
}
