import { expect, test } from '@playwright/test';
import { logIn, ready, signUp } from './helpers';

test('sign up, log out and log in again', async ({ page }, testInfo) => {
  const username = await signUp(page, testInfo);
  await expect(page.getByRole('link', { name: `Buur ${username}` })).toBeVisible();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();
  await logIn(page, testInfo, username, 'een lange zin als wachtwoord');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hallo Buur ${username}`);
});

test('sign-up problems are shown beside the fields and keep what was typed', async ({ page }, testInfo) => {
  await page.goto('/aanmelden');
  await ready(page, testInfo);
  await page.getByLabel('Gebruikersnaam').fill('met spatie');
  await page.getByLabel('Naam die anderen zien').fill('Iemand');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('kort');
  await page.getByLabel('Wachtwoord nog een keer').fill('kort');
  await page.getByRole('button', { name: 'Account maken' }).click();
  await expect(page.locator('#aanmelden-username-fout')).toContainText('Gebruik alleen letters');
  await expect(page.locator('#aanmelden-password-fout')).toContainText('minstens 10 tekens');
  await expect(page.getByLabel('Gebruikersnaam')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Naam die anderen zien')).toHaveValue('Iemand');
  await expect(page.getByRole('alert')).toContainText('Niet alles is goed ingevuld');
});

test('a wrong password is refused with a message, and nothing else changes', async ({ page }, testInfo) => {
  const username = await signUp(page, testInfo);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/inloggen');
  await ready(page, testInfo);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill('niet het goede wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.locator('#inloggen-password-fout')).toHaveText('Gebruikersnaam of wachtwoord klopt niet.');
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eerst inloggen');
});

test('change the password', async ({ page }, testInfo) => {
  const username = await signUp(page, testInfo);
  await page.getByLabel('Huidig wachtwoord').fill('een lange zin als wachtwoord');
  await page.getByLabel('Nieuw wachtwoord').fill('een nieuwe lange zin');
  await page.getByLabel('Wachtwoord nog een keer').fill('een nieuwe lange zin');
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(page.getByRole('status')).toContainText('Je wachtwoord is gewijzigd');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/$/);
  await logIn(page, testInfo, username, 'een nieuwe lange zin');
});
