import { expect, test } from '@playwright/test';
import { ADMIN, jsEnabled, logIn, ready, signUp, startThread, uniqueName } from './helpers';

test('start a thread, reply, and see a reply from someone else appear', async ({ browser, page }, testInfo) => {
  // The moderator's posts need no approval, so the thread is visible at once.
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  const title = uniqueName('Koffie ');
  const coming = uniqueName('Ik kom graag ');
  const biscuits = uniqueName('Ik neem koekjes mee ');
  const path = await startThread(page, testInfo, title, 'Wie komt er **donderdag** koffie drinken?');
  await expect(page.locator('.post__text strong')).toHaveText('donderdag');

  // A neighbour in another browser signs up and replies; a new account's first post waits.
  const other = await browser.newContext();
  const neighbour = await other.newPage();
  await signUp(neighbour, testInfo, 'buur');
  await neighbour.goto(path);
  await ready(neighbour, testInfo);
  await neighbour.locator('form#reactie').getByLabel('Je bericht').fill(coming);
  await neighbour.locator('form#reactie').getByRole('button', { name: 'Plaatsen' }).click();
  await expect(neighbour.locator('.post', { hasText: coming })).toContainText('wacht op een moderator');
  await expect(page.locator('.post', { hasText: coming })).toHaveCount(0);

  // The moderator approves it from the queue.
  const queue = await page.context().newPage();
  await queue.goto('/moderatie');
  await ready(queue, testInfo);
  const item = queue.locator('.queue__item', { hasText: coming });
  await item.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(queue.locator('.queue__item', { hasText: coming })).toHaveCount(0);

  // With JavaScript the open thread shows it without a reload; without, after one.
  if (!jsEnabled(testInfo)) await page.reload();
  await expect(page.locator('.post', { hasText: coming })).toBeVisible();

  // The neighbour's next reply needs no approval and appears live for the moderator.
  await neighbour.locator('form#reactie').getByLabel('Je bericht').fill(biscuits);
  await neighbour.locator('form#reactie').getByRole('button', { name: 'Plaatsen' }).click();
  await expect(neighbour.locator('.post', { hasText: biscuits })).toBeVisible();
  if (!jsEnabled(testInfo)) await page.reload();
  await expect(page.locator('.post', { hasText: biscuits })).toBeVisible();

  // A reply to a post sits under it.
  const first = page.locator('.posts__item', { hasText: 'Wie komt er' }).first();
  const answer = first.locator('details', { has: page.locator('summary', { hasText: 'Antwoord aan' }) });
  await answer.locator('summary').click();
  await answer.getByLabel('Je bericht').fill('Fijn, tot donderdag!');
  await answer.getByRole('button', { name: 'Plaatsen' }).click();
  await expect(page.locator('.posts--replies .post', { hasText: 'Fijn, tot donderdag!' })).toBeVisible();
  await other.close();
});

test('report a post and a moderator hides it with a reason', async ({ browser, page }, testInfo) => {
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  const text = uniqueName('Een bericht om te melden ');
  const title = uniqueName('Melding ');
  const path = await startThread(page, testInfo, title, text);

  const other = await browser.newContext();
  const reporter = await other.newPage();
  await signUp(reporter, testInfo, 'melder');
  await reporter.goto(path);
  await ready(reporter, testInfo);
  const post = reporter.locator('.post', { hasText: text });
  await post.locator('summary', { hasText: 'Melden' }).click();
  await post.getByLabel('Waarom meld je dit bericht?').fill('Dit is niet vriendelijk.');
  await post.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(reporter.getByRole('status')).toContainText('Een moderator kijkt ernaar');

  await page.goto('/moderatie');
  await ready(page, testInfo);
  const item = page.locator('.queue__item', { hasText: text });
  await expect(item).toContainText('Dit is niet vriendelijk.');
  await item.locator('summary', { hasText: 'Verbergen' }).click();
  await item.getByLabel('Reden (de schrijver ziet deze)').fill('Niet vriendelijk');
  await item.getByRole('button', { name: 'Verbergen' }).click();
  await expect(page.locator('.queue__item', { hasText: text })).toHaveCount(0);

  await reporter.goto(path);
  await expect(reporter.locator('.post__gone')).toHaveText('Dit bericht is verborgen door een moderator: Niet vriendelijk');

  await page.goto('/moderatie/logboek');
  const row = page.locator('table.log tr', { hasText: title }).filter({ hasText: 'Niet vriendelijk' });
  await expect(row).toBeVisible();
  // What the action was about links to where it can be read.
  await expect(row.getByRole('link', { name: title })).toHaveAttribute('href', path);
  await row.getByRole('link', { name: /^bericht \d+$/ }).click();
  await expect(page).toHaveURL(new RegExp(`${path}\\?bericht=\\d+#bericht-\\d+$`));
  await other.close();
});

