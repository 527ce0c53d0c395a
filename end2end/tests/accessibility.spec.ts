import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { jsEnabled, ready } from './helpers';

const pages = [
  '/',
  '/plekken',
  '/plekken?soort=kasteel&q=' + 'x'.repeat(101),
  '/plekken/buurthuis-de-linde',
  '/plekken/bestaat-niet',
  '/plekken/Hallo_Wereld',
];

for (const path of pages) {
  for (const language of ['nl', 'en']) {
    test(`no accessibility violations on ${path} (${language})`, async ({ page, context }, testInfo) => {
      // axe runs as a script in the page; the no-JS rendering is the same server HTML.
      test.skip(!jsEnabled(testInfo), 'axe needs JavaScript in the page');
      await context.addCookies([{ name: 'taal', value: language, url: testInfo.project.use.baseURL! }]);
      await page.goto(path);
      await ready(page, testInfo);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }
}
