import { expect, test, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { ADMIN, cardNames, chooseNeighbourhood, HOME_OPEN_AT_TEST_TIME, jsEnabled, logIn, NEIGHBOURHOOD, ready } from './helpers';

// The neighbourhood is the unit of the site: a resident chooses theirs once (a cookie), and
// every place or neighbourhood field is typed text, with suggestions when JavaScript runs.
// The demo data has one neighbourhood, De Lindenhoek in Zandwijk, so every text that fits
// it names it; a site of many neighbourhoods would list the ones it could be.

const LABEL = 'Naam van je buurt of je postcode';
const NONE = 'We vinden geen buurt met deze naam of postcode. Probeer een deel van de naam.';
const EMPTY = 'Vul de naam van je buurt of je postcode in.';

async function chosenCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === 'buurt');
}

/** Types `text` into the /buurt field and presses the button. */
async function choose(page: Page, testInfo: TestInfo, text: string): Promise<void> {
  await page.goto('/buurt');
  await ready(page, testInfo);
  await page.getByLabel(LABEL).fill(text);
  await page.getByRole('button', { name: 'Kiezen', exact: true }).click();
}

test('the choice page explains itself', async ({ page }, testInfo) => {
  const response = await page.goto('/buurt');
  expect(response?.status()).toBe(200);
  await ready(page, testInfo);
  await expect(page).toHaveTitle('Kies je buurt · Buurtplein');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kies je buurt');
  const field = page.getByLabel(LABEL);
  await expect(field).toHaveAttribute('type', 'text');
  await expect(field).toHaveAttribute('name', 'buurt');
  await expect(field).toHaveAttribute('data-suggest', 'buurten');
  await expect(field).toHaveAttribute('list', 'buurt-kiezen-lijst');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#buurt-kiezen-fout')).toHaveCount(0);
  // A plain form: it works the same without JavaScript.
  const form = page.locator('form', { has: field });
  await expect(form).toHaveAttribute('method', /post/i);
  await expect(form).toHaveAttribute('action', /\/api\/neighbourhoods\/choose$/);
});

