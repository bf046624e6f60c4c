import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, seedUser, TEST_PASSWORD, type TestContext } from '../../src/test/harness';

export { TEST_PASSWORD };

const WEB_DIR = 'dist/web';

/** Debian's Chromium, headless, with nothing reaching out to the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.ADENTRO_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Journey {
  baseUrl: string;
  ctx: TestContext;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A fresh server on a free port, serving the built web app over a fresh database, and a
 * browser to walk through it.
 */
export async function startJourney(): Promise<Journey> {
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error(`The web app is not built: run "npx vite build" so that ${WEB_DIR} exists`);
  }
  const ctx = await createTestApp();
  const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    baseUrl: address,
    ctx,
    browser,
    close: async () => {
      await browser.close();
      await ctx.close();
    },
  };
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A new browser tab with nothing remembered from another journey. */
export async function openPage(journey: Journey, viewport = DESKTOP): Promise<Page> {
  const context = await journey.browser.newContext({
    viewport,
    locale: 'es-VE',
    timezoneId: 'America/Caracas',
    baseURL: journey.baseUrl,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function seedPerson(journey: Journey, username: string, roles: Parameters<typeof seedUser>[2]) {
  return seedUser(journey.ctx.storage, username, roles);
}

/** Logs in through the login form, as a person would. */
export async function logIn(page: Page, username: string, password = TEST_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

/** Saves what the person sees, when ADENTRO_SCREENSHOTS names a directory. */
export async function snapshot(page: Page, name: string) {
  const dir = process.env.ADENTRO_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Opens a select by its label, optionally types to search, and picks the option by its text. */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp, search?: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  if (search !== undefined) await box.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

/** Switches the interface language with the ES/EN switch, as a person would with one click. */
export async function switchLanguage(page: Page, language: 'ES' | 'EN') {
  await page
    .getByRole('radiogroup', { name: /Idioma|Language/ })
    .getByText(language, { exact: true })
    .click();
}