test('a locked thread takes no more replies', async ({ browser, page }, testInfo) => {
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  const path = await startThread(page, testInfo, uniqueName('Slot '), 'Dit gesprek gaat op slot.');
  await page.getByRole('button', { name: 'Gesprek sluiten' }).click();
  await expect(page.getByRole('button', { name: 'Gesprek heropenen' })).toBeVisible();
  const other = await browser.newContext();
  const neighbour = await other.newPage();
  await signUp(neighbour, testInfo, 'slot');
  await neighbour.goto(path);
  await expect(neighbour.locator('main')).toContainText('Dit gesprek is gesloten');
  await expect(neighbour.getByLabel('Je bericht')).toHaveCount(0);
  await other.close();
});

test('visitors who are not logged in are asked to', async ({ page }, testInfo) => {
  await page.goto('/gesprekken');
  await ready(page, testInfo);
  await expect(page.locator('main')).toContainText('Log in of meld je aan om mee te praten.');
  await page.goto('/moderatie');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eerst inloggen');
});

test('a resident cannot open the moderation page', async ({ page }, testInfo) => {
  await signUp(page, testInfo);
  await page.goto('/moderatie');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dat kan niet');
  await expect(page.locator('main')).toContainText('Dit mag je niet doen met je account.');
});

test('authors edit and delete their own posts', async ({ page }, testInfo) => {
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  const text = uniqueName('Eerste versie ');
  await startThread(page, testInfo, uniqueName('Bewerken '), text);
  const post = page.locator('.post', { hasText: text });
  await post.locator('summary', { hasText: 'Aanpassen' }).click();
  const changed = uniqueName('Tweede versie ');
  await post.getByLabel('Je bericht').fill(changed);
  await post.getByRole('button', { name: 'Opslaan' }).click();
  const edited = page.locator('.post', { hasText: changed });
  await expect(edited).toContainText('aangepast');

  await page.locator('form#reactie').getByLabel('Je bericht').fill('Dit haal ik weer weg.');
  await page.locator('form#reactie').getByRole('button', { name: 'Plaatsen' }).click();
  const removable = page.locator('.post', { hasText: 'Dit haal ik weer weg.' });
  await removable.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.locator('.post', { hasText: 'Dit haal ik weer weg.' })).toHaveCount(0);
  await expect(page.locator('.post__gone', { hasText: 'Dit bericht is verwijderd.' })).toHaveCount(1);
});

