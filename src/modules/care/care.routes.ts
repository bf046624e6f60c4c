import type { App } from '../../server/context';
import { encounterRoutes } from './encounter.routes';
import { icd10Routes } from './icd10.routes';
import { immunizationRoutes } from './immunization.routes';
import { maternalRoutes } from './maternal.routes';
import { timelineRoutes } from './timeline.routes';
import { worklistRoutes } from './worklist.routes';

/** The care module's HTTP routes: CIE-10 search, encounters, doses, maternal care, timeline, worklist. */
export async function careRoutes(app: App) {
  await icd10Routes(app);
  await encounterRoutes(app);
  await immunizationRoutes(app);
  await maternalRoutes(app);
  await timelineRoutes(app);
  await worklistRoutes(app);
}
