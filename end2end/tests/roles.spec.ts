import { expect, test } from '@playwright/test';
import { ADMIN, grantRole, logIn, ready, signUp } from './helpers';

test('an administrator picks a person and a place from what the search found @phone', async ({ browser, page }, testInfo) => {
  const other = await browser.newContext();
  const resident = await other.newPage();
  const username = await signUp(resident, testInfo, 'rolzoek');

  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await page.goto('/moderatie');
  await ready(page, testInfo);
  // Part of the name the neighbours see, and part of the place's name. Not De Linde:
  // place.spec lists exactly its demo hosts.
  await page.getByLabel('Wie? Typ een naam of gebruikersnaam').fill(`Buur ${username.slice(0, -2)}`);
  await page.getByLabel('Welke plek?').fill('Vijverhof');
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  const roles = page.locator('form', { has: page.getByRole('button', { name: 'Rol geven' }) });
  const person = roles.getByRole('radio', { name: `Buur ${username} (@${username})` });
  await expect(person).toBeVisible();
  await expect(roles.getByRole('radio', { name: /Park De Vijverhof/ })).toBeVisible();

  await person.check();
  await roles.getByLabel('Rol', { exact: true }).selectOption('host');
  await roles.getByRole('radio', { name: /Park De Vijverhof/ }).check();
  await roles.getByRole('button', { name: 'Rol geven' }).click();
  await expect(page.getByRole('status')).toHaveText('De rol is gegeven.');

  // Nobody and nothing found says so.
  await page.goto('/moderatie?persoon=niemand-heet-zo-xyz&plek=qqqqq');
  await expect(page.locator('main')).toContainText('Niemand gevonden bij “niemand-heet-zo-xyz”');
  await expect(page.locator('main')).toContainText('Geen plek gevonden bij “qqqqq”');

  // The new host sees their place among the places they run.
  await resident.goto('/account');
  await expect(resident.locator('main')).toContainText('Park De Vijverhof');
  await other.close();
});

test('a moderator sees neither the role form nor a link to the log they may not read @phone', async ({ browser, page }, testInfo) => {
  const other = await browser.newContext();
  const moderator = await other.newPage();
  const username = await signUp(moderator, testInfo, 'moderator');
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await grantRole(page, testInfo, username, 'moderator');
  // The administrator sees both.
  await expect(page.getByRole('link', { name: 'Logboek' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Rollen geven' })).toBeVisible();

  await moderator.goto('/moderatie');
  await expect(moderator.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(moderator.getByRole('link', { name: 'Logboek' })).toHaveCount(0);
  await expect(moderator.getByRole('heading', { name: 'Rollen geven' })).toHaveCount(0);
  await other.close();
});
