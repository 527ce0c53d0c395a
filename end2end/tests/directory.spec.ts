import { expect, type Page, test, type TestInfo } from '@playwright/test';
import { cardNames, jsEnabled, OPEN_AT_TEST_TIME, ready } from './helpers';

/** With JavaScript a changed choice applies at once; without it the visitor presses the button. */
async function apply(page: Page, testInfo: TestInfo, expectedUrl: RegExp) {
  if (!jsEnabled(testInfo)) {
    await page.getByRole('button', { name: 'Toon plekken' }).click();
  }
  await expect(page).toHaveURL(expectedUrl);
}

test('filter the directory by kind', async ({ page }, testInfo) => {
  await page.goto('/plekken');
  await ready(page, testInfo);
  await expect(cardNames(page)).toHaveCount(15);
  await page.getByLabel('Soort plek').selectOption('bibliotheek');
  await apply(page, testInfo, /\/plekken\?.*soort=bibliotheek/);
  await expect(page.getByRole('heading', { name: '1 plek gevonden' })).toBeVisible();
  await expect(cardNames(page)).toHaveText(['Bibliotheek Lindenhoek']);
  await expect(page.getByLabel('Soort plek')).toHaveValue('bibliotheek');
});

test('search the directory by text', async ({ page }, testInfo) => {
  await page.goto('/plekken');
  await ready(page, testInfo);
  await page.getByLabel('Zoek op naam, adres of beschrijving').fill('marktstraat');
  await page.getByLabel('Zoek op naam, adres of beschrijving').press('Enter');
  await expect(page).toHaveURL(/q=marktstraat/);
  await expect(cardNames(page)).toHaveText(['Bibliotheek Lindenhoek', 'Koffietafel bij Bakkerij Van Dam']);
  await expect(page.getByRole('heading', { name: '2 plekken gevonden' })).toBeVisible();
});

test('show only places that are open now', async ({ page }, testInfo) => {
  await page.goto('/plekken');
  await ready(page, testInfo);
  await page.getByLabel('Alleen plekken die nu open zijn').check();
  await apply(page, testInfo, /open=1/);
  await expect(cardNames(page)).toHaveText(OPEN_AT_TEST_TIME);
});

test('a filtered URL can be shared', async ({ page }, testInfo) => {
  const response = await page.goto('/plekken?soort=park&kenmerk=toegankelijk-toilet');
  expect(response?.status()).toBe(200);
  await ready(page, testInfo);
  await expect(cardNames(page)).toHaveText(['Speeltuin Het Kraaiennest']);
  await expect(page.getByLabel('Soort plek')).toHaveValue('park');
  await expect(page.getByLabel('Kenmerk')).toHaveValue('toegankelijk-toilet');
  await page.getByRole('link', { name: 'Alle filters wissen' }).click();
  await expect(cardNames(page)).toHaveCount(15);
});

test('bad filter values get a message beside the field', async ({ page }, testInfo) => {
  const response = await page.goto('/plekken?soort=kasteel&q=' + 'x'.repeat(101));
  expect(response?.status()).toBe(400);
  await ready(page, testInfo);
  await expect(page.locator('#soort-fout')).toHaveText('Deze soort plek kennen we niet. Kies er een uit de lijst.');
  await expect(page.getByLabel('Soort plek')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#q-fout')).toHaveText('Dat is te lang. Gebruik hooguit 100 tekens.');
  await expect(page.getByRole('alert')).toContainText('Niet alles in je zoekopdracht klopte');
  // What did make sense still gives results.
  await expect(cardNames(page)).toHaveCount(15);
});

test('a filter leaves an address with only what was chosen', async ({ page }, testInfo) => {
  await page.goto('/activiteiten');
  await ready(page, testInfo);
  await page.locator('#plek').fill('Linde');
  await page.getByRole('button', { name: 'Toon activiteiten' }).click();
  await expect(page).toHaveURL(/\/activiteiten\?plek=Linde$/);
  await page.goto('/plekken?q=koffie&soort=&buurt=&kenmerk=');
  await expect(page).toHaveURL(/\/plekken\?q=koffie$/);
  // On the map an empty neighbourhood asks for the whole city, so it stays.
  await page.goto('/kaart?q=&buurt=&soort=');
  await expect(page).toHaveURL(/\/kaart\?buurt=$/);
});
