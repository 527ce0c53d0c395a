import { expect, test } from '@playwright/test';
import { cardNames, OPEN_AT_TEST_TIME, ready } from './helpers';

test('the home page shows which places are open now', async ({ page }, testInfo) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await ready(page, testInfo);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom op Buurtplein');

  const openNow = page.locator('section.open-now');
  await expect(openNow.getByRole('heading', { level: 2 })).toHaveText('Nu open: hier is het licht aan');
  await expect(cardNames(page, 'section.open-now')).toHaveText(OPEN_AT_TEST_TIME);
  await expect(openNow.locator('.place-card', { hasText: 'Buurthuis De Linde' })).toContainText('Nu open · tot 22:00');

  // The site has one neighbourhood: it is shown without asking, and with nothing to change.
  await expect(page.getByRole('button', { name: 'Andere buurt kiezen' })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('Je buurt is');
  await expect(page.locator('section.upcoming').getByRole('heading', { level: 2 })).toHaveText('Vandaag en deze week');

  // All places of the neighbourhood follow, closed ones saying when they open.
  const neighbourhood = page.locator('section.neighbourhood');
  await expect(neighbourhood.getByRole('heading', { level: 2 })).toHaveText('Plekken in De Lindenhoek');
  await expect(cardNames(page, 'section.neighbourhood')).toHaveCount(15);
  await expect(neighbourhood.locator('.place-card', { hasText: 'Café De Hoek' })).toContainText('Gesloten · opent vandaag om 11:00');
  await expect(neighbourhood.locator('.place-card', { hasText: 'De Open Kerk' })).toContainText('Gesloten · opent morgen om 10:00');
});

test('a place card leads to the place', async ({ page }, testInfo) => {
  await page.goto('/');
  await ready(page, testInfo);
  await page.locator('section.open-now').getByRole('link', { name: 'Park De Vijverhof' }).click();
  await expect(page).toHaveURL(/\/plekken\/park-de-vijverhof$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Park De Vijverhof');
});
