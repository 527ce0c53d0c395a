import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ADMIN, chooseNeighbourhood, logIn, makeHost, ready, startThread, uniqueName } from './helpers';

// Runs in the `phone` project only (tagged @phone): a 360 × 740 screen, the narrowest we design for.
const WIDTH = 360;

const publicPages = [
  '/',
  '/plekken',
  '/plekken?soort=park',
  '/plekken?soort=kasteel&q=' + 'x'.repeat(101),
  '/plekken/buurthuis-de-linde',
  '/plekken/buurthuis-de-linde/week',
  '/plekken/bestaat-niet',
  '/buurten/de-lindenhoek/week',
  '/activiteiten',
  '/activiteiten?buurt=de-lindenhoek',
  '/kaart',
  '/kaart?buurt=',
  '/gesprekken',
  '/aanmelden',
  '/aanmelden?code=ABCD-EFGH',
  '/inloggen',
  '/buurt',
  '/buurt?q=xyz',
  '/buurt?q=linden',
  '/plekken?buurt=xyz',
];

// As the administrator, who sees every form on these pages.
const signedInPages = [
  '/account',
  '/beheer',
  '/uitnodigingen',
  '/moderatie',
  '/moderatie/logboek',
  '/gesprekken',
  '/plekken/buurthuis-de-linde',
];

/** Opens the header's menu, checks the page fits the screen and has no axe violations. */
async function checkPage(page: Page, testInfo: TestInfo, path: string): Promise<void> {
  await test.step(path, async () => {
    await page.goto(path);
    await ready(page, testInfo);
  });
  const menu = page.locator('details.site-menu');
  await expect(menu).not.toHaveAttribute('open');
  expect(await scrollWidth(page), `${path} scrolls sideways`).toBeLessThanOrEqual(WIDTH);
  await page.locator('.site-menu__toggle').click();
  await expect(page.getByRole('navigation').getByRole('link').first()).toBeVisible();
  expect(await scrollWidth(page), `${path} scrolls sideways with the menu open`).toBeLessThanOrEqual(WIDTH);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${path} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The first link on `listPath` whose address matches `pattern`. */
async function firstLink(page: Page, testInfo: TestInfo, listPath: string, pattern: RegExp): Promise<string | null> {
  await page.goto(listPath);
  await ready(page, testInfo);
  const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.find((href) => pattern.test(href)) ?? null;
}

// An occurrence and a thread too: the demo's first ones, or those other specs made.
test('every public page fits a phone screen and passes axe @phone', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const occurrence = await firstLink(page, testInfo, '/activiteiten', /^\/activiteiten\/\d+\/[\d-]+$/);
  const thread = await firstLink(page, testInfo, '/gesprekken', /^\/gesprekken\/\d+$/);
  const extra = [occurrence, thread].filter((path): path is string => path !== null);
  for (const path of [...publicPages, ...extra]) {
    await checkPage(page, testInfo, path);
  }
});

test('choosing a neighbourhood, and its home page, fit a phone screen @phone', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await checkPage(page, testInfo, '/buurt');
  // The field and its button stay on the screen, whether side by side or stacked.
  for (const control of [page.getByLabel('Naam van je buurt of je postcode'), page.getByRole('button', { name: 'Kiezen', exact: true })]) {
    const box = (await control.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  }
  await chooseNeighbourhood(page, testInfo, 'linden');
  for (const path of ['/', '/activiteiten', '/gesprekken']) {
    await checkPage(page, testInfo, path);
  }
});

/** Makes the administrator host of a place no other spec uses and gives it an activity;
 * returns the activity's first date's path (with the host's buttons on it). */
async function hostedActivity(page: Page, testInfo: TestInfo): Promise<string> {
  const slug = 'jongerencentrum-de-loods';
  await page.goto(`/plekken/${slug}`);
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await makeHost(page, testInfo, ADMIN.username, slug);

  const title = uniqueName('Huiswerkklas ');
  await page.goto('/beheer');
  await ready(page, testInfo);
  await page.getByLabel('Plek', { exact: true }).selectOption({ label: name });
  await page.getByLabel('Naam van de activiteit').fill(title);
  await page.getByLabel('Datum (de eerste keer)').fill('2026-11-27');
  await page.getByLabel('Begintijd').fill('15:00');
  await page.getByLabel('Eindtijd').fill('17:00');
  await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
  await expect(page).toHaveURL(/\/beheer\?nieuw=\d+/);
  const first = page.locator('.activity', { hasText: title }).first();
  return (await first.getByRole('link', { name: title }).getAttribute('href'))!;
}

test('every signed-in page fits a phone screen and passes axe @phone', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  const thread = await startThread(page, testInfo, uniqueName('Telefoon '), 'Een bericht met een heel-lang-woord-'.repeat(4));
  const occurrence = await hostedActivity(page, testInfo);
  const [, id, date] = occurrence.match(/\/activiteiten\/(\d+)\/([\d-]+)/)!;
  const manage = [occurrence, `${occurrence}/afzeggen`, `/beheer/activiteit/${id}`, `/beheer/deur/${id}/${date}`];
  for (const path of [...signedInPages, thread, ...manage, '/activiteiten']) {
    await checkPage(page, testInfo, path);
  }
});

test('the menu opens on a phone and its links lead to their pages @phone', async ({ page }, testInfo) => {
  await page.goto('/');
  await ready(page, testInfo);
  const toggle = page.getByText('Menu', { exact: true });
  const places = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Plekken' });
  await expect(toggle).toBeVisible();
  await expect(places).toBeHidden();

  // By keyboard: the toggle is in the tab order and opens with Enter.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(places).toBeVisible();
  for (const name of ['Start', 'Activiteiten', 'Gesprekken']) {
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Start' })).toBeFocused();

  await places.click();
  await expect(page).toHaveURL(/\/plekken$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the menu opens without JavaScript @phone', async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: false,
    viewport: { width: WIDTH, height: 740 },
  });
  const page = await context.newPage();
  await page.goto('/');
  const activities = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Activiteiten' });
  await expect(activities).toBeHidden();
  await page.getByText('Menu', { exact: true }).click();
  await activities.click();
  await expect(page).toHaveURL(/\/activiteiten$/);
  await context.close();
});

test('a wide screen shows the navigation without the menu toggle @phone', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await ready(page, testInfo);
  await expect(page.getByText('Menu', { exact: true })).toBeHidden();
  for (const name of ['Start', 'Plekken', 'Activiteiten', 'Gesprekken']) {
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();
});
