import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { DEMO_HOST, jsEnabled, logIn, ready, signUp, uniqueName } from './helpers';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// Cancelling with care: a host is asked first, on a page that says what is cancelled and
// how many joined; everyone who joined is told on their account page. The host is the
// demo's own (see the README); every test makes an activity with a name of its own.

/** Logs in as the demo host and creates an activity at their place through the server
 * function; returns the path of its date. */
async function hostActivity(page: Page, testInfo: TestInfo, title: string, date: string, repeat: string): Promise<string> {
  await logIn(page, testInfo, DEMO_HOST.username, DEMO_HOST.password);
  await page.goto('/beheer');
  await ready(page, testInfo);
  const place = await page.locator('#activiteit-place option', { hasText: DEMO_HOST.place }).getAttribute('value');
  expect(place).toMatch(/^\d+$/);
  const made = await page.request.post('/api/activities/create', {
    form: {
      place: place!,
      'form[title]': title,
      'form[date]': date,
      'form[start]': '19:00',
      'form[end]': '20:30',
      'form[repeat]': repeat,
    },
  });
  expect(made.status(), await made.text()).toBeLessThan(400);
  await page.goto('/beheer');
  await ready(page, testInfo);
  const link = page.locator('.activity', { hasText: title }).first().getByRole('link', { name: title });
  const path = (await link.getAttribute('href'))!;
  expect(path).toMatch(new RegExp(`^/activiteiten/\\d+/${date}$`));
  return path;
}

test('a host cancels one date after confirming, and the resident who joined is told @phone', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const title = uniqueName('Breiclub ');
  const path = await hostActivity(page, testInfo, title, '2026-12-02', 'weekly');

  // A neighbour joins that date.
  const residentContext = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
    viewport: testInfo.project.use.viewport,
  });
  const resident = await residentContext.newPage();
  await signUp(resident, testInfo, 'breister');
  await resident.goto(path);
  await ready(resident, testInfo);
  await resident.getByRole('button', { name: 'Ik doe mee' }).click();
  await expect(resident.getByRole('status')).toHaveText('Je doet mee');

  // The host's button asks first; going back changes nothing.
  await page.goto(path);
  await ready(page, testInfo);
  await page.getByRole('link', { name: 'Deze keer afzeggen' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}/afzeggen$`));
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze keer afzeggen?');
  const main = page.locator('main');
  await expect(main).toContainText(`${title} bij ${DEMO_HOST.place} gaat dan niet door op woensdag 2 december, van 19:00 tot 20:30.`);
  await expect(main).toContainText('1 bewoner doet mee of staat op de wachtlijst.');
  await page.getByRole('link', { name: 'Nee, niet afzeggen' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  // Now for real.
  await page.getByRole('link', { name: 'Deze keer afzeggen' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}/afzeggen$`));
  await ready(page, testInfo);
  await page.getByRole('button', { name: 'Ja, deze keer afzeggen' }).click();
  await expect(page).toHaveURL(/\/beheer$/);
  expect((await page.goto(path))?.status()).toBe(404);

  // The neighbour reads it on their account page, and marks it read.
  await resident.goto('/account');
  await ready(resident, testInfo);
  const notices = resident.locator('section.notices');
  await expect(notices.getByRole('heading', { level: 2 })).toHaveText('Berichten voor jou');
  await expect(notices).toContainText(
    `Afgezegd: ${title} op woensdag 2 december om 19:00 bij ${DEMO_HOST.place} gaat niet door.`,
  );
  if (jsEnabled(testInfo)) {
    const results = await new AxeBuilder({ page: resident }).withTags(AXE_TAGS).analyze();
    expect(results.violations.map((v) => `/account ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }
  await notices.getByRole('button', { name: `Bericht over ${title} op woensdag 2 december gelezen` }).click();
  await expect(resident).toHaveURL(/\/account$/);
  await expect(resident.locator('main')).not.toContainText(`${title} op woensdag 2 december`);
  await residentContext.close();
});

test('a one-off shows no button to cancel every date @phone', async ({ page }, testInfo) => {
  const once = await hostActivity(page, testInfo, uniqueName('Burendag '), '2026-12-05', 'once');
  await page.goto(once);
  await ready(page, testInfo);
  await expect(page.getByRole('link', { name: 'Deze keer afzeggen' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Alle keren afzeggen|hele reeks/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /afzeggen|reeks/ })).toHaveCount(0);

  // An activity that repeats offers both, in plain words.
  const weekly = await hostActivity(page, testInfo, uniqueName('Zangkoor '), '2026-12-03', 'weekly');
  await page.goto(weekly);
  await ready(page, testInfo);
  await page.getByRole('link', { name: 'Alle keren afzeggen (elke week)' }).click();
  await expect(page).toHaveURL(/\/afzeggen\?alles=1$/);
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alle keren afzeggen?');
  await expect(page.locator('main')).toContainText('elke week op donderdag om 19:00');
  await expect(page.getByRole('button', { name: 'Ja, alle keren afzeggen' })).toBeVisible();
});
