import { expect, test } from '@playwright/test';
import { ADMIN, cardNames, jsEnabled, logIn, ready, startThread, uniqueName } from './helpers';

test('the directory filter updates the list in place, without errors', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'hydration needs JavaScript');
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/plekken');
  await ready(page, testInfo);
  // A full page load would wipe this marker; client-side updates keep it.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  await page.getByLabel('Kenmerk').selectOption('stille-ruimte');
  await expect(page).toHaveURL(/kenmerk=stille-ruimte/);
  await expect(cardNames(page)).toHaveText(['Bibliotheek Lindenhoek', 'De Open Kerk', 'Huiskamer Op de Hoek']);
  // Text searched with Enter applies in place too, on top of the choice.
  await page.getByLabel('Zoek op naam, adres of beschrijving').fill('Open Kerk');
  await page.getByLabel('Zoek op naam, adres of beschrijving').press('Enter');
  await expect(page).toHaveURL(/q=Open\+Kerk/);
  await expect(page).toHaveURL(/kenmerk=stille-ruimte/);
  await expect(cardNames(page)).toHaveText(['De Open Kerk']);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // The address is the filtered list: open a place and come back to the same list.
  await page.getByRole('link', { name: 'De Open Kerk' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('De Open Kerk');
  await page.goBack();
  await expect(page.getByLabel('Kenmerk')).toHaveValue('stille-ruimte');
  await expect(cardNames(page)).toHaveText(['De Open Kerk']);
  expect(problems).toEqual([]);
});

test('the discussion pages hydrate without errors', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'hydration needs JavaScript');
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  const path = await startThread(page, testInfo, uniqueName('Hydratie '), 'Een *gewoon* bericht.');
  await page.goto(path);
  await ready(page, testInfo);
  await page.goto('/plekken/buurthuis-de-linde');
  await ready(page, testInfo);
  // The proof of work starts once someone starts on the form, not for every reader.
  await page.waitForTimeout(500);
  await expect(page.locator('input[name="proof"]')).toHaveValue('');
  await page.getByLabel('Je naam').focus();
  await expect(page.locator('input[name="proof"]')).not.toHaveValue('', { timeout: 10_000 });
  await page.goto('/moderatie');
  await ready(page, testInfo);
  expect(problems).toEqual([]);
});

// Every page, as a visitor and as the administrator: the islands load where there are any,
// and the browser reports no error or warning anywhere.
const everyPage = ['/', '/plekken', '/plekken/buurthuis-de-linde', '/plekken/buurthuis-de-linde/week', '/activiteiten',
  '/gesprekken', '/aanmelden', '/inloggen', '/plekken/bestaat-niet', '/buurten/de-lindenhoek/week', '/buurt', '/buurt?q=linden'];
const adminPages = ['/account', '/beheer', '/moderatie', '/moderatie/logboek', '/uitnodigingen', '/plekken/cafe-de-hoek'];

test('no console error or warning on any page', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'the console needs JavaScript');
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  for (const path of everyPage) {
    await page.goto(path);
    await ready(page, testInfo);
  }
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  for (const path of adminPages) {
    await page.goto(path);
    await ready(page, testInfo);
  }
  // A 404 is the page's answer, not a problem of the page.
  expect(problems.filter((p) => !p.includes('404 (Not Found)'))).toEqual([]);
});

test('a page without islands loads no wasm; one with islands loads it once', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'scripts need JavaScript');
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto('/inloggen');
  await page.waitForLoadState('networkidle');
  expect(await page.locator('leptos-island').count()).toBe(0);
  expect(fetched.filter((path) => path.endsWith('.wasm') || path.endsWith('.js'))).toEqual([]);

  fetched.length = 0;
  await page.goto('/plekken');
  await ready(page, testInfo);
  expect(fetched.filter((path) => path.endsWith('.wasm'))).toHaveLength(1);
});
