import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyFacilities, seedFacilities } from './support/seed';
import { choose, logIn, openPage, seedPerson, snapshot, startJourney, type Journey } from './support/journey';

const range = (page: Page) => page.getByTestId('facility-range');
const rows = (page: Page) => page.locator('[data-testid=facility-table] tbody tr');

describe('a planner lists the facilities of a state', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney();
    const admin = await seedPerson(journey, 'ana.admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
    const db = journey.ctx.storage.db;
    // Mérida: 30 operating posts and 4 planned ones; Lara: 6 operating posts that must not show.
    await seedFacilities(
      db,
      admin,
      manyFacilities(
        30,
        { kind: 'consultorio_popular', parishCode: 'VE-L-01-01', status: 'operating' },
        'Consultorio Popular Mérida',
        'ME-CP',
      ),
    );
    await seedFacilities(
      db,
      admin,
      manyFacilities(
        4,
        { kind: 'consultorio_popular', parishCode: 'VE-L-02-01', status: 'planned' },
        'Consultorio Popular Azulita',
        'ME-PL',
      ),
    );
    await seedFacilities(
      db,
      admin,
      manyFacilities(
        6,
        { kind: 'consultorio_popular', parishCode: 'VE-K-01-01', status: 'operating' },
        'Consultorio Popular Lara',
        'LA-CP',
      ),
    );
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('filters by state and status, pages through, and the address can be shared', async () => {
    const page = await openPage(journey);
    await logIn(page, 'ana.admin');
    await page.waitForURL('**/network');

    await page.getByRole('link', { name: 'Establecimientos', exact: true }).click();
    await page.waitForURL('**/facilities');
    await expect.poll(() => range(page).textContent()).toBe('1–25 de 40 establecimientos');

    await choose(page, 'Territorio', /^Mérida\s*Estado$/, 'merida');
    await expect.poll(() => range(page).textContent()).toBe('1–25 de 34 establecimientos');
    await choose(page, 'Estado', 'En funcionamiento');
    await expect.poll(() => range(page).textContent()).toBe('1–25 de 30 establecimientos');
    const url = new URL(page.url());
    expect(url.searchParams.get('territory')).toBe('VE-L');
    expect(url.searchParams.get('status')).toBe('operating');
    expect(await rows(page).count()).toBe(25);
    expect(await page.locator('[data-testid=facility-table] tbody').innerText()).not.toContain('Lara');
    await snapshot(page, 'facility-list-es');

    await page.getByRole('button', { name: 'Página siguiente' }).click();
    await expect.poll(() => range(page).textContent()).toBe('26–30 de 30 establecimientos');
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await expect.poll(() => rows(page).count()).toBe(5);
    expect(await rows(page).first().innerText()).toContain('Consultorio Popular Mérida 26');

    // Someone who opens the same address sees the same page, with the filters filled in.
    const shared = await openPage(journey);
    await logIn(shared, 'ana.admin');
    await shared.waitForURL('**/network');
    await shared.goto(page.url());
    await expect.poll(() => range(shared).textContent()).toBe('26–30 de 30 establecimientos');
    await expect.poll(() => shared.getByRole('combobox', { name: 'Territorio' }).inputValue()).toBe('Mérida');
    expect(await shared.getByRole('combobox', { name: 'Estado' }).inputValue()).toBe('En funcionamiento');

    // Choosing the same status again clears it: the list widens and returns to the first page.
    await choose(shared, 'Estado', 'En funcionamiento');
    await expect.poll(() => range(shared).textContent()).toBe('1–25 de 34 establecimientos');
    expect(new URL(shared.url()).searchParams.get('page')).toBeNull();
  });
});
