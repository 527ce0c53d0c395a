import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ADMIN, jsEnabled, logIn, makeHost, ready, signUp } from './helpers';

const HEADER = 'Week (maandag),Bezoeken,Eerste keer,Eerste keer samen,Terugkomers,Via uitnodiging,Keren vol,Op wachtlijst,Afgemeld';

test('a host looks at the insights of their place and downloads them', async ({ browser, page }, testInfo) => {
  // Each project hosts its own demo place with past weeks; neither is a place whose hosts
  // another spec lists.
  const [slug, place] = jsEnabled(testInfo)
    ? ['bibliotheek-lindenhoek', 'Bibliotheek Lindenhoek']
    : ['huiskamer-op-de-hoek', 'Huiskamer Op de Hoek'];
  const hostContext = await browser.newContext();
  const host = await hostContext.newPage();
  const hostName = await signUp(host, testInfo, 'gastvrouw');
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await makeHost(page, testInfo, hostName, slug);

  await host.goto('/beheer');
  await ready(host, testInfo);
  await host.getByRole('link', { name: 'Bekijk de inzichten van je plekken' }).click();
  await expect(host).toHaveURL(/\/inzichten$/);
  await host.getByRole('link', { name: place }).click();
  await expect(host.getByRole('heading', { level: 1 })).toHaveText(`Inzichten: ${place}`);
  await expect(host.getByRole('img', { name: /Staafdiagram/ })).toBeVisible();
  await expect(host.locator('#tabel-weken tbody tr')).toHaveCount(12);

  // A shorter period through the form, then the table as a file.
  await host.getByLabel('Aantal weken').fill('4');
  await host.getByRole('button', { name: 'Toon' }).click();
  await expect(host).toHaveURL(/weken=4/);
  await expect(host.locator('#tabel-weken tbody tr')).toHaveCount(4);
  const downloading = host.waitForEvent('download');
  await host.getByRole('link', { name: 'Download deze tabel (CSV)' }).first().click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^inzichten-${slug}-weken-.*\\.csv$`));
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toBe(HEADER);
  expect(lines).toHaveLength(6);
  expect(lines[5]).toMatch(/^Totaal,\d+,/);
  for (const line of lines.slice(1, 5)) {
    expect(line).toMatch(/^\d{4}-\d{2}-\d{2}(,(0|< 5|[5-9]|\d{2,})){8}$/);
  }
  await hostContext.close();
});

test('a resident may not see insights', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'bewoner');
  await expect(page.getByRole('link', { name: 'Inzichten' })).toHaveCount(0);
  const response = await page.goto('/inzichten/plekken/buurthuis-de-linde');
  expect(response?.status()).toBe(403);
  await expect(page.getByText('Dit mag je niet doen met je account.')).toBeVisible();
  const file = await page.request.get('/inzichten/plekken/buurthuis-de-linde/weken.csv');
  expect(file.status()).toBe(403);
});
