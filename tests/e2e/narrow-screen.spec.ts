import { expectStep, fillDamageReport } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, type Page, test } from './test';

// The smallest phones still in use are 320 CSS px wide: nothing may need a sideways scroll there.
test.use({ viewport: { width: 320, height: 640 } });

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ dataDir: makeDataDir() });
});

test.afterAll(async () => {
  await server?.stop();
});

async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what}: page is ${width}px wide at a 320px screen`).toBeLessThanOrEqual(320);
  await expectNoSeriousAxeViolations(page, `${what} at 320px`);
}

for (const service of ['damage-report', 'idp-registration', 'benefit-application'] as const) {
  test(`${service} at 320px: the first step and the check page fit without sideways scrolling, axe clean`, async ({
    page,
  }) => {
    await page.goto(`${server.url}/${service}/new?step=1`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText('Крок 1 з');
    await expectNoSidewaysScroll(page, `${service}, first step`);

    // The check page is the last "step": its number is the total in «Крок 1 з N».
    const total = Number(/Крок 1 з (\d+)/.exec((await heading.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(1);
    await page.goto(`${server.url}/${service}/new?step=${total}`);
    await expect(heading).toContainText('Перевірте відповіді');
    await expectNoSidewaysScroll(page, `${service}, check page (nothing answered yet)`);
  });
}

test('damage report at 320px, filled in: every step and the check page with real answers fit', async ({
  page,
}) => {
  await page.goto(server.url);
  await fillDamageReport(
    page,
    'Вибито вікна, тріщина в стіні над вхідними дверима; пошкоджено дах і газову трубу біля входу.',
    { eachStep: (step) => expectNoSidewaysScroll(page, `damage report, step ${step}`) },
  );
  await expectStep(page, 8, 'Перевірте відповіді');
});
