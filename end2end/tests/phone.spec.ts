import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, chooseNeighbourhood, logIn, makeHost, ready, startThread, uniqueName } from './helpers';

// Runs in the `phone` project only (tagged @phone): a 360 × 740 screen, the narrowest we design for.
const WIDTH = 360;

/** Every page of the site, by the routes in app/src/lib.rs; `{thread}` and the like are
 * filled with what `siteData` made. Visited anonymously and as the administrator. */
const PAGES = [
  '/',
  '/buurt',
  '/buurt?q=xyz',
  '/buurt?q=linden',
  '/plekken',
  '/plekken?soort=park',
  '/plekken?soort=kasteel&q=' + 'x'.repeat(101),
  '/plekken?buurt=xyz',
  '/plekken/buurthuis-de-linde',
  '/plekken/{place}',
  '/plekken/bestaat-niet',
  '/plekken/buurthuis-de-linde/week',
  '/plekken/{place}/week',
  '/buurten/de-lindenhoek/week',
  '/activiteiten',
  '/activiteiten?buurt=de-lindenhoek',
  '/activiteiten?plek=xyz',
  '{occurrence}',
  '{occurrence}/afzeggen',
  '/kaart',
  '/kaart?buurt=',
  '/kaart?soort=kasteel',
  '/beheer',
  '/beheer/activiteit/{activity}',
  '/beheer/deur/{activity}/{date}',
  '/inzichten',
  '/inzichten?q=linde',
  '/inzichten/plekken/buurthuis-de-linde',
  '/inzichten/plekken/{place}',
  '/inzichten/buurten/de-lindenhoek',
  '/gesprekken',
  '{thread}',
  '/artikelen',
  '/artikelen?onderwerp=ontmoeten',
  '/artikelen/nieuw',
  '/artikelen/8-lessen-uit-wij-in-de-wijk',
  '/artikelen/8-lessen-uit-wij-in-de-wijk/bewerken',
  '/aanmelden',
  '/aanmelden?code=ABCD-EFGH',
  '/inloggen',
  '/wachtwoord-herstellen',
  '/wachtwoord-herstellen?sleutel=onbekende-sleutel-van-een-oude-mail',
  '/account',
  '/uitnodigingen',
  '/herstelcodes',
  '/herstelcodes?wie=beheer',
  '/herstelcodes/bon',
  '/moderatie',
  '/moderatie/logboek',
  '/bestaat-niet',
];

/** How the pages are drawn: as they come, with large text, with high contrast. */
const MODES = [
  { name: 'gewoon', cookies: [] as { name: string; value: string }[], minTarget: 44 },
  { name: 'grote letters', cookies: [{ name: 'letters', value: 'groot' }], minTarget: 48 },
  { name: 'hoog contrast', cookies: [{ name: 'contrast', value: 'hoog' }], minTarget: 44 },
];

/** What the sweep needs and the demo data lacks, made once per worker through the site. */
type SiteData = { place: string; activity: string; date: string; occurrence: string; thread: string };

