import { expect, test } from '@playwright/test';
import { ADMIN, jsEnabled, logIn, ready } from './helpers';

// These specs switch lights on, which changes what "open now" lists show; the config runs
// them after every other spec. They run in parallel, so each test of each project uses a
// place of its own.
test('the light switched on in one browser shows in another within two seconds', async ({ browser, page }, testInfo) => {
  const [slug, name] = jsEnabled(testInfo)
    ? ['cafe-de-hoek', 'Café De Hoek']
    : ['sportpark-zandwijk-oost', 'Sportpark Zandwijk-Oost'];
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto('/');
  await ready(visitor, testInfo);
  const openNow = visitor.locator('section.open-now');
  await expect(openNow).not.toContainText(name);

  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await page.goto(`/plekken/${slug}`);
  await ready(page, testInfo);
  await expect(page.locator('.place__header')).toContainText('Gesloten');
  await page.getByLabel('Tot hoe laat? (mag leeg blijven)').fill('16:00');
  await page.getByRole('button', { name: 'Licht aan: kom binnen' }).click();
  await expect(page.locator('.place__header')).toContainText('Het licht is aan · kom binnen, tot 16:00');

  if (!jsEnabled(testInfo)) await visitor.reload();
  const card = openNow.locator('.place-card', { hasText: name });
  await expect(card).toContainText('Het licht is aan · kom binnen, tot 16:00', { timeout: 2_000 });

  await page.getByRole('button', { name: 'Licht uit' }).click();
  await expect(page.locator('.place__header')).toContainText('Gesloten');
  if (!jsEnabled(testInfo)) await visitor.reload();
  await expect(openNow.locator('.place-card', { hasText: name })).toHaveCount(0, { timeout: 2_000 });
  await visitorContext.close();
});

test('a time that has passed is refused beside the field', async ({ page }, testInfo) => {
  // Not the place the test above switches on: the two run at the same time.
  const slug = jsEnabled(testInfo) ? 'de-open-kerk' : 'repaircafe-lindenhoek';
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await page.goto(`/plekken/${slug}`);
  await ready(page, testInfo);
  await page.getByLabel('Tot hoe laat? (mag leeg blijven)').fill('09:00');
  await page.getByRole('button', { name: 'Licht aan: kom binnen' }).click();
  await expect(page.locator('#licht-until-fout')).toBeVisible();
  await expect(page.locator('.place__header')).toContainText('Gesloten');
});

test('residents see no light switch', async ({ page }, testInfo) => {
  await page.goto('/plekken/cafe-de-hoek');
  await ready(page, testInfo);
  await expect(page.getByRole('button', { name: 'Licht aan: kom binnen' })).toHaveCount(0);
});
