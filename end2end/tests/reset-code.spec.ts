import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ADMIN, jsEnabled, logIn, makeHost, ready, signUp } from './helpers';

const NEW_PASSWORD = 'mijn nieuwe lange zin';

test('a host makes a reset code and the resident chooses a new password with it @phone', async ({ browser, page }, testInfo) => {
  test.setTimeout(90_000);
  // A resident who will forget their password, and a resident the administrator makes host.
  const residentContext = await browser.newContext();
  const resident = await residentContext.newPage();
  const username = await signUp(resident, testInfo, 'vergeetal');
  const hostContext = await browser.newContext();
  const host = await hostContext.newPage();
  const hostName = await signUp(host, testInfo, 'gastvrouw');
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await makeHost(page, testInfo, hostName, 'park-de-vijverhof');

  // The host looks the resident up by name and makes a code.
  await host.goto('/account');
  await host.getByRole('link', { name: 'Herstelcode maken voor iemand die niet meer kan inloggen' }).click();
  await expect(host).toHaveURL(/\/herstelcodes$/);
  await ready(host, testInfo);
  await host.getByLabel('Naam of gebruikersnaam').fill(username);
  await host.getByRole('button', { name: 'Zoeken' }).click();
  await expect(host).toHaveURL(/\/herstelcodes\?wie=/);
  await host.getByRole('button', { name: `Code maken voor Buur ${username}` }).click();

  // The slip: the code in large letters, the address and a QR code of it with the code.
  await expect(host).toHaveURL(/\/herstelcodes\/bon$/);
  await ready(host, testInfo);
  await expect(host.getByRole('heading', { level: 1 })).toHaveText(`Herstelcode voor Buur ${username}`);
  const slip = host.locator('.reset-slip');
  await expect(slip).toContainText(`gebruikersnaam: ${username}`);
  await expect(slip.getByRole('img', { name: /QR-code/ }).locator('svg')).toBeVisible();
  const code = (await slip.locator('.reset-slip__code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(slip).toContainText('/wachtwoord-herstellen');
  const width = await host.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(host.viewportSize()!.width);
  if (jsEnabled(testInfo)) {
    await expect(host.getByRole('button', { name: 'Afdrukken' })).toBeVisible();
    const results = await new AxeBuilder({ page: host })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }

  // On another device the resident goes from the login page to the form and types the code
  // as it comes: lower case, a space for the dash.
  const deviceContext = await browser.newContext();
  const device = await deviceContext.newPage();
  await device.goto('/inloggen');
  await device.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await expect(device).toHaveURL(/\/wachtwoord-herstellen$/);
  await ready(device, testInfo);
  await expect(device.getByText('Vraag een gastvrouw, gastheer of moderator om een herstelcode.')).toBeVisible();
  await device.getByLabel('Herstelcode', { exact: true }).fill(code.toLowerCase().replace('-', ' '));
  await device.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await device.getByLabel('Wachtwoord nog een keer').fill(NEW_PASSWORD);
  await device.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(device).toHaveURL(/\/account\?wachtwoord=hersteld$/);
  await expect(device.getByRole('status')).toHaveText(
    'Je nieuwe wachtwoord is opgeslagen en je bent ingelogd. Op andere apparaten ben je uitgelogd.',
  );
  await expect(device.getByRole('heading', { level: 1 })).toHaveText(`Hallo Buur ${username}`);

  // The session the resident had before has ended; the new password logs in.
  await resident.goto('/account');
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Eerst inloggen');
  await logIn(resident, testInfo, username, NEW_PASSWORD);

  // The code works only once.
  const laterContext = await browser.newContext();
  const later = await laterContext.newPage();
  await later.goto('/wachtwoord-herstellen');
  await ready(later, testInfo);
  await later.getByLabel('Herstelcode', { exact: true }).fill(code);
  await later.getByLabel('Nieuw wachtwoord', { exact: true }).fill('weer een andere lange zin');
  await later.getByLabel('Wachtwoord nog een keer').fill('weer een andere lange zin');
  await later.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(later.locator('#herstellen-reset_code-fout')).toHaveText(
    'Deze code is al gebruikt. Een code werkt maar één keer. Vraag om een nieuwe code.',
  );
  await expect(later.getByLabel('Herstelcode', { exact: true })).toHaveValue(code);

  for (const context of [residentContext, hostContext, deviceContext, laterContext]) {
    await context.close();
  }
});

test('a resident without a role cannot make reset codes', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'gewoon');
  await page.goto('/herstelcodes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dat kan niet');
});
