import type { App } from '../../server/context';
import { householdRoutes } from './household.routes';
import { personRoutes } from './person.routes';

/** The household health census: households, persons, dispensarization, duplicates and the read log. */
export async function censusRoutes(app: App) {
  await householdRoutes(app);
  await personRoutes(app);
}
