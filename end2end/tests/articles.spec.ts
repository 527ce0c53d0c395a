import { expect, test } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { ADMIN, answer, grantRole, jsEnabled, logIn, ready, signUp, uniqueName } from './helpers';

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A small PNG made here: a colour gradient, so no picture file lives in the repository. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = Math.floor((255 * x) / width);
      row[2 + x * 3] = 120;
      row[3 + x * 3] = Math.floor((255 * y) / height);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('an editor publishes an article with a cover, a guest reacts, a moderator approves', async ({ page, browser }, testInfo) => {
  // The administrator makes a new account editor on /moderatie.
  const writerContext = await browser.newContext();
  const writer = await writerContext.newPage();
  const username = await signUp(writer, testInfo, 'schrijver');
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, testInfo, ADMIN.username, ADMIN.password);
  await grantRole(admin, testInfo, username, 'editor');

  // The editor writes, with a refused upload first: alt text is required.
  const title = uniqueName('Licht aan in de buurt ');
  const tag = uniqueName('les');
  await writer.goto('/artikelen');
  await ready(writer, testInfo);
  await writer.getByRole('link', { name: 'Artikel schrijven' }).first().click();
  await expect(writer).toHaveURL(/\/artikelen\/nieuw$/);
  await writer.getByLabel('Titel').fill(title);
  await writer.getByLabel('Inleiding (een of twee zinnen)').fill('Als het licht aan is, komen mensen binnen.');
  await writer.getByLabel('Tekst', { exact: true }).fill('Een verhaal met **vette** woorden.');
  await writer.getByLabel('Onderwerpen').fill(`Ontmoeten, ${tag}`);
  await writer.getByLabel('Plekken', { exact: true }).fill('buurthuis-de-linde');
  const cover = { name: 'omslag.png', mimeType: 'image/png', buffer: png(320, 180) };
  await writer.getByLabel('Foto bovenaan').setInputFiles(cover);
  await writer.getByRole('button', { name: 'Publiceren' }).click();
  await expect(writer.locator('#artikel-cover_alt-fout')).toContainText('Vul dit veld in');
  await expect(writer.getByLabel('Titel')).toHaveValue(title);

  await writer.getByLabel('Foto bovenaan').setInputFiles(cover);
  await writer.getByLabel('Beschrijving van de foto').fill('Een kleurvlak van rood naar blauw.');
  await writer.getByRole('button', { name: 'Publiceren' }).click();
  await expect(writer).toHaveURL(/\/artikelen\/licht-aan-in-de-buurt-[a-z0-9-]+\?opgeslagen=1$/);
  await expect(writer.getByRole('heading', { level: 1 })).toHaveText(title);
  const cover_image = writer.locator('img.article__cover');
  await expect(cover_image).toHaveAttribute('alt', 'Een kleurvlak van rood naar blauw.');
  await expect(cover_image).toHaveAttribute('width', '320');
  // The server's re-encoded JPEG loads (a broken image has no natural size).
  await expect.poll(() => cover_image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const path = new URL(writer.url()).pathname;
  await writerContext.close();

  // A guest reacts; the reaction waits for a moderator.
  await page.goto(path);
  await ready(page, testInfo);
  const text = uniqueName('Mooi verhaal ');
  await page.getByLabel('Je naam').fill('Joke');
  await page.getByLabel('Je reactie').fill(text);
  await page.getByLabel('Controlevraag tegen spam').fill(await answer(page));
  if (jsEnabled(testInfo)) {
    await expect(page.locator('input[name="proof"]')).not.toHaveValue('', { timeout: 10_000 });
  }
  await page.waitForTimeout(3_200);
  await page.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(page.getByRole('status')).toContainText('Een moderator kijkt er even naar');
  await expect(page.locator('#reacties .post', { hasText: text })).toHaveCount(0);

  await admin.goto('/moderatie');
  await ready(admin, testInfo);
  const item = admin.locator('.queue__item', { hasText: text });
  await item.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(admin.locator('.queue__item', { hasText: text })).toHaveCount(0);
  await adminContext.close();

  await page.goto(path);
  await expect(page.locator('#reacties .post', { hasText: text })).toContainText('Joke');

  // The subject's page lists it, reached from the article's "Lees meer over" link.
  await page.getByRole('link', { name: tag, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`onderwerp=${tag}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(tag);
  await expect(page.getByRole('link', { name: title })).toBeVisible();

  // And the place it is about shows it.
  await page.goto('/plekken/buurthuis-de-linde');
  await expect(page.locator('section[aria-labelledby="artikelen"]').getByRole('link', { name: title })).toBeVisible();
});

test('a resident cannot open the editor', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'lezer');
  const response = await page.goto('/artikelen/nieuw');
  expect(response!.status()).toBe(403);
});
