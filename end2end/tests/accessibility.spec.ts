import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ADMIN, jsEnabled, logIn, ready, startThread, uniqueName } from './helpers';

const pages = [
  '/',
  '/plekken',
  '/plekken?soort=kasteel&q=' + 'x'.repeat(101),
  '/plekken/buurthuis-de-linde',
  '/plekken/bestaat-niet',
  '/plekken/Hallo_Wereld',
  '/gesprekken',
  '/aanmelden',
  '/aanmelden?code=ABCD-EFGH',
  '/inloggen',
  '/wachtwoord-herstellen',
  '/wachtwoord-herstellen?code=ABCD-EFGH',
  '/wachtwoord-herstellen?sleutel=onbekende-sleutel-van-een-oude-mail',
  '/account',
  '/buurt',
  '/buurt?q=xyz',
  '/buurt?q=linden',
  '/buurt?leeg=1',
  '/plekken?buurt=xyz',
  '/activiteiten?plek=xyz',
  '/activiteiten?plek=koffie',
  '/kaart',
  '/kaart?soort=kasteel',
  '/kaart?buurt=',
  '/artikelen',
  '/artikelen?onderwerp=ontmoeten',
  '/artikelen/8-lessen-uit-wij-in-de-wijk',
];

// Pages behind a login, checked as the administrator (who sees every form on them).
const signedIn = [
  '/account',
  '/gesprekken',
  '/moderatie',
  '/moderatie/logboek',
  '/uitnodigingen',
  '/beheer',
  '/herstelcodes',
  '/herstelcodes?wie=beheer',
  '/herstelcodes?wie=niemand-heet-zo',
  '/herstelcodes/bon',
  '/plekken/buurthuis-de-linde',
  '/inzichten',
  '/inzichten?q=linde',
  '/inzichten/plekken/buurthuis-de-linde',
  '/inzichten/plekken/buurthuis-de-linde?weken=99&tot=gisteren',
  '/inzichten/buurten/de-lindenhoek',
  '/artikelen',
  '/artikelen/nieuw',
  '/artikelen/8-lessen-uit-wij-in-de-wijk',
];

for (const path of pages) {
  for (const language of ['nl', 'en']) {
    test(`no accessibility violations on ${path} (${language})`, async ({ page, context }, testInfo) => {
      // axe runs as a script in the page; the no-JS rendering is the same server HTML.
      test.skip(!jsEnabled(testInfo), 'axe needs JavaScript in the page');
      await context.addCookies([{ name: 'taal', value: language, url: testInfo.project.use.baseURL! }]);
      await page.goto(path);
      await ready(page, testInfo);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }
}

for (const path of signedIn) {
  for (const language of ['nl', 'en']) {
    test(`no accessibility violations on ${path} signed in (${language})`, async ({ page, context }, testInfo) => {
      test.skip(!jsEnabled(testInfo), 'axe needs JavaScript in the page');
      await logIn(page, testInfo, ADMIN.username, ADMIN.password);
      await context.addCookies([{ name: 'taal', value: language, url: testInfo.project.use.baseURL! }]);
      await page.goto(path);
      await ready(page, testInfo);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }
}

// Large text and high contrast together, on a wide screen (phone.spec checks each on a phone).
for (const [path, asAdmin] of [...pages.map((p) => [p, false] as const), ...signedIn.map((p) => [p, true] as const)]) {
  test(`no accessibility violations on ${path}${asAdmin ? ' signed in' : ''} with large text and high contrast`, async ({ page, context }, testInfo) => {
    test.skip(!jsEnabled(testInfo), 'axe needs JavaScript in the page');
    if (asAdmin) {
      await logIn(page, testInfo, ADMIN.username, ADMIN.password);
    }
    const url = testInfo.project.use.baseURL!;
    await context.addCookies([
      { name: 'letters', value: 'groot', url },
      { name: 'contrast', value: 'hoog', url },
    ]);
    await page.goto(path);
    await ready(page, testInfo);
    await expect(page.locator('html')).toHaveClass('text-large contrast-high');
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

for (const language of ['nl', 'en']) {
  test(`no accessibility violations on the home page of a chosen neighbourhood (${language})`, async ({ page, context }, testInfo) => {
    test.skip(!jsEnabled(testInfo), 'axe needs JavaScript in the page');
    const url = testInfo.project.use.baseURL!;
    await context.addCookies([
      { name: 'taal', value: language, url },
      { name: 'buurt', value: 'de-lindenhoek', url },
    ]);
    await page.goto('/');
    await ready(page, testInfo);
    await expect(page.locator('.chosen-neighbourhood button')).toBeVisible();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

test('no accessibility violations on a thread with posts, as its moderator', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'axe needs JavaScript in the page');
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await startThread(page, testInfo, uniqueName('Toegankelijk '), 'Een bericht met een [link](https://example.org).');
  await page.locator('form#reactie').getByLabel('Je bericht').fill('Een antwoord.');
  await page.locator('form#reactie').getByRole('button', { name: 'Plaatsen' }).click();
  await expect(page.locator('.post', { hasText: 'Een antwoord.' })).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

for (const language of ['nl', 'en']) {
  test(`no accessibility violations on the maps with Leaflet running (${language})`, async ({ page, context }, testInfo) => {
    test.skip(!jsEnabled(testInfo), 'axe needs JavaScript in the page');
    const url = testInfo.project.use.baseURL!;
    await context.route('http://tegels.test/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64') }),
    );
    await context.addCookies([
      { name: 'taal', value: language, url },
      { name: 'buurt', value: 'de-lindenhoek', url },
    ]);
    await page.goto('/kaart');
    await expect(page.locator('path.map-marker').first()).toBeAttached();
    let results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

    await page.goto('/plekken/buurthuis-de-linde');
    await page.locator('.map__show').click();
    await expect(page.locator('path.map-marker')).toHaveCount(1);
    results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}