test('the start form takes the neighbourhood typed, and refuses one it does not know', async ({ page }, testInfo) => {
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  await page.goto('/gesprekken');
  await ready(page, testInfo);
  const field = page.getByLabel('Buurt', { exact: true });
  await expect(field).toHaveAttribute('id', 'nieuw-neighbourhood');
  await expect(field).toHaveAttribute('type', 'text');
  await expect(field).toHaveAttribute('data-suggest', 'buurten');
  // No neighbourhood chosen: nothing filled in.
  await expect(field).toHaveValue('');
  const title = uniqueName('Buurtvraag ');
  await page.getByLabel('Onderwerp').fill(title);
  await field.fill('Atlantis');
  await page.getByLabel('Je bericht').fill('Waar is de buurt gebleven?');
  await page.getByRole('button', { name: 'Gesprek beginnen' }).click();
  await expect(page.locator('#nieuw-neighbourhood-fout')).toContainText('We vinden geen buurt met deze naam of postcode');
  await expect(page.getByLabel('Buurt', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Buurt', { exact: true })).toHaveValue('Atlantis');
  await expect(page.getByLabel('Onderwerp')).toHaveValue(title);

  // Part of the name is enough.
  await page.getByLabel('Buurt', { exact: true }).fill('linden');
  await page.getByLabel('Je bericht').fill('Waar is de buurt gebleven?');
  await page.getByRole('button', { name: 'Gesprek beginnen' }).click();
  await expect(page).toHaveURL(/\/gesprekken\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.place__kind')).toContainText('De Lindenhoek');
});

test('a long thread is paged, and a reply lands on the page that holds it', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await logIn(page, testInfo, ADMIN.username, ADMIN.password);
  const marker = uniqueName('lang');
  const path = await startThread(page, testInfo, uniqueName('Lang gesprek '), `Opening ${marker}`);
  const thread = path.match(/\/gesprekken\/(\d+)$/)![1];
  // The opening post and 25 replies: 26 top-level posts, 25 a page.
  for (let n = 1; n <= 25; n++) {
    const posted = await page.request.post('/api/threads/reply', {
      form: { thread, body: `Antwoord ${String(n).padStart(2, '0')} ${marker}` },
    });
    expect(posted.status(), await posted.text()).toBeLessThan(400);
  }
  await page.goto(path);
  await ready(page, testInfo);
  const pager = page.locator('nav.pager');
  await expect(pager).toContainText('Pagina 1 van 2');
  await expect(pager.getByRole('link', { name: 'Vorige pagina' })).toHaveCount(0);
  await expect(page.locator('.post', { hasText: `Opening ${marker}` })).toBeVisible();
  await expect(page.locator('.post', { hasText: `Antwoord 24 ${marker}` })).toBeVisible();
  await expect(page.locator('.post', { hasText: `Antwoord 25 ${marker}` })).toHaveCount(0);

  await pager.getByRole('link', { name: 'Volgende pagina' }).click();
  await expect(page).toHaveURL(/\?pagina=2$/);
  await ready(page, testInfo);
  await expect(pager).toContainText('Pagina 2 van 2');
  await expect(page.locator('.post', { hasText: `Antwoord 25 ${marker}` })).toBeVisible();
  await expect(page.locator('.post', { hasText: `Opening ${marker}` })).toHaveCount(0);
  await expect(pager.getByRole('link', { name: 'Volgende pagina' })).toHaveCount(0);
  await expect(pager.getByRole('link', { name: 'Vorige pagina' })).toHaveAttribute('href', `/gesprekken/${thread}?pagina=1`);

  // A reply sent from the first page lands on the last, at the new post.
  await page.goto(`${path}?pagina=1`);
  await ready(page, testInfo);
  const text = `Antwoord 26 ${marker}`;
  await page.locator('form#reactie').getByLabel('Je bericht').fill(text);
  await page.locator('form#reactie').getByRole('button', { name: 'Plaatsen' }).click();
  await expect(page).toHaveURL(new RegExp(`/gesprekken/${thread}\\?bericht=\\d+#bericht-\\d+$`));
  const url = new URL(page.url());
  expect(url.hash).toBe(`#bericht-${url.searchParams.get('bericht')}`);
  await expect(page.locator(url.hash)).toContainText(text);
  await expect(pager).toContainText('Pagina 2 van 2');
  await expect(page.locator('.post', { hasText: `Opening ${marker}` })).toHaveCount(0);
});
