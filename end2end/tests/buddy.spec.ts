import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ADMIN, jsEnabled, logIn, makeHost, ready, uniqueName } from './helpers';

/** Each JavaScript setting runs at its own place, one no other spec hosts. */
function placeFor(testInfo: TestInfo): [string, string] {
  return jsEnabled(testInfo)
    ? ['park-de-vijverhof', 'Park De Vijverhof']
    : ['bakkerij-van-dam-koffietafel', 'Koffietafel bij Bakkerij Van Dam'];
}

/** Signs up through the form with this display name; returns the username. */
async function signUpAs(page: Page, testInfo: TestInfo, prefix: string, displayName: string): Promise<string> {
  const username = uniqueName(prefix);
  await page.goto('/aanmelden');
  await ready(page, testInfo);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Naam die anderen zien').fill(displayName);
  await page.getByLabel('Wachtwoord', { exact: true }).fill('een lange zin als wachtwoord');
  await page.getByLabel('Wachtwoord nog een keer').fill('een lange zin als wachtwoord');
  await page.getByRole('button', { name: 'Account maken' }).click();
  await expect(page).toHaveURL(/\/account$/);
  return username;
}

async function noViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('a newcomer asks for company, a regular offers, the host pairs them @phone', async ({ browser, page }, testInfo) => {
  test.slow();
  const js = jsEnabled(testInfo);
  const [slug, place] = placeFor(testInfo);
  const open = async () => (await browser.newContext({ javaScriptEnabled: js })).newPage();
  const host = await open();
  const regular = await open();

  // A new host of the place plans a weekly evening there.
  const hostName = await signUpAs(host, testInfo, 'gastheer', 'Gastheer Bram');
  const admin = await open();
  await logIn(admin, testInfo, ADMIN.username, ADMIN.password);
  await makeHost(admin, testInfo, hostName, slug);
  await admin.context().close();
  const title = uniqueName('Samen eten ');
  await host.goto('/beheer');
  await ready(host, testInfo);
  await host.getByLabel('Plek', { exact: true }).selectOption({ label: place });
  await host.getByLabel('Naam van de activiteit').fill(title);
  await host.getByLabel('Datum (de eerste keer)').fill('2026-11-26');
  await host.getByLabel('Begintijd').fill('19:00');
  await host.getByLabel('Eindtijd').fill('20:30');
  await host.getByLabel('Herhalen', { exact: true }).selectOption('weekly');
  await host.getByRole('button', { name: 'Activiteit opslaan' }).click();
  await expect(host).toHaveURL(/\/beheer\?nieuw=\d+/);
  const link = host.locator('.activity', { hasText: title }).first().getByRole('link', { name: title });
  const [, id] = (await link.getAttribute('href'))!.match(/\/activiteiten\/(\d+)\//)!;
  const firstEvening = `/activiteiten/${id}/2026-11-26`;
  const secondEvening = `/activiteiten/${id}/2026-12-03`;

  // A regular came the first evening: the host ticked him off at the door.
  await signUpAs(regular, testInfo, 'vaste', 'Kees van Dijk');
  await regular.goto(firstEvening);
  await ready(regular, testInfo);
  await regular.getByRole('button', { name: 'Ik doe mee' }).click();
  await expect(regular.getByRole('status')).toHaveText('Je doet mee');
  await host.goto(`/beheer/deur/${id}/2026-11-26`);
  await ready(host, testInfo);
  await host.getByRole('button', { name: 'Kees van Dijk is binnen' }).click();
  await expect(host.locator('.door__counts')).toContainText('Binnen: 1 aangemeld');

  // The newcomer asks to go together the second evening.
  const newcomer = await signUpAs(page, testInfo, 'nieuw', 'Fatima el Amrani');
  await page.goto(secondEvening);
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { name: 'Samen de eerste keer' })).toBeVisible();
  await page.getByLabel('Wil je iets vertellen? (mag leeg blijven)').fill('<b>Ik ben wat verlegen</b>');
  await page.getByRole('button', { name: 'Ik wil de eerste keer samen gaan' }).click();
  await expect(page.getByText('We zoeken nog iemand die met je meegaat.')).toBeVisible();
  await expect(page.getByText('Je schreef: <b>Ik ben wat verlegen</b>')).toBeVisible();

  // The regular offers to go along.
  await regular.goto(secondEvening);
  await ready(regular, testInfo);
  await regular.getByRole('button', { name: 'Ik ga wel mee', exact: true }).click();
  await expect(regular.getByText('Je wilt met iemand meegaan.')).toBeVisible();

  // The host finds the evening on their dashboard and pairs them at its door.
  await host.goto('/beheer');
  await ready(host, testInfo);
  const waiting = host.locator('.buddy li', { hasText: title });
  await expect(waiting).toContainText('1 nieuwe bezoeker wacht nog op een buddy');
  if (js) await noViolations(host);
  await waiting.getByRole('link').click();
  await expect(host).toHaveURL(new RegExp(`/beheer/deur/${id}/2026-12-03$`));
  await ready(host, testInfo);
  await expect(host.locator('.buddy')).toContainText('Schreef: <b>Ik ben wat verlegen</b>');
  await host.getByLabel('Wie gaat mee met Fatima el Amrani?').selectOption({ label: 'Kees van Dijk' });
  await host.getByRole('button', { name: 'Koppel', exact: true }).click();
  await expect(host.getByText('Gaat samen met Kees van Dijk')).toBeVisible();
  await expect(host.getByRole('button', { name: 'Fatima el Amrani en Kees van Dijk zijn samen binnen' })).toBeVisible();
  if (js) await noViolations(host);

  // The newcomer sees where and when to meet, and only her buddy's first name.
  await page.goto(secondEvening);
  await ready(page, testInfo);
  const meet = `Bij de deur van ${place}, 18:50`;
  await expect(page.getByText('Je gaat samen met Kees.')).toBeVisible();
  await expect(page.getByText(meet)).toBeVisible();
  await expect(page.locator('main')).not.toContainText('van Dijk');
  if (js) await noViolations(page);
  await page.goto('/account');
  await ready(page, testInfo);
  const meeting = page.locator('.buddy-meeting', { hasText: title });
  await expect(meeting).toContainText('Je gaat samen met Kees.');
  await expect(meeting).toContainText(meet);
  await expect(page.locator('main')).not.toContainText('van Dijk');
  if (js) await noViolations(page);

  // And he sees hers: her first name only, never her username.
  await regular.goto(secondEvening);
  await ready(regular, testInfo);
  await expect(regular.getByText('Je gaat mee met Fatima.')).toBeVisible();
  await expect(regular.getByText(meet)).toBeVisible();
  await expect(regular.locator('main')).not.toContainText('el Amrani');
  await expect(regular.locator('main')).not.toContainText(newcomer);
  if (js) await noViolations(regular);

  await host.context().close();
  await regular.context().close();
});
