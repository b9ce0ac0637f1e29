import { test as base, expect } from '@playwright/test';

/**
 * Every journey also checks that the browser reported no Content-Security-Policy violation: the
 * strict policy (no inline script) must hold for everything the app does, not just the first page.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: import('@playwright/test').Page) =>
        page.on('console', (message) => {
          const text = message.text();
          if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text))
            violations.push(text);
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export type { BrowserContext, Page } from '@playwright/test';
export { chromium } from '@playwright/test';
export { expect };
