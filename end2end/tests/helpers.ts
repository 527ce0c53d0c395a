import { expect, type Page, type TestInfo } from '@playwright/test';

/** Whether this run has JavaScript (the `hydrated` project) or not (`no-js`). */
export function jsEnabled(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/**
 * With JavaScript, waits until the wasm has hydrated the page's islands; a page without
 * islands loads no wasm, and without JavaScript there is nothing to wait for.
 */
export async function ready(page: Page, testInfo: TestInfo): Promise<void> {
  if (jsEnabled(testInfo) && (await page.locator('leptos-island').count()) > 0) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

/** The names on the place cards in a section of the page. */
export function cardNames(page: Page, scope = 'main') {
  return page.locator(`${scope} .place-card__name`);
}

/**
 * The places open at the fixed test time, Tuesday 24 November 2026, 10:30: by their hours,
 * and Huiskamer Op de Hoek (closed on Tuesdays) because its host switched the demo's light
 * on when the server started, until 13:30.
 */
export const OPEN_AT_TEST_TIME = [
  'Bibliotheek Lindenhoek',
  'Buurthuis De Linde',
  'Huiskamer Op de Hoek',
  'Koffiecorner bij de Buurtsuper',
  'Koffietafel bij Bakkerij Van Dam',
  'Park De Vijverhof',
];

/** The home page's "open now" at the test time: where the light is on first. */
export const HOME_OPEN_AT_TEST_TIME = [
  'Huiskamer Op de Hoek',
  ...OPEN_AT_TEST_TIME.filter((name) => name !== 'Huiskamer Op de Hoek'),
];

/** The administrator that start-server.sh creates. */
export const ADMIN = { username: 'beheerder', password: 'e2e-beheer-wachtwoord' };

/** The demo's host account (see the README), host of Huiskamer Op de Hoek. */
export const DEMO_HOST = {
  username: 'demo-gastvrouw',
  password: 'lindenhoek-gastvrouw',
  place: 'Huiskamer Op de Hoek',
  slug: 'huiskamer-op-de-hoek',
};

/** A username no other test (or run) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Signs up through the form; returns the username. Ends on the account page. */
export async function signUp(page: Page, testInfo: TestInfo, prefix = 'bewoner', path = '/aanmelden'): Promise<string> {
  const username = uniqueName(prefix);
  await page.goto(path);
  await ready(page, testInfo);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Naam die anderen zien').fill(`Buur ${username}`);
  await page.getByLabel('Wachtwoord', { exact: true }).fill('een lange zin als wachtwoord');
  await page.getByLabel('Wachtwoord nog een keer').fill('een lange zin als wachtwoord');
  await page.getByRole('button', { name: 'Account maken' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hallo Buur ${username}`);
  return username;
}

/** Logs in through the form. */
export async function logIn(page: Page, testInfo: TestInfo, username: string, password: string): Promise<void> {
  await page.goto('/inloggen');
  await ready(page, testInfo);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** Starts a neighbourhood topic and returns the thread's path. */
export async function startThread(page: Page, testInfo: TestInfo, title: string, body: string): Promise<string> {
  await page.goto('/gesprekken');
  await ready(page, testInfo);
  await page.getByLabel('Onderwerp').fill(title);
  // The neighbourhood is typed (prefilled with the resident's own, when they chose one).
  await page.getByLabel('Buurt', { exact: true }).fill('De Lindenhoek');
  await page.getByLabel('Je bericht').fill(body);
  await page.getByRole('button', { name: 'Gesprek beginnen' }).click();
  await expect(page).toHaveURL(/\/gesprekken\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  return new URL(page.url()).pathname;
}

/** The demo site's only neighbourhood. */
export const NEIGHBOURHOOD = { slug: 'de-lindenhoek', name: 'De Lindenhoek', city: 'Zandwijk' };

/** Chooses a neighbourhood on /buurt by what a resident would type; ends on the home page. */
export async function chooseNeighbourhood(page: Page, testInfo: TestInfo, text: string): Promise<void> {
  await page.goto('/buurt');
  await ready(page, testInfo);
  await page.getByLabel('Naam van je buurt of je postcode').fill(text);
  await page.getByRole('button', { name: 'Kiezen', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Buurtplein in ${NEIGHBOURHOOD.name}`);
}

/** Makes `username` host of the place `slug` through the moderation page's role form. */
export async function makeHost(page: Page, testInfo: TestInfo, username: string, slug: string): Promise<void> {
  await grantRole(page, testInfo, username, 'host', slug);
}

/**
 * As the administrator on /moderatie: searches for the person (and the place, by its name
 * or address), picks them from what was found and gives the role.
 */
export async function grantRole(
  page: Page,
  testInfo: TestInfo,
  username: string,
  role: 'host' | 'moderator' | 'editor' | 'no_editor',
  place?: string,
): Promise<void> {
  await page.goto('/moderatie');
  await ready(page, testInfo);
  const search = page.locator('form', { has: page.getByRole('button', { name: 'Zoek', exact: true }) });
  await search.getByLabel('Wie? Typ een naam of gebruikersnaam').fill(username);
  if (place) await search.getByLabel('Welke plek?').fill(place);
  await search.getByRole('button', { name: 'Zoek', exact: true }).click();
  const roles = page.locator('form', { has: page.getByRole('button', { name: 'Rol geven' }) });
  await roles.getByRole('radio', { name: new RegExp(`\\(@${username}\\)`) }).check();
  await roles.getByLabel('Rol', { exact: true }).selectOption(role);
  if (place) await roles.locator(`input[name="place"][value="${place}"]`).check();
  // Wait for the server's answer: leaving the page earlier could cancel the request.
  const granted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/'));
  await roles.getByRole('button', { name: 'Rol geven' }).click();
  expect((await granted).status()).toBeLessThan(400);
  await page.waitForLoadState('load');
  await expect(page.getByRole('status')).toContainText('De rol is gegeven');
}

const NUMBERS: Record<string, number> = {
  twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9,
};

/** Reads "Hoeveel is drie plus vier?" and answers it like a person would. */
export async function answer(page: Page): Promise<string> {
  const hint = await page.locator('#gast-answer-hint').textContent();
  const match = hint!.match(/Hoeveel is (\w+) plus (\w+)\?/);
  expect(match).not.toBeNull();
  return String(NUMBERS[match![1]] + NUMBERS[match![2]]);
}
