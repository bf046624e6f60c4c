import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/database';
import { appendRowsToLedger } from '../integrity/ledger.repository';
import { normalizeForSearch } from './territory.rules';

interface StateData {
  code: string;
  ineCode: string;
  name: string;
  capital: string;
  population2011: number;
}
interface MunicipalityData {
  code: string;
  stateCode: string;
  name: string;
  capital?: string;
}
interface ParishData {
  code: string;
  municipalityCode: string;
  name: string;
}
interface ServiceData {
  code: string;
  name_es: string;
  name_en: string;
  area: string;
  kinds: string[];
}

const DATA_DIR = join(import.meta.dirname, '../../../data');

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(join(DATA_DIR, path), 'utf8')) as T;
}

const BATCH = 500;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Loads the shipped reference data (states, municipalities, parishes, service catalog) into an
 * empty database, each row on the ledger. Does nothing when it is already loaded.
 */
export async function loadReferenceData(db: Db): Promise<{ loaded: boolean }> {
  const present = await db.selectFrom('states').select('code').limit(1).executeTakeFirst();
  if (present) return { loaded: false };
  const [states, municipalities, parishes, services] = await Promise.all([
    readJson<StateData[]>('territory/states.json'),
    readJson<MunicipalityData[]>('territory/municipalities.json'),
    readJson<ParishData[]>('territory/parishes.json'),
    readJson<ServiceData[]>('services.json'),
  ]);
  const stateOfMunicipality = new Map(municipalities.map((m) => [m.code, m.stateCode]));
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('states')
      .values(
        states.map((s) => ({
          code: s.code,
          ine_code: s.ineCode,
          name: s.name,
          search_name: normalizeForSearch(s.name),
          capital: s.capital,
          population_2011: s.population2011,
        })),
      )
      .execute();
    await insertInBatches(municipalities, (batch) =>
      tx
        .insertInto('municipalities')
        .values(
          batch.map((m) => ({
            code: m.code,
            state_code: m.stateCode,
            name: m.name,
            search_name: normalizeForSearch(m.name),
            capital: m.capital ?? null,
          })),
        )
        .execute(),
    );
    await insertInBatches(parishes, (batch) =>
      tx
        .insertInto('parishes')
        .values(
          batch.map((p) => ({
            code: p.code,
            municipality_code: p.municipalityCode,
            state_code: stateOfMunicipality.get(p.municipalityCode)!,
            name: p.name,
            search_name: normalizeForSearch(p.name),
          })),
        )
        .execute(),
    );
    await tx.insertInto('service_catalog').values(services).execute();
    for (const entity of ['states', 'municipalities', 'parishes', 'service_catalog'] as const) {
      await appendRowsToLedger(tx, 'system', 'load', entity);
    }
  });
  return { loaded: true };
}
