import { expect, test } from '@playwright/test';
import { ready } from './helpers';

test('switch to English and back, remembered between pages', async ({ page }, testInfo) => {
  await page.goto('/plekken?soort=park');
  await ready(page, testInfo);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await page.getByRole('button', { name: 'English' }).click();

  // Back on the same page, query and all, now in English.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/\/plekken\?soort=park$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Places in the neighbourhood');
  await expect(page.getByLabel('Kind of place')).toHaveValue('park');
  await expect(page.getByRole('heading', { name: '3 places found' })).toBeVisible();

  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Buurtplein');
  await expect(page.locator('section.open-now h2')).toHaveText('Open now: the light is on here');

  await ready(page, testInfo);
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom op Buurtplein');
});
