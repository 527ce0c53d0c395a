import { expect, test } from '@playwright/test';
import { ADMIN, cardNames, jsEnabled, logIn, ready, startThread, uniqueName } from './helpers';

test('after hydration the directory updates in place, without errors', async ({ page }, testInfo) => {
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

  await page.getByRole('link', { name: 'De Open Kerk' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('De Open Kerk');
  await page.goBack();
  await expect(page.getByLabel('Kenmerk')).toHaveValue('stille-ruimte');

  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
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
  await expect(page.locator('input[name="proof"]')).not.toHaveValue('', { timeout: 10_000 });
  await page.goto('/moderatie');
  await ready(page, testInfo);
  expect(problems).toEqual([]);
});
