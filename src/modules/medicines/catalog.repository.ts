import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { MedicineTable } from '../../db/schema.medicines';
import { PROJECT_ROOT } from '../../shared/paths';
import { normalizeForSearch } from '../territory/territory.rules';

export type MedicineRow = Selectable<MedicineTable>;

interface MedicineData {
  code: string;
  atc: string;
  name_es: string;
  name_en: string;
  form: string;
  strength: string;
  unit: string;
  group_es: string;
  chronic: boolean;
}

/** Loads the essential-medicines module (data/medicines, source in data/SOURCES.md). */
export async function loadMedicineCatalog(tx: Db) {
  const path = join(PROJECT_ROOT, 'data', 'medicines', 'essential-module.json');
  const items = JSON.parse(await readFile(path, 'utf8')) as MedicineData[];
  await tx
    .insertInto('medicines')
    .values(
      items.map((m) => ({
        ...m,
        search_name: normalizeForSearch(`${m.code} ${m.atc} ${m.name_es} ${m.name_en} ${m.strength}`),
      })),
    )
    .execute();
  return ['medicines'] as const;
}

/** The whole module, in code order: 106 rows, read often, small enough to hold. */
export async function listCatalog(db: Db): Promise<MedicineRow[]> {
  return db.selectFrom('medicines').selectAll().orderBy('code').execute();
}

export async function findMedicine(db: Db, code: string): Promise<MedicineRow | undefined> {
  return db.selectFrom('medicines').selectAll().where('code', '=', code).executeTakeFirst();
}
