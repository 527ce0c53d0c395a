import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ADMIN, logIn, ready, signUp, startThread, uniqueName } from './helpers';

test('a resident downloads their data, deletes their account and their post stays as a former member @phone', async ({ page }, testInfo) => {
  await signUp(page, testInfo);
  const body = `Wie helpt mee met het bankje? ${uniqueName('tekst')}`;
  const path = await startThread(page, testInfo, 'Een bankje bij de speeltuin', body);

  // The download holds the post just written.
  await page.goto('/account');
  await ready(page, testInfo);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download mijn gegevens (JSON)' }).click(),
  ]);
  const data = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(data.posts.map((post: { text: string }) => post.text)).toContain(body);

  // Deleting asks for the password; a wrong one is refused beside the field.
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Verwijder mijn account' }) });
  await expect(form.getByLabel('Laat ze staan, met als naam ‘oud-lid’')).toBeChecked();
  await form.getByLabel('Je wachtwoord').fill('niet het goede wachtwoord');
  await form.getByRole('button', { name: 'Verwijder mijn account' }).click();
  await expect(page.locator('#verwijderen-current-fout')).toBeVisible();
  await form.getByLabel('Je wachtwoord').fill('een lange zin als wachtwoord');
  await form.getByRole('button', { name: 'Verwijder mijn account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Je account is verwijderd.' })).toBeVisible();
  // Signed out: the header offers to log in (on a phone behind its menu).
  const menu = page.locator('.site-menu__toggle');
  if (await menu.isVisible()) await menu.click();
  await expect(page.getByRole('link', { name: 'Inloggen' })).toBeVisible();

  // A moderator approves the waiting post; it shows signed "oud-lid".
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await page.goto('/moderatie');
  await ready(page, testInfo);
  await page.locator('.queue__item', { hasText: body }).getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(page.locator('.queue__item', { hasText: body })).toHaveCount(0);
  await page.goto(path);
  const post = page.locator('.post', { hasText: body });
  await expect(post).toBeVisible();
  await expect(post).toContainText('oud-lid');
});
