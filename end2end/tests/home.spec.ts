import { expect, test } from '@playwright/test';
import { cardNames, chooseNeighbourhood, HOME_OPEN_AT_TEST_TIME, ready } from './helpers';

test('the home page leads with what is open now and what happens today', async ({ page }, testInfo) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await ready(page, testInfo);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom op Buurtplein');

  const openNow = page.locator('section.open-now');
  await expect(openNow.getByRole('heading', { level: 2 })).toHaveText('Nu open: hier is het licht aan');
  await expect(cardNames(page, 'section.open-now')).toHaveText(HOME_OPEN_AT_TEST_TIME);
  await expect(openNow.locator('.place-card', { hasText: 'Buurthuis De Linde' })).toContainText('Nu open · tot 22:00');
  // The demo's host switched the light on at a place that is closed on Tuesdays.
  await expect(openNow.locator('.place-card', { hasText: 'Huiskamer Op de Hoek' })).toContainText(
    'Het licht is aan · kom binnen, tot 13:30',
  );

  // The site has one neighbourhood: it is shown without asking, and with nothing to change.
  await expect(page.getByRole('button', { name: 'Andere buurt kiezen' })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('Je buurt is');

  // What happens today, a few, with the whole week one link away.
  const today = page.locator('section.upcoming');
  await expect(today.getByRole('heading', { level: 2 })).toHaveText('Vandaag');
  await expect(today.locator('.activity', { hasText: 'Taalcafé' })).toContainText('Vol: je komt op de wachtlijst');
  await expect(today.locator('.activity', { hasText: 'Spreekuur wijkteam' })).toContainText('13:00');
  await expect(today.getByRole('link', { name: 'Alles wat er deze week gebeurt' })).toHaveAttribute(
    'href',
    '/activiteiten?buurt=de-lindenhoek&week=1',
  );

  // The places are one link away, not listed again.
  const neighbourhood = page.locator('section.neighbourhood');
  await expect(neighbourhood.getByRole('heading', { level: 2 })).toHaveText('Plekken in De Lindenhoek');
  await expect(cardNames(page, 'section.neighbourhood')).toHaveCount(0);
  await expect(neighbourhood.getByRole('link', { name: 'Alle 15 plekken in De Lindenhoek' })).toHaveAttribute(
    'href',
    '/plekken?buurt=de-lindenhoek',
  );
  await expect(neighbourhood.getByRole('link', { name: 'Alle plekken op de kaart' })).toHaveAttribute(
    'href',
    '/kaart?buurt=de-lindenhoek',
  );
});

test('every place is one tap away, closed ones saying when they open', async ({ page }, testInfo) => {
  await page.goto('/');
  await ready(page, testInfo);
  await page.getByRole('link', { name: 'Alle 15 plekken in De Lindenhoek' }).click();
  await expect(page).toHaveURL(/\/plekken\?buurt=de-lindenhoek$/);
  await ready(page, testInfo);
  await expect(cardNames(page)).toHaveCount(15);
  await expect(page.locator('.place-card', { hasText: 'Café De Hoek' })).toContainText('Gesloten · opent vandaag om 11:00');
  await expect(page.locator('.place-card', { hasText: 'De Open Kerk' })).toContainText('Gesloten · opent morgen om 10:00');
});

test('the whole week is one tap away', async ({ page }, testInfo) => {
  await page.goto('/');
  await ready(page, testInfo);
  await page.getByRole('link', { name: 'Alles wat er deze week gebeurt' }).click();
  await expect(page).toHaveURL(/\/activiteiten\?buurt=de-lindenhoek&week=1$/);
  await ready(page, testInfo);
  await expect(page.locator('section.day', { hasText: 'woensdag 25 november' }).locator('.activity', { hasText: 'Voorleesuurtje' })).toBeVisible();
});

test('a place card leads to the place', async ({ page }, testInfo) => {
  await page.goto('/');
  await ready(page, testInfo);
  await page.locator('section.open-now').getByRole('link', { name: 'Park De Vijverhof' }).click();
  await expect(page).toHaveURL(/\/plekken\/park-de-vijverhof$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Park De Vijverhof');
});

test('the home page is at most three phone screens tall @phone', async ({ page }, testInfo) => {
  const viewport = page.viewportSize()!;
  test.skip(viewport.width > 400, 'measured on the phone screen');
  await page.goto('/');
  await ready(page, testInfo);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, `${height}px at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(3 * viewport.height);

  // And the home of a chosen neighbourhood, with its places open now and today's activities.
  await chooseNeighbourhood(page, testInfo, 'linden');
  await expect(page.locator('section.open-now li').first()).toBeVisible();
  const chosen = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(chosen, `chosen: ${chosen}px at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(3 * viewport.height);
});