test('choose the neighbourhood by part of its name, and forget it again', async ({ page, context }, testInfo) => {
  await choose(page, testInfo, 'linden');
  await expect(page).toHaveURL(/\/$/);
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buurtplein in De Lindenhoek');
  await expect(page.locator('main')).toContainText('Je buurt is De Lindenhoek (Zandwijk).');
  await expect(page.getByRole('button', { name: 'Andere buurt kiezen' })).toBeVisible();

  // The cookie remembers the slug for a year, out of reach of scripts.
  const cookie = await chosenCookie(context);
  expect(cookie?.value).toBe(NEIGHBOURHOOD.slug);
  expect(cookie?.httpOnly).toBe(true);
  const year = 365 * 24 * 60 * 60;
  expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(year - 24 * 60 * 60);
  expect(cookie!.expires - Date.now() / 1000).toBeLessThan(year + 24 * 60 * 60);

  // The neighbourhood's home: open now and today; its places and its week one link away.
  await expect(page.locator('section.open-now').getByRole('heading', { level: 2 })).toHaveText(
    'Nu open: hier is het licht aan',
  );
  await expect(cardNames(page, 'section.open-now')).toHaveText(HOME_OPEN_AT_TEST_TIME);
  await expect(page.locator('section.upcoming').getByRole('heading', { level: 2 })).toHaveText('Vandaag');
  await expect(page.locator('section.upcoming').getByRole('link', { name: 'Alles wat er deze week gebeurt' })).toHaveAttribute(
    'href',
    '/activiteiten?buurt=de-lindenhoek&week=1',
  );
  const places = page.locator('section.neighbourhood');
  await expect(places.getByRole('heading', { level: 2 })).toHaveText('Plekken in De Lindenhoek');
  await expect(places.getByRole('link', { name: 'Alle 15 plekken in De Lindenhoek' })).toHaveAttribute(
    'href',
    '/plekken?buurt=de-lindenhoek',
  );
  // Lights are followed in this neighbourhood only.
  await expect(page.locator('#voorpagina')).toHaveAttribute('data-live', /^\/licht\/live\?buurt=de-lindenhoek /);

  // The choice sticks between visits.
  await page.goto('/plekken');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buurtplein in De Lindenhoek');

  await ready(page, testInfo);
  await page.getByRole('button', { name: 'Andere buurt kiezen' }).click();
  await expect(page).toHaveURL(/\/buurt$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kies je buurt');
  expect(await chosenCookie(context)).toBeUndefined();

  // Back to the site's only neighbourhood, shown without a choice.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom op Buurtplein');
  await expect(page.getByRole('button', { name: 'Andere buurt kiezen' })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('Je buurt is');
});

for (const postcode of ['3741', '3741 AD', '3741ab']) {
  test(`choose the neighbourhood by a postcode (${postcode})`, async ({ page, context }, testInfo) => {
    await choose(page, testInfo, postcode);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buurtplein in De Lindenhoek');
    await expect(page.locator('main')).toContainText('Je buurt is De Lindenhoek (Zandwijk).');
    expect((await chosenCookie(context))?.value).toBe(NEIGHBOURHOOD.slug);
  });
}

test('choose the neighbourhood by its slug, or its full name in other letters', async ({ page, context }, testInfo) => {
  await chooseNeighbourhood(page, testInfo, NEIGHBOURHOOD.slug);
  expect((await chosenCookie(context))?.value).toBe(NEIGHBOURHOOD.slug);
  await context.clearCookies();
  await chooseNeighbourhood(page, testInfo, 'DE LINDENHOEK');
  expect((await chosenCookie(context))?.value).toBe(NEIGHBOURHOOD.slug);
});

test('an unknown neighbourhood is refused beside the field, keeping what was typed', async ({ page, context }, testInfo) => {
  const landed = page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/buurt' && r.url().includes('q='),
  );
  await choose(page, testInfo, 'Atlantis');
  expect((await landed).status()).toBe(400);
  await expect(page).toHaveURL(/\/buurt\?q=Atlantis$/);
  await ready(page, testInfo);
  await expect(page.locator('p.field-error#buurt-kiezen-fout')).toHaveText(NONE);
  const field = page.getByLabel(LABEL);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAttribute('aria-describedby', /\bbuurt-kiezen-fout\b/);
  await expect(field).toHaveValue('Atlantis');
  await expect(page.getByRole('button', { name: /is mijn buurt$/ })).toHaveCount(0);
  expect(await chosenCookie(context)).toBeUndefined();

  // The address alone says the same, and a second try from there works.
  const again = await page.goto('/buurt?q=xyz');
  expect(again?.status()).toBe(400);
  await ready(page, testInfo);
  await expect(page.locator('#buurt-kiezen-fout')).toHaveText(NONE);
  await expect(page.getByLabel(LABEL)).toHaveValue('xyz');
  await page.getByLabel(LABEL).fill('Lindenhoek');
  await page.getByRole('button', { name: 'Kiezen', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buurtplein in De Lindenhoek');
});

test('an empty choice asks for a name or postcode', async ({ page, context }, testInfo) => {
  await page.goto('/buurt');
  await ready(page, testInfo);
  // The browser itself stops an empty field…
  await page.getByRole('button', { name: 'Kiezen', exact: true }).click();
  await expect(page).toHaveURL(/\/buurt$/);
  expect(await page.getByLabel(LABEL).evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
  // …and the server one with only spaces.
  const landed = page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/buurt' && r.url().includes('leeg='),
  );
  await page.getByLabel(LABEL).fill('   ');
  await page.getByRole('button', { name: 'Kiezen', exact: true }).click();
  expect((await landed).status()).toBe(400);
  await expect(page).toHaveURL(/\/buurt\?leeg=1$/);
  await expect(page.locator('#buurt-kiezen-fout')).toHaveText(EMPTY);
  await expect(page.getByLabel(LABEL)).toHaveAttribute('aria-invalid', 'true');
  expect(await chosenCookie(context)).toBeUndefined();
});

test('text that fits offers the neighbourhood with a button to choose it', async ({ page, context }, testInfo) => {
  const response = await page.goto('/buurt?q=linden');
  expect(response?.status()).toBe(200);
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { level: 2, name: 'Buurten bij “linden”' })).toBeVisible();
  await expect(page.locator('#buurt-kiezen-fout')).toHaveCount(0);
  await expect(page.getByLabel(LABEL)).toHaveValue('linden');
  const results = page.locator('.neighbourhood-list li');
  await expect(results).toHaveCount(1);
  await expect(results).toContainText('De Lindenhoek');
  await expect(results).toContainText('Zandwijk');
  const button = page.getByRole('button', { name: 'De Lindenhoek is mijn buurt' });
  await expect(button).toHaveText('Dit is mijn buurt');
  await button.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buurtplein in De Lindenhoek');
  expect((await chosenCookie(context))?.value).toBe(NEIGHBOURHOOD.slug);
});

test('with a neighbourhood chosen, the activities list and the start form use it', async ({ page }, testInfo) => {
  await chooseNeighbourhood(page, testInfo, 'linden');
  await page.goto('/activiteiten');
  await ready(page, testInfo);
  await expect(page.getByLabel('Buurt', { exact: true })).toHaveValue('De Lindenhoek');
  await expect(page.locator('#buurt-fout')).toHaveCount(0);
  // A place typed here is not narrowed to the chosen neighbourhood's name.
  await page.goto('/activiteiten?plek=buurthuis-de-linde');
  await expect(page.getByLabel('Plek', { exact: true })).toHaveValue('Buurthuis De Linde');
  await expect(page.getByLabel('Buurt', { exact: true })).toHaveValue('');

  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await page.goto('/gesprekken');
  await ready(page, testInfo);
  await expect(page.getByLabel('Buurt', { exact: true })).toHaveValue('De Lindenhoek');
});

// The directory's neighbourhood filter.

for (const typed of ['linden', '3741', 'De Lindenhoek']) {
  test(`the directory filters by a typed neighbourhood (${typed}) and shows its full name`, async ({ page }, testInfo) => {
    await page.goto('/plekken');
    await ready(page, testInfo);
    const field = page.getByLabel('Buurt', { exact: true });
    await expect(field).toHaveAttribute('data-suggest', 'buurten');
    await expect(field).toHaveAttribute('list', 'buurt-lijst');
    await expect(page.locator('#buurt-hint')).toHaveText('Naam of postcode. Laat leeg voor alle buurten.');
    await field.fill(typed);
    // Enter sends the form as typed: hydrated, the browser's list of suggestions may already
    // be open under the field, where a click could land on a suggestion instead.
    await field.press('Enter');
    await expect(page).toHaveURL(/\/plekken\?(.*&)?buurt=/);
    expect(new URL(page.url()).searchParams.get('buurt')).toBe(typed);
    await expect(page.getByRole('heading', { name: '15 plekken gevonden' })).toBeVisible();
    await expect(cardNames(page)).toHaveCount(15);
    await expect(page.locator('#buurt-fout')).toHaveCount(0);
    await expect(field).toHaveValue('De Lindenhoek');
  });
}

test('a directory address with the slug shows the neighbourhood by name', async ({ page }, testInfo) => {
  const response = await page.goto('/plekken?buurt=de-lindenhoek&soort=park');
  expect(response?.status()).toBe(200);
  await ready(page, testInfo);
  await expect(page.getByLabel('Buurt', { exact: true })).toHaveValue('De Lindenhoek');
  await expect(page.getByRole('heading', { name: '3 plekken gevonden' })).toBeVisible();
});

test('an unknown neighbourhood in the directory is refused beside the field', async ({ page }, testInfo) => {
  const response = await page.goto('/plekken?buurt=Atlantis');
  expect(response?.status()).toBe(400);
  await ready(page, testInfo);
  const field = page.getByLabel('Buurt', { exact: true });
  await expect(page.locator('p.field-error#buurt-fout')).toHaveText(NONE);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAttribute('aria-describedby', /\bbuurt-fout\b/);
  await expect(field).toHaveValue('Atlantis');
});

test('an unknown neighbourhood typed in the directory form is refused beside the field', async ({ page }, testInfo) => {
  await page.goto('/plekken');
  await ready(page, testInfo);
  const field = page.getByLabel('Buurt', { exact: true });
  await field.fill('Atlantis');
  await page.getByRole('button', { name: 'Toon plekken' }).click();
  await expect(page).toHaveURL(/\/plekken\?(.*&)?buurt=Atlantis(&|$)/);
  await expect(page.locator('#buurt-fout')).toHaveText(NONE);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue('Atlantis');
});

// Suggestions as one types: JavaScript only. Datalist options are never visible, so the
// tests read their attributes.

/** The suggestion requests the page makes, as `soort` and `q`. */
function suggestRequests(page: Page): { soort: string | null; q: string | null }[] {
  const asked: { soort: string | null; q: string | null }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/suggest') asked.push({ soort: url.searchParams.get('soort'), q: url.searchParams.get('q') });
  });
  return asked;
}