const test = base.extend<object, { siteData: SiteData }>({
  siteData: [
    async ({ browser }, use, workerInfo) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const info = workerInfo as unknown as TestInfo;
      await logIn(page, info, ADMIN.username, ADMIN.password);
      const thread = await startThread(page, info, uniqueName('Telefoon '), 'Een bericht met een heel-lang-woord-'.repeat(4) + ' en https://example.org/' + 'een-heel-lang-pad/'.repeat(6));
      const occurrence = await hostedActivity(page, info);
      const [, activity, date] = occurrence.match(/\/activiteiten\/(\d+)\/([\d-]+)/)!;
      // Someone on the door list, a code to hand out, and a line in the moderation log.
      await page.goto(occurrence);
      await ready(page, info);
      await page.getByRole('button', { name: 'Ik doe mee' }).click();
      await expect(page.getByText('Je doet mee', { exact: true })).toBeVisible();
      await page.goto('/uitnodigingen');
      await ready(page, info);
      await page.getByRole('button', { name: /^Nieuwe code voor / }).first().click();
      await expect(page.locator('.invite-card').first()).toBeVisible();
      await context.close();
      await use({ place: HOSTED_PLACE, activity, date, occurrence, thread });
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

function fill(path: string, data: SiteData): string {
  return path.replace(/\{(\w+)\}/g, (_, key: keyof SiteData) => data[key]);
}

/** Checks the page fits the screen, with the header's menu closed and open, that its controls
 * are tap targets of `minTarget` px or more, and that axe finds nothing. */
async function checkPage(page: Page, testInfo: TestInfo, path: string, minTarget = 44): Promise<void> {
  await test.step(path, async () => {
    await page.goto(path);
    await ready(page, testInfo);
  });
  const menu = page.locator('details.site-menu');
  await expect(menu).not.toHaveAttribute('open');
  expect(await scrollWidth(page), `${path} scrolls sideways`).toBeLessThanOrEqual(WIDTH);
  await page.locator('.site-menu__toggle').click();
  await expect(page.getByRole('navigation').getByRole('link').first()).toBeVisible();
  expect(await scrollWidth(page), `${path} scrolls sideways with the menu open`).toBeLessThanOrEqual(WIDTH);
  expect(await smallTargets(page, minTarget), `${path}: controls lower than ${minTarget} px`).toEqual([]);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${path} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Visible buttons, fields, menus and navigation links lower than `min` px. */
function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const selector = [
      'button', 'select', 'textarea', 'summary',
      'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"])',
      'nav a', '.pager a',
    ].join(', ');
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => el.checkVisibility({ checkVisibilityCSS: true }) && !el.closest('.leaflet-container, .field--honeypot'))
      .map((el) => ({ el, height: el.getBoundingClientRect().height }))
      .filter(({ height }) => height > 0 && height < min - 0.5)
      .map(({ el, height }) => `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('name') ?? '').trim().slice(0, 30)}" ${height.toFixed(1)} px`);
  }, min);
}

/** The routes in app/src/lib.rs, each as a pattern a visited path must match. */
function appRoutes(): RegExp[] {
  const source = readFileSync(join(__dirname, '../../app/src/lib.rs'), 'utf8');
  return [...source.matchAll(/path!\("([^"]*)"\)/g)].map(([, route]) => {
    const pattern = route
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/?]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return new RegExp(`^/${pattern}(\\?.*)?$`);
  });
}

test('the page list covers every route of the site @phone', async ({ siteData }) => {
  const visited = PAGES.map((path) => fill(path, siteData));
  const routes = appRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const missing = routes.filter((route) => !visited.some((path) => route.test(path))).map(String);
  expect(missing, 'routes no page in the list visits').toEqual([]);
  // And the page a wrong address shows.
  expect(visited.some((path) => !routes.some((route) => route.test(path)))).toBe(true);
});

// In parts of a dozen pages, so each test stays short on a slow machine.
const PART = 11;
for (const mode of MODES) {
  for (const who of ['anonymous', 'signed in'] as const) {
    for (let start = 0; start < PAGES.length; start += PART) {
      const part = PAGES.slice(start, start + PART);
      test(`every page fits a phone screen and passes axe, ${who}, ${mode.name}, ${part[0]} to ${part[part.length - 1]} @phone`, async ({ page, context, siteData }, testInfo) => {
        test.setTimeout(180_000);
        if (who === 'signed in') {
          await logIn(page, testInfo, ADMIN.username, ADMIN.password);
        }
        const url = testInfo.project.use.baseURL!;
        await context.addCookies(mode.cookies.map((cookie) => ({ ...cookie, url })));
        for (const path of part) {
          await checkPage(page, testInfo, fill(path, siteData), mode.minTarget);
        }
      });
    }
  }
}

