import { expect, test } from '@playwright/test';
import { ready } from './helpers';

test('a place page shows hours, today, features, hosts and the map', async ({ page }, testInfo) => {
  await page.goto('/plekken');
  await ready(page, testInfo);
  await page.getByRole('link', { name: 'Buurthuis De Linde' }).click();
  await expect(page).toHaveURL(/\/plekken\/buurthuis-de-linde$/);
  await expect(page).toHaveTitle('Buurthuis De Linde · Buurtplein');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buurthuis De Linde');
  await expect(page.locator('.place__header')).toContainText('Nu open · tot 22:00');
  await expect(page.locator('.place__header')).toContainText('in De Lindenhoek');

  const today = page.locator('table.hours tr.today');
  await expect(today).toHaveCount(1);
  await expect(today).toContainText('dinsdag (vandaag)');
  await expect(today).toContainText('09:00 – 22:00');
  await expect(page.locator('table.hours tr', { hasText: 'zondag' })).toContainText('gesloten');

  await expect(page.locator('.features li')).toContainText(['Drempelvrij', 'Ringleiding']);
  await expect(page.locator('ul.hosts li')).toHaveText(['Ans', 'Mehmet']);
  await expect(page.locator('address')).toContainText('Lindeplein 4');
  const map = page.getByRole('link', { name: 'Bekijk Buurthuis De Linde op OpenStreetMap' });
  await expect(map).toHaveAttribute('href', /openstreetmap\.org\/\?mlat=52\.17521&mlon=5\.28914/);
});

test('a place open past midnight says so', async ({ page }, testInfo) => {
  await page.goto('/plekken/cafe-de-hoek');
  await ready(page, testInfo);
  await expect(page.locator('table.hours tr', { hasText: 'vrijdag' })).toContainText('11:00 – 02:00');
  await expect(page.locator('.place__header')).toContainText('Gesloten · opent vandaag om 11:00');
});

test('a malformed place address gets a clear 400 page', async ({ page }, testInfo) => {
  const response = await page.goto('/plekken/Hallo_Wereld!');
  expect(response?.status()).toBe(400);
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dit adres klopt niet');
});
