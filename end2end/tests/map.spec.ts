import { expect, test, type Page } from '@playwright/test';
import { jsEnabled, OPEN_AT_TEST_TIME, ready } from './helpers';

// A 1×1 PNG: start-server.sh points the tile URL at tegels.test, answered here, so no
// test ever asks the internet for a tile.
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Every request the page makes that leaves this site and the test tile host. */
function watchRequests(page: Page) {
  const tiles: string[] = [];
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (host === 'tegels.test') tiles.push(request.url());
    else if (host !== '127.0.0.1' && !request.url().startsWith('data:')) elsewhere.push(request.url());
  });
  return { tiles, elsewhere };
}

test.beforeEach(async ({ context }, testInfo) => {
  await context.route('http://tegels.test/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: TILE }),
  );
  await context.addCookies([{ name: 'buurt', value: 'de-lindenhoek', url: testInfo.project.use.baseURL! }]);
});

test('the map shows the neighbourhood: Leaflet markers with JavaScript, a numbered SVG without', async ({ page }, testInfo) => {
  const requests = watchRequests(page);
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Kaart' }).click();
  await expect(page).toHaveURL(/\/kaart$/);
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kaart van de plekken');
  await expect(page.getByLabel('Buurt', { exact: true })).toHaveValue('De Lindenhoek');
  const listed = page.locator('ol.map-list > li');
  const count = await listed.count();
  expect(count).toBeGreaterThan(5);
  await expect(listed.getByRole('link', { name: 'Buurthuis De Linde' })).toHaveAttribute('href', '/plekken/buurthuis-de-linde');
  for (const words of ['Geel: het licht is aan, kom binnen', 'Groen: nu open', 'Grijs: nu dicht']) {
    await expect(page.locator('.map-legend')).toContainText(words);
  }

  if (jsEnabled(testInfo)) {
    await expect(page.locator('.leaflet-container')).toBeVisible();
    await expect(page.locator('path.map-marker')).toHaveCount(count);
    await expect(page.locator('path.map-marker--open, path.map-marker--light')).toHaveCount(OPEN_AT_TEST_TIME.length);
    await expect(page.locator('svg.map__svg')).toBeHidden();
    await expect(page.locator('img.leaflet-tile-loaded').first()).toBeAttached();
    expect(requests.tiles.length).toBeGreaterThan(0);
    const credit = page.locator('.leaflet-control-attribution a[href="https://www.openstreetmap.org/copyright"]');
    await expect(credit).toHaveText('© OpenStreetMap-bijdragers');
    // A marker names its place and leads to it.
    await page.locator('path.map-marker').first().click();
    await expect(page.locator('.leaflet-popup-content a')).toHaveAttribute('href', /^\/plekken\/[a-z0-9-]+$/);
  } else {
    const svg = page.locator('svg.map__svg');
    await expect(svg).toBeVisible();
    await expect(svg).toHaveAttribute('role', 'img');
    await expect(svg).toHaveAttribute('aria-label', `Kaart met ${count} plekken. De nummers zijn dezelfde als in de lijst onder de kaart.`);
    await expect(svg.locator('circle')).toHaveCount(count);
    await expect(svg.locator('text').first()).toHaveText('1');
    await expect(page.locator('.leaflet-container')).toHaveCount(0);
    expect(requests.tiles).toEqual([]);
  }
  expect(requests.elsewhere).toEqual([]);
});

test('the map filters like the directory', async ({ page }, testInfo) => {
  await page.goto('/kaart');
  await ready(page, testInfo);
  await page.getByLabel('Soort plek').selectOption({ label: 'Bibliotheek' });
  await page.getByRole('button', { name: 'Toon plekken' }).click();
  await expect(page).toHaveURL(/\/kaart\?.*soort=bibliotheek/);
  await expect(page.locator('ol.map-list > li')).toHaveCount(1);
  await expect(page.locator('ol.map-list')).toContainText('Bibliotheek Lindenhoek');
  if (jsEnabled(testInfo)) {
    await expect(page.locator('path.map-marker')).toHaveCount(1);
  } else {
    await expect(page.locator('svg.map__svg circle')).toHaveCount(1);
  }
  await expect(page.getByRole('link', { name: 'GeoJSON' })).toHaveAttribute('href', /^\/plekken\.geojson\?soort=bibliotheek&buurt=de-lindenhoek/);
});

test('a place page shows its SVG map and loads Leaflet only when asked', async ({ page }, testInfo) => {
  const leaflet: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/vendor/leaflet/')) leaflet.push(request.url());
  });
  await page.goto('/plekken/buurthuis-de-linde');
  await ready(page, testInfo);
  const map = page.locator('.map[data-map="on-demand"]');
  await expect(map.locator('svg[role="img"]')).toHaveAttribute('aria-label', 'Kaart met de plek van Buurthuis De Linde');
  await expect(map.locator('svg circle')).toHaveCount(1);
  const show = page.getByRole('button', { name: 'Toon kaart' });
  if (jsEnabled(testInfo)) {
    await expect(show).toBeVisible();
    expect(leaflet).toEqual([]);
    await show.click();
    await expect(map.locator('.leaflet-container')).toBeVisible();
    await expect(map.locator('path.map-marker--open')).toHaveCount(1);
    await expect(show).toHaveCount(0);
    expect(leaflet.some((url) => url.endsWith('/vendor/leaflet/leaflet.js'))).toBe(true);
  } else {
    await expect(show).toBeHidden();
    await expect(map.locator('svg')).toBeVisible();
  }
});
