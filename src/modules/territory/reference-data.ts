import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/database';
import type { VaccineDose } from '../../db/schema';
import { PROJECT_ROOT } from '../../shared/paths';
import { appendRowsToLedger } from '../integrity/ledger.repository';
import type { LedgeredEntity } from '../integrity/ledgered-entities';
import { loadMedicineCatalog } from '../medicines/catalog.repository';
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
interface Icd10Data {
  code: string;
  title_es: string;
  chapter: string;
  block: string;
  sex?: 'F' | 'M';
  maternal?: boolean;
  infectious?: boolean;
}
interface VaccineData {
  code: string;
  name_es: string;
  name_en: string;
  targetSex: 'F' | 'M' | null;
  pregnancy: boolean;
  doses: VaccineDose[];
}

const DATA_DIR = join(PROJECT_ROOT, 'data');
const BATCH = 500;

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(join(DATA_DIR, path), 'utf8')) as T;
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function isEmpty(db: Db, table: 'states' | 'icd10' | 'vaccines' | 'medicines'): Promise<boolean> {
  return (await db.selectFrom(table).select('code').limit(1).executeTakeFirst()) === undefined;
}

async function loadTerritories(tx: Db) {
  const [states, municipalities, parishes, services] = await Promise.all([
    readJson<StateData[]>('territory/states.json'),
    readJson<MunicipalityData[]>('territory/municipalities.json'),
    readJson<ParishData[]>('territory/parishes.json'),
    readJson<ServiceData[]>('services.json'),
  ]);
  const stateOfMunicipality = new Map(municipalities.map((m) => [m.code, m.stateCode]));
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
  return ['states', 'municipalities', 'parishes', 'service_catalog'] as const;
}

async function loadIcd10(tx: Db) {
  const codes = await readJson<Icd10Data[]>('icd10/cie10-primary-care.json');
  await insertInBatches(codes, (batch) =>
    tx
      .insertInto('icd10')
      .values(
        batch.map((c) => ({
          code: c.code,
          title_es: c.title_es,
          search_title: normalizeForSearch(`${c.code} ${c.title_es}`),
          chapter: c.chapter,
          block: c.block,
          sex: c.sex ?? null,
          maternal: c.maternal ?? false,
          infectious: c.infectious ?? false,
        })),
      )
      .execute(),
  );
  return ['icd10'] as const;
}

async function loadVaccines(tx: Db) {
  const vaccines = await readJson<VaccineData[]>('immunization/schedule.json');
  await tx
    .insertInto('vaccines')
    .values(
      vaccines.map((v) => ({
        code: v.code,
        name_es: v.name_es,
        name_en: v.name_en,
        target_sex: v.targetSex,
        pregnancy: v.pregnancy,
        doses: JSON.stringify(v.doses),
      })),
    )
    .execute();
  return ['vaccines'] as const;
}

/** Each reference set, with the table that tells whether it is loaded. */
const LOADERS: {
  table: 'states' | 'icd10' | 'vaccines' | 'medicines';
  load: (tx: Db) => Promise<readonly LedgeredEntity[]>;
}[] = [
  { table: 'states', load: loadTerritories },
  { table: 'icd10', load: loadIcd10 },
  { table: 'vaccines', load: loadVaccines },
  { table: 'medicines', load: loadMedicineCatalog },
];

/**
 * Loads the shipped reference data (territories, service catalog, CIE-10 subset, immunization
 * schedule, essential-medicines module) that the database lacks, each row on the ledger. Returns
 * whether anything was loaded.
 */
export async function loadReferenceData(db: Db): Promise<{ loaded: boolean }> {
  let loaded = false;
  for (const { table, load } of LOADERS) {
    if (!(await isEmpty(db, table))) continue;
    await db.transaction().execute(async (tx) => {
      for (const entity of await load(tx)) await appendRowsToLedger(tx, 'system', 'load', entity);
    });
    loaded = true;
  }
  return { loaded };
}
