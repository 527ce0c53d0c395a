import { expect, test } from '@playwright/test';
import { ADMIN, grantRole, jsEnabled, logIn, ready, signUp } from './helpers';

test('a host hands out an invite code and a new neighbour signs up with it', async ({ browser, page }, testInfo) => {
  // Each project hosts its own place, so the runs do not see each other's codes; neither
  // is a place whose hosts another spec lists.
  const [slug, place] = jsEnabled(testInfo)
    ? ['repaircafe-lindenhoek', 'Repaircafé Lindenhoek']
    : ['huiskamer-op-de-hoek', 'Huiskamer Op de Hoek'];
  // A resident signs up; the administrator makes them host of that place.
  const hostContext = await browser.newContext();
  const host = await hostContext.newPage();
  const hostName = await signUp(host, testInfo, 'gastheer');

  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await grantRole(page, testInfo, hostName, 'host', slug);

  // The host makes a code; the card has a QR code and the code to type.
  await host.goto('/uitnodigingen');
  await ready(host, testInfo);
  await host.getByRole('button', { name: `Nieuwe code voor ${place}` }).click();
  const card = host.locator('.invite-card').first();
  await expect(card.locator('svg')).toBeVisible();
  const code = (await card.locator('.invite-card__code strong').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  const url = (await card.locator('.invite-card__url').textContent())!.trim();
  expect(url).toContain('/aanmelden?code=');

  // A neighbour follows the link on the card.
  const newContext = await browser.newContext();
  const neighbour = await newContext.newPage();
  const path = new URL(url).pathname + new URL(url).search;
  await neighbour.goto(path);
  await expect(neighbour.locator('.notice')).toHaveText(`Je bent uitgenodigd bij ${place}. Welkom!`);
  await expect(neighbour.getByLabel('Uitnodigingscode (mag leeg blijven)')).toHaveValue(code.replace('-', ''));
  await signUp(neighbour, testInfo, 'nieuw', path);
  await expect(neighbour.getByRole('region', { name: 'Waar we elkaar ontmoetten' })).toContainText(
    `Je kreeg je uitnodiging bij ${place}.`,
  );
  await neighbour.getByRole('link', { name: `Naar ${place}: openingstijden en gesprekken` }).click();
  await expect(neighbour.getByRole('heading', { level: 1 })).toHaveText(place);

  await host.reload();
  await expect(host.locator('.invite-card', { hasText: code })).toContainText('1 keer gebruikt');
  await hostContext.close();
  await newContext.close();
});

test('a mistyped invite code is refused beside the field', async ({ page }, testInfo) => {
  await page.goto('/aanmelden');
  await ready(page, testInfo);
  await page.getByLabel('Gebruikersnaam').fill('codefout');
  await page.getByLabel('Naam die anderen zien').fill('Code');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('een lange zin als wachtwoord');
  await page.getByLabel('Wachtwoord nog een keer').fill('een lange zin als wachtwoord');
  await page.getByLabel('Uitnodigingscode (mag leeg blijven)').fill('ZZZZ-ZZZZ');
  await page.getByRole('button', { name: 'Account maken' }).click();
  await expect(page.locator('#aanmelden-code-fout')).toContainText('Deze uitnodigingscode kennen we niet');
  await page.goto('/inloggen');
  await page.getByLabel('Gebruikersnaam').fill('codefout');
  await page.getByLabel('Wachtwoord').fill('een lange zin als wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.locator('#inloggen-password-fout')).toBeVisible();
});
