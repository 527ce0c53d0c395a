import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ready } from './helpers';

/** The page's base font size in px: the size of the running text in `<main>`. */
function baseFontSize(page: Page): Promise<number> {
  return page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main')!).fontSize));
}

/** The page's background and text colours. */
function colours(page: Page): Promise<{ background: string; text: string }> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, text: style.color };
  });
}

/** Opens the menu first where a narrow screen folds it, then presses a display button. */
async function press(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await ready(page, testInfo);
  const toggle = page.locator('.site-menu__toggle');
  if (await toggle.isVisible()) {
    await toggle.click();
  }
  await page.getByRole('button', { name, exact: true }).click();
}

/** A display button, also where a folded menu hides it. */
function displayButton(page: Page, name: string) {
  return page.getByRole('button', { name, exact: true, includeHidden: true });
}

test('switch to large text and back, remembered between pages @phone', async ({ page }, testInfo) => {
  await page.goto('/plekken?soort=park');
  const normal = await baseFontSize(page);
  expect(normal).toBeLessThan(20);
  await expect(displayButton(page, 'Grote letters')).toHaveAttribute('aria-pressed', 'false');

  await press(page, testInfo, 'Grote letters');
  // Back on the same page, query and all, drawn large from the first paint.
  await expect(page).toHaveURL(/\/plekken\?soort=park$/);
  await expect(page.locator('html')).toHaveClass(/\btext-large\b/);
  expect(await baseFontSize(page)).toBeGreaterThanOrEqual(20);
  await expect(page.getByLabel('Soort plek')).toHaveValue('park');
  await expect(displayButton(page, 'Grote letters')).toHaveAttribute('aria-pressed', 'true');
  // Tap targets grow with the text.
  const button = (await page.getByRole('button', { name: 'Toon plekken' }).boundingBox())!;
  expect(button.height).toBeGreaterThanOrEqual(48);

  // Remembered on the next page.
  await page.goto('/gesprekken');
  await expect(page.locator('html')).toHaveClass(/\btext-large\b/);
  expect(await baseFontSize(page)).toBeGreaterThanOrEqual(20);

  await press(page, testInfo, 'Grote letters');
  await expect(page).toHaveURL(/\/gesprekken$/);
  await expect(page.locator('html')).not.toHaveClass(/\btext-large\b/);
  expect(await baseFontSize(page)).toBe(normal);
  await expect(displayButton(page, 'Grote letters')).toHaveAttribute('aria-pressed', 'false');
  await page.goto('/');
  expect(await baseFontSize(page)).toBe(normal);
});

test('switch to high contrast and back, remembered between pages @phone', async ({ page }, testInfo) => {
  await page.goto('/plekken/buurthuis-de-linde');
  const normal = await colours(page);
  expect(normal.background).not.toBe('rgb(255, 255, 255)');
  await expect(displayButton(page, 'Hoog contrast')).toHaveAttribute('aria-pressed', 'false');

  await press(page, testInfo, 'Hoog contrast');
  await expect(page).toHaveURL(/\/plekken\/buurthuis-de-linde$/);
  await expect(page.locator('html')).toHaveClass(/\bcontrast-high\b/);
  expect(await colours(page)).toEqual({ background: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
  await expect(displayButton(page, 'Hoog contrast')).toHaveAttribute('aria-pressed', 'true');
  // Large text is a setting of its own and stays off.
  await expect(page.locator('html')).not.toHaveClass(/\btext-large\b/);

  await page.goto('/activiteiten');
  expect(await colours(page)).toEqual({ background: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });

  await press(page, testInfo, 'Hoog contrast');
  await expect(page).toHaveURL(/\/activiteiten$/);
  await expect(page.locator('html')).not.toHaveClass(/\bcontrast-high\b/);
  expect(await colours(page)).toEqual(normal);
  await page.goto('/kaart');
  expect(await colours(page)).toEqual(normal);
});

test('both settings together, in English too @phone', async ({ page, context }, testInfo) => {
  await context.addCookies([{ name: 'taal', value: 'en', url: testInfo.project.use.baseURL! }]);
  await page.goto('/');
  await press(page, testInfo, 'Large text');
  await press(page, testInfo, 'High contrast');
  await expect(page.locator('html')).toHaveClass(/\btext-large\b/);
  await expect(page.locator('html')).toHaveClass(/\bcontrast-high\b/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await baseFontSize(page)).toBeGreaterThanOrEqual(20);
  // The language switch leaves the display as it is.
  await press(page, testInfo, 'Nederlands');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.locator('html')).toHaveClass(/\btext-large\b/);
  await expect(page.locator('html')).toHaveClass(/\bcontrast-high\b/);
});

// 200 % zoom on a 1280 px laptop: a 640 px wide window with large text.
test('with large text at 200 % zoom the pages keep one column and nothing overlaps', async ({ page, context }, testInfo) => {
  test.setTimeout(60_000);
  await context.addCookies([{ name: 'letters', value: 'groot', url: testInfo.project.use.baseURL! }]);
  await page.setViewportSize({ width: 640, height: 800 });
  for (const path of ['/', '/plekken', '/plekken/buurthuis-de-linde', '/activiteiten', '/kaart', '/gesprekken', '/artikelen', '/aanmelden']) {
    await test.step(path, async () => {
      await page.goto(path);
      await ready(page, testInfo);
      expect(await baseFontSize(page)).toBeGreaterThanOrEqual(20);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} scrolls sideways`).toBeLessThanOrEqual(640);
      const overlaps = await page.evaluate(overlapping);
      expect(overlaps, `${path}: boxes that overlap`).toEqual([]);
      // Cards, form fields and an activity's time and title: side by side in no container.
      const columns = await page.evaluate(() => {
        const lefts = new Map<Element, Set<number>>();
        for (const item of document.querySelectorAll('main .place-card, main .article-card, main .field:not(.field--honeypot), main .activity > *')) {
          const box = item.getBoundingClientRect();
          if (box.width === 0 || !item.parentElement) continue;
          const seen = lefts.get(item.parentElement) ?? new Set<number>();
          seen.add(Math.round(box.left));
          lefts.set(item.parentElement, seen);
        }
        return Math.max(0, ...[...lefts.values()].map((seen) => seen.size));
      });
      expect(columns, `${path} keeps one column`).toBeLessThanOrEqual(1);
    });
  }
});

/** Visible controls, headings and cards on the page whose boxes cross each other. */
function overlapping(): string[] {
  const selector = 'h1, h2, h3, a, button, input, select, textarea, summary, label, .place-card, .post, .card';
  const boxes = [...document.querySelectorAll<HTMLElement>(selector)]
    .filter((el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && !el.closest('.visually-hidden, .skip-link, .leaflet-container, svg'))
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && box.height > 0);
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (x > 1 && y > 1) {
        const name = (el: HTMLElement) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
        found.push(`${name(a.el)} × ${name(b.el)}`);
      }
    }
  }
  return found;
}
