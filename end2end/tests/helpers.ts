import { expect, type Page, type TestInfo } from '@playwright/test';

/** Whether this run has JavaScript (the `hydrated` project) or not (`no-js`). */
export function jsEnabled(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** With JavaScript, waits until the wasm has hydrated the page; without, returns at once. */
export async function ready(page: Page, testInfo: TestInfo): Promise<void> {
  if (jsEnabled(testInfo)) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

/** The names on the place cards in a section of the page. */
export function cardNames(page: Page, scope = 'main') {
  return page.locator(`${scope} .place-card__name`);
}

/** The places open at the fixed test time, Tuesday 24 November 2026, 10:30. */
export const OPEN_AT_TEST_TIME = [
  'Bibliotheek Lindenhoek',
  'Buurthuis De Linde',
  'Koffiecorner bij de Buurtsuper',
  'Koffietafel bij Bakkerij Van Dam',
  'Park De Vijverhof',
];