test('date, time, number and link fields fill their card and are easy to tap @phone', async ({ page, siteData }, testInfo) => {
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  for (const path of ['/beheer', `/beheer/activiteit/${siteData.activity}`, `/beheer/deur/${siteData.activity}/${siteData.date}`, '/artikelen/nieuw']) {
    await page.goto(path);
    await ready(page, testInfo);
    const misfits = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('main form input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]), main form select, main form textarea, main form .button')]
        .filter((el) => el.checkVisibility() && !el.closest('.field--honeypot'))
        .flatMap((el) => {
          const form = el.closest('form')!;
          const style = getComputedStyle(form);
          const inner = form.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          const box = el.getBoundingClientRect();
          const what = `${el.tagName.toLowerCase()}[${el.getAttribute('type') ?? el.getAttribute('name') ?? el.textContent?.trim()}]`;
          const problems = [];
          if (box.height < 44) problems.push(`${what} is ${box.height.toFixed(1)} px high`);
          if (box.width < inner - 1) problems.push(`${what} is ${box.width.toFixed(0)} of ${inner.toFixed(0)} px wide`);
          return problems;
        }),
    );
    expect(misfits, path).toEqual([]);
  }
});

test('choosing a neighbourhood, and its home page, fit a phone screen @phone', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await checkPage(page, testInfo, '/buurt');
  // The field and its button stay on the screen, whether side by side or stacked.
  for (const control of [page.getByLabel('Naam van je buurt of je postcode'), page.getByRole('button', { name: 'Kiezen', exact: true })]) {
    const box = (await control.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  }
  await chooseNeighbourhood(page, testInfo, 'linden');
  for (const path of ['/', '/activiteiten', '/gesprekken']) {
    await checkPage(page, testInfo, path);
  }
});

/** A demo place no other spec hosts or counts; the administrator hosts it here. */
const HOSTED_PLACE = 'jongerencentrum-de-loods';

/** Makes the administrator host of HOSTED_PLACE and gives it an activity; returns the
 * activity's first date's path (with the host's buttons on it). */
async function hostedActivity(page: Page, testInfo: TestInfo): Promise<string> {
  await page.goto(`/plekken/${HOSTED_PLACE}`);
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await makeHost(page, testInfo, ADMIN.username, HOSTED_PLACE);

  const title = uniqueName('Huiswerkklas ');
  await page.goto('/beheer');
  await ready(page, testInfo);
  await page.getByLabel('Plek', { exact: true }).selectOption({ label: name });
  await page.getByLabel('Naam van de activiteit').fill(title);
  await page.getByLabel('Datum (de eerste keer)').fill('2026-11-27');
  await page.getByLabel('Begintijd').fill('15:00');
  await page.getByLabel('Eindtijd').fill('17:00');
  await page.getByLabel('Link om via internet mee te doen (mag leeg blijven)').fill('https://example.org/' + 'een-heel-lang-adres-'.repeat(5));
  await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
  await expect(page).toHaveURL(/\/beheer\?nieuw=\d+/);
  const first = page.locator('.activity', { hasText: title }).first();
  return (await first.getByRole('link', { name: title }).getAttribute('href'))!;
}

test('the menu opens on a phone and its links lead to their pages @phone', async ({ page }, testInfo) => {
  await page.goto('/');
  await ready(page, testInfo);
  const toggle = page.getByText('Menu', { exact: true });
  const places = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Plekken' });
  await expect(toggle).toBeVisible();
  await expect(places).toBeHidden();

  // By keyboard: the toggle is in the tab order and opens with Enter.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(places).toBeVisible();
  for (const name of ['Start', 'Activiteiten', 'Gesprekken']) {
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Start' })).toBeFocused();

  await places.click();
  await expect(page).toHaveURL(/\/plekken$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the menu opens without JavaScript @phone', async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: false,
    viewport: { width: WIDTH, height: 740 },
  });
  const page = await context.newPage();
  await page.goto('/');
  const activities = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Activiteiten' });
  await expect(activities).toBeHidden();
  await page.getByText('Menu', { exact: true }).click();
  await activities.click();
  await expect(page).toHaveURL(/\/activiteiten$/);
  await context.close();
});

test('a wide screen shows the navigation without the menu toggle @phone', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await ready(page, testInfo);
  await expect(page.getByText('Menu', { exact: true })).toBeHidden();
  for (const name of ['Start', 'Plekken', 'Activiteiten', 'Gesprekken']) {
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();
});