test('typing on /buurt suggests the neighbourhood, and choosing it works', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'suggestions need JavaScript');
  const asked = suggestRequests(page);
  await page.goto('/buurt');
  await ready(page, testInfo);
  const field = page.getByLabel(LABEL);
  // One letter is too little to ask.
  await field.pressSequentially('L', { delay: 100 });
  await page.waitForTimeout(600);
  expect(asked).toEqual([]);

  const answered = page.waitForResponse((r) => r.url().includes('/api/suggest') && r.url().includes('q=Linden'));
  await field.pressSequentially('inden', { delay: 100 });
  const response = await answered;
  expect(response.status()).toBe(200);
  // The answer is compact binary, not JSON.
  expect(response.headers()['content-type'] ?? '').not.toContain('json');
  expect(asked.at(-1)).toEqual({ soort: 'buurten', q: 'Linden' });
  const option = page.locator('#buurt-kiezen-lijst option');
  await expect(option).toHaveCount(1);
  await expect(option).toHaveAttribute('value', 'De Lindenhoek');
  await expect(option).toHaveText('De Lindenhoek · Zandwijk');

  // Taking the suggestion puts its value in the field.
  await field.fill('De Lindenhoek');
  await page.getByRole('button', { name: 'Kiezen', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buurtplein in De Lindenhoek');
});

