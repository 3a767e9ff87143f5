import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { startBrowserMode, type RunningBrowserMode } from '../support/browser-mode';

/** Every request the page made, so a test can prove nothing left 127.0.0.1. */
export interface RequestLog {
  urls: string[];
  outside(origin: string): string[];
}

export const test = base.extend<{ app: RunningBrowserMode; requests: RequestLog }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object.
  app: async ({}, use) => {
    const app = await startBrowserMode();
    await use(app);
    await app.stop();
  },
  requests: async ({ page }, use) => {
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await use({
      urls,
      // Only network requests count: the browser's own pages (its PDF viewer's chrome:// and
      // chrome-extension:// files), data: and blob: never leave the machine.
      outside: (origin) =>
        urls.filter((url) => /^(https?|wss?|ftp):/i.test(url) && !url.startsWith(origin + '/')),
    });
  },
});

export { expect };

/** axe-core, WCAG 2.2 A and AA rules: the screen must have no violations. */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'accessibility violations').toEqual([]);
}
