import { expect, test } from '@playwright/test';
import { ready } from './helpers';

for (const path of ['/plekken/bestaat-niet', '/dit/bestaat/niet']) {
  test(`an unknown address (${path}) is a friendly 404`, async ({ page }, testInfo) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await ready(page, testInfo);
    await expect(page).toHaveTitle('Deze pagina bestaat niet · Buurtplein');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
    await page.getByRole('link', { name: 'Naar de startpagina' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom op Buurtplein');
  });
}
