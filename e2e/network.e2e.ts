import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFacilities, seedSector } from './support/seed';
import { logIn, openPage, seedPerson, snapshot, startJourney, switchLanguage, type Journey } from './support/journey';

const CATIA = 'VE-A-01-22';

function countsCell(page: Page, status: string) {
  // The last cell of a status row is that status's total over all tiers.
  return page.locator(`[data-testid=facility-counts] tr[data-status=${status}] td`).last();
}

function childTotal(page: Page, code: string) {
  return page.locator(`[data-testid=territory-children] tr[data-code="${code}"] td`).last();
}

describe('an administrator browses the network', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney();
    const admin = await seedPerson(journey, 'ana.admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
    const db = journey.ctx.storage.db;
    await seedSector(db, admin, CATIA, 'Los Magallanes');
    await seedFacilities(db, admin, [
      {
        code: 'DC-CP-0001',
        name: 'Consultorio Popular Los Magallanes',
        kind: 'consultorio_popular',
        parishCode: CATIA,
        status: 'operating',
      },
      {
        code: 'DC-CP-0002',
        name: 'Consultorio Popular Propatria',
        kind: 'consultorio_popular',
        parishCode: CATIA,
        status: 'planned',
      },
      {
        code: 'DC-CDI-0001',
        name: 'CDI Catia',
        kind: 'cdi',
        parishCode: CATIA,
        status: 'operating',
        bedsWard: 20,
        bedsIcu: 6,
      },
      {
        code: 'DC-CP-0003',
        name: 'Consultorio Popular 23 de Enero',
        kind: 'consultorio_popular',
        parishCode: 'VE-A-01-01',
        status: 'operating',
      },
      {
        code: 'MI-CP-0001',
        name: 'Consultorio Popular Petare',
        kind: 'consultorio_popular',
        parishCode: 'VE-M-15-01',
        status: 'under_construction',
      },
    ]);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('logs in in Spanish, switches to English and back, and walks from Venezuela down to Sucre (Catia) seeing the counts', async () => {
    const page = await openPage(journey);

    await page.goto('/');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await snapshot(page, 'login-es');

    await switchLanguage(page, 'EN');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
    await switchLanguage(page, 'ES');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();

    await logIn(page, 'ana.admin');
    await page.waitForURL('**/network');
    await page.getByRole('heading', { name: 'Venezuela', level: 1 }).waitFor();
    await expect.poll(() => countsCell(page, 'operating').textContent()).toBe('3');
    expect(await page.locator('[data-testid=facility-counts] tr[data-status=total] td').last().textContent()).toBe('5');
    expect(await childTotal(page, 'VE-A').textContent()).toBe('4');
    expect(await childTotal(page, 'VE-M').textContent()).toBe('1');
    await snapshot(page, 'network-nation-es');

    // English is one click away, and so is Spanish again.
    await switchLanguage(page, 'EN');
    await page.getByRole('heading', { name: 'States' }).waitFor();
    expect(await page.getByRole('link', { name: 'Health network' }).isVisible()).toBe(true);
    expect(await page.locator('[data-testid=facility-counts] tr[data-status=operating] th').textContent()).toBe(
      'Operating',
    );
    await snapshot(page, 'network-nation-en');
    await switchLanguage(page, 'ES');
    await page.getByRole('heading', { name: 'Estados' }).waitFor();

    await page.getByRole('link', { name: 'Distrito Capital' }).click();
    await page.waitForURL('**/network/VE-A');
    await page.getByRole('heading', { name: 'Distrito Capital', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Municipios de Distrito Capital' }).waitFor();
    await expect.poll(() => childTotal(page, 'VE-A-01').textContent()).toBe('4');

    await page.getByRole('link', { name: 'Libertador' }).click();
    await page.waitForURL('**/network/VE-A-01');
    await page.getByRole('heading', { name: 'Parroquias de Libertador' }).waitFor();
    await expect.poll(() => childTotal(page, CATIA).textContent()).toBe('3');
    expect(await childTotal(page, 'VE-A-01-01').textContent()).toBe('1');

    await page.getByRole('link', { name: 'Sucre (Catia)' }).click();
    await page.waitForURL(`**/network/${CATIA}`);
    await page.getByRole('heading', { name: 'Sucre (Catia)', level: 1 }).waitFor();
    const breadcrumbs = page.getByRole('navigation', { name: 'Ubicación en el territorio' });
    expect(await breadcrumbs.innerText()).toMatch(
      /Venezuela\s*›\s*Distrito Capital\s*›\s*Libertador\s*›\s*Sucre \(Catia\)/,
    );
    await expect.poll(() => countsCell(page, 'operating').textContent()).toBe('2');
    expect(await countsCell(page, 'planned').textContent()).toBe('1');
    expect(await page.getByText('Los Magallanes', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'CDI Catia' }).waitFor();
    await snapshot(page, 'network-parish-es');

    // A breadcrumb leads back up, and the search box jumps anywhere, accents or not.
    await breadcrumbs.getByRole('link', { name: 'Venezuela' }).click();
    await page.waitForURL('**/network');
    const jump = page.getByRole('combobox', { name: 'Ir a un territorio' });
    await jump.fill('catia');
    await page.getByRole('option', { name: /Sucre \(Catia\)/ }).click();
    await page.waitForURL(`**/network/${CATIA}`);
    await page.getByRole('heading', { name: 'Sucre (Catia)', level: 1 }).waitFor();
  });

  it('remembers the chosen language on this device', async () => {
    const page = await openPage(journey);
    await page.goto('/login');
    await switchLanguage(page, 'EN');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
