import { expect, test, type Page } from '@playwright/test';
import { ADMIN, answer, jsEnabled, logIn, ready, uniqueName } from './helpers';

async function fillReaction(page: Page, name: string, text: string) {
  await page.getByLabel('Je naam').fill(name);
  await page.getByLabel('Je reactie').fill(text);
}

test('a visitor reacts without an account and a moderator lets it through', async ({ page, browser }, testInfo) => {
  await page.goto('/plekken/bibliotheek-lindenhoek');
  await ready(page, testInfo);
  const text = uniqueName('Fijne plek om te lezen ');
  await fillReaction(page, 'Joke', text);
  await page.getByLabel('Controlevraag tegen spam').fill(await answer(page));
  if (jsEnabled(testInfo)) {
    // The browser solves the proof of work before the form is sent.
    await expect(page.locator('input[name="proof"]')).not.toHaveValue('', { timeout: 10_000 });
  }
  // People take a few seconds to write; the server refuses forms sent faster.
  await page.waitForTimeout(3_200);
  await page.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(page.getByRole('status')).toContainText('Een moderator kijkt er even naar');
  await expect(page.locator('.post', { hasText: text })).toHaveCount(0);

  const context = await browser.newContext();
  const moderator = await context.newPage();
  await logIn(moderator, testInfo, ADMIN.username, ADMIN.password);
  await moderator.goto('/moderatie');
  await ready(moderator, testInfo);
  const item = moderator.locator('.queue__item', { hasText: text });
  await expect(item).toContainText('gast');
  await item.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(moderator.locator('.queue__item', { hasText: text })).toHaveCount(0);
  await context.close();

  await page.goto('/plekken/bibliotheek-lindenhoek');
  await expect(page.locator('#reacties .post', { hasText: text })).toContainText('Joke');
});

test('a wrong answer or a form sent too fast is refused, keeping the text', async ({ page }, testInfo) => {
  await page.goto('/plekken/park-de-vijverhof');
  await ready(page, testInfo);
  await fillReaction(page, 'Snel', 'Een reactie die te snel gaat.');
  await page.getByLabel('Controlevraag tegen spam').fill(await answer(page));
  await page.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(page.locator('#gast-body-fout')).toContainText('Dat ging wel erg snel');
  await expect(page.getByLabel('Je reactie')).toHaveValue('Een reactie die te snel gaat.');

  await page.goto('/plekken/park-de-vijverhof');
  await ready(page, testInfo);
  await fillReaction(page, 'Fout', 'Een reactie met een fout antwoord.');
  await page.getByLabel('Controlevraag tegen spam').fill('1000');
  await page.waitForTimeout(3_200);
  await page.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(page.locator('#gast-answer-fout')).toHaveText('Dat antwoord klopt niet. Probeer het nog eens.');
});