test('typing in the directory\'s neighbourhood field suggests, and choosing filters', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'suggestions need JavaScript');
  const asked = suggestRequests(page);
  await page.goto('/plekken');
  await ready(page, testInfo);
  const field = page.getByLabel('Buurt', { exact: true });
  await field.pressSequentially('Linden', { delay: 100 });
  const option = page.locator('#buurt-lijst option');
  await expect(option).toHaveCount(1);
  await expect(option).toHaveAttribute('value', 'De Lindenhoek');
  await expect(option).toHaveText('De Lindenhoek · Zandwijk');
  await expect.poll(() => asked.at(-1)).toEqual({ soort: 'buurten', q: 'Linden' });

  await field.fill('De Lindenhoek');
  await field.press('Enter');
  await expect(page).toHaveURL(/\/plekken\?buurt=De(\+|%20)Lindenhoek$/);
  await expect(page.getByRole('heading', { name: '15 plekken gevonden' })).toBeVisible();
  await expect(field).toHaveValue('De Lindenhoek');
});

test('typing in the activities\' place field suggests places, and choosing filters', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'suggestions need JavaScript');
  const asked = suggestRequests(page);
  await page.goto('/activiteiten');
  await ready(page, testInfo);
  const field = page.getByLabel('Plek', { exact: true });
  await expect(field).toHaveAttribute('data-suggest', 'plekken');
  await expect(field).toHaveAttribute('list', 'plek-lijst');
  await field.pressSequentially('Buurthuis', { delay: 100 });
  const option = page.locator('#plek-lijst option[value="Buurthuis De Linde"]');
  await expect(option).toHaveCount(1);
  await expect(option).toHaveText('Buurthuis De Linde · De Lindenhoek');
  // On a busy machine a pause mid-word asks for "Buur" first; the last question is the word.
  await expect.poll(() => asked.at(-1)).toEqual({ soort: 'plekken', q: 'Buurthuis' });
  // Every suggestion is a place's name.
  const values = await page.locator('#plek-lijst option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
  expect(values.every((value) => typeof value === 'string' && value.length > 0)).toBe(true);

  await field.fill('Buurthuis De Linde');
  await page.getByRole('button', { name: 'Toon activiteiten' }).click();
  await expect(page).toHaveURL(/\/activiteiten\?plek=Buurthuis(\+|%20)De(\+|%20)Linde/);
  await expect(field).toHaveValue('Buurthuis De Linde');
  await expect(page.locator('#plek-fout')).toHaveCount(0);
});

test('typing in the start form\'s neighbourhood field suggests it', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'suggestions need JavaScript');
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await page.goto('/gesprekken');
  await ready(page, testInfo);
  const field = page.locator('#nieuw-neighbourhood');
  await expect(field).toHaveAttribute('data-suggest', 'buurten');
  await field.pressSequentially('Linden', { delay: 100 });
  const option = page.locator('#nieuw-neighbourhood-lijst option');
  await expect(option).toHaveCount(1);
  await expect(option).toHaveAttribute('value', 'De Lindenhoek');
});
