import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFacilities } from './support/seed';
import { logIn, openPage, seedPerson, snapshot, startJourney, type Journey } from './support/journey';

async function changeStatus(page: Page, to: string, reason: string) {
  await page.getByRole('link', { name: 'Cambiar estado' }).click();
  await page.getByRole('heading', { name: 'Cambiar el estado' }).waitFor();
  await page.getByRole('radio', { name: to }).check();
  await page.getByLabel('Motivo').fill(reason);
  await page.getByRole('button', { name: 'Guardar el cambio' }).click();
}

function offeredStatuses(page: Page) {
  return page
    .getByRole('radiogroup', { name: 'Nuevo estado' })
    .getByRole('radio')
    .evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value));
}

describe('a coordinator follows a consultorio popular from plan to opening', () => {
  let journey: Journey;
  let facilityId: string;

  beforeAll(async () => {
    journey = await startJourney();
    const coordinator = await seedPerson(journey, 'carlos.coordinador', [
      { role: 'territory_coordinator', territoryCode: 'VE-A' },
    ]);
    const ids = await seedFacilities(journey.ctx.storage.db, coordinator, [
      {
        code: 'DC-CP-0200',
        name: 'Consultorio Popular Altavista',
        kind: 'consultorio_popular',
        parishCode: 'VE-A-01-22',
        status: 'planned',
        statusDate: '2025-01-15',
      },
    ]);
    facilityId = ids[0]!;
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('moves it from planned to under construction to operating, with reasons, and reads the history', async () => {
    const page = await openPage(journey);
    await logIn(page, 'carlos.coordinador');
    await page.waitForURL('**/network');

    await page.getByRole('link', { name: 'Establecimientos', exact: true }).click();
    await page.getByLabel('Nombre o código').fill('altavista');
    await page.getByRole('link', { name: 'Consultorio Popular Altavista' }).click();
    await page.waitForURL(`**/facilities/${facilityId}`);
    await page.getByRole('heading', { name: 'Consultorio Popular Altavista', level: 1 }).waitFor();

    // A planned post can start building or be abandoned; it cannot open or be suspended before it is built.
    await page.getByRole('link', { name: 'Cambiar estado' }).click();
    await page.getByRole('heading', { name: 'Cambiar el estado' }).waitFor();
    expect(await offeredStatuses(page)).toEqual(['under_construction', 'closed']);
    expect(await page.getByRole('radio', { name: 'En funcionamiento' }).count()).toBe(0);
    expect(await page.getByRole('radio', { name: 'Suspendido' }).count()).toBe(0);

    // Without a reason, the form says so under the field.
    await page.getByRole('radio', { name: 'En construcción' }).check();
    await page.getByRole('button', { name: 'Guardar el cambio' }).click();
    await page.getByText('Explique el motivo (al menos 3 letras)').waitFor();
    await snapshot(page, 'status-form-es');
    await page
      .getByRole('button', { name: 'Cancelar' })
      .or(page.getByRole('link', { name: 'Cancelar' }))
      .click();
    await page.waitForURL(`**/facilities/${facilityId}`);

    await changeStatus(page, 'En construcción', 'La comunidad aprobó el proyecto en asamblea y comenzó la obra');
    await page.waitForURL(`**/facilities/${facilityId}`);
    await page.getByText('El estado ahora es «En construcción».').waitFor();

    await changeStatus(page, 'En funcionamiento', 'Inaugurado con su médico integral comunitario');
    await page.waitForURL(`**/facilities/${facilityId}`);
    await page.getByText('El estado ahora es «En funcionamiento».').waitFor();

    const history = page.getByTestId('status-history');
    await expect.poll(async () => await history.locator('.mantine-Timeline-item').count()).toBe(3);
    const entries = await history.locator('.mantine-Timeline-item').allTextContents();
    expect(entries[0]).toContain('En funcionamiento');
    expect(entries[0]).toContain('antes En construcción');
    expect(entries[0]).toContain('Inaugurado con su médico integral comunitario');
    expect(entries[0]).toContain('Registrado por carlos.coordinador');
    expect(entries[1]).toContain('antes Planificado');
    expect(entries[1]).toContain('La comunidad aprobó el proyecto en asamblea y comenzó la obra');
    expect(entries[2]).toContain('al registrarse');
    expect(entries[2]).toMatch(/15 ene\.? 2025/);
    await snapshot(page, 'facility-history-es');

    // Once operating, it may be suspended or closed, but never go back to planned.
    await page.getByRole('link', { name: 'Cambiar estado' }).click();
    await page.getByRole('heading', { name: 'Cambiar el estado' }).waitFor();
    expect(await offeredStatuses(page)).toEqual(['suspended', 'closed']);
  });
});
