import { expectStep, fillDamageReport } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

test('damage report: the place is taken only after the tick and the button, rounded, and shown on the check page', async ({
  context,
  page,
}) => {
  server = await startServer({ dataDir: makeDataDir() });
  await context.grantPermissions(['geolocation'], { origin: server.url });
  await context.setGeolocation({ latitude: 50.4500012345, longitude: 30.5234567891, accuracy: 18.4 });
  // Count the phone's location requests: none may happen before the person agrees.
  await context.addInitScript(() => {
    const original = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
    (window as unknown as { locationAsks: number }).locationAsks = 0;
    navigator.geolocation.getCurrentPosition = (...args: Parameters<Geolocation['getCurrentPosition']>) => {
      (window as unknown as { locationAsks: number }).locationAsks += 1;
      original(...args);
    };
  });
  await page.goto(server.url);

  await fillDamageReport(page, 'Вибито вікна, тріщина в стіні над вхідними дверима.', {
    eachStep: async (step) => {
      if (step !== 4) return;
      const block = page.getByTestId('location');
      const consent = block.getByRole('checkbox', { name: 'Додати місце, де я зараз (з вашого дозволу)' });
      await expect(consent).not.toBeChecked();
      await expect(block.getByRole('button', { name: 'Визначити місце' })).toHaveCount(0);
      await consent.check();
      expect(await page.evaluate(() => (window as unknown as { locationAsks: number }).locationAsks)).toBe(0);
      await block.getByRole('button', { name: 'Визначити місце' }).click();
      await expect(page.getByTestId('location-status')).toHaveText(
        'Місце додано: 50.45000, 30.52346 (точність близько 18 м)',
      );
      expect(await page.evaluate(() => (window as unknown as { locationAsks: number }).locationAsks)).toBe(1);
      await expectNoSeriousAxeViolations(page, 'location added');
    },
  });
  await expect(page.getByTestId('answer-location')).toContainText(
    '50.45000, 30.52346 (точність близько 18 м)',
  );

  // Taking the consent back removes the place.
  await page
    .getByTestId('answer-location')
    .getByRole('link', { name: /Змінити/ })
    .click();
  await expectStep(page, 4, 'Адреса майна');
  await page.getByRole('checkbox', { name: 'Додати місце, де я зараз (з вашого дозволу)' }).uncheck();
  await expect(page.getByTestId('location-status')).toHaveText('');
  await page.getByRole('button', { name: 'Далі', exact: true }).click();
  await expectStep(page, 8, 'Перевірте відповіді');
  await expect(page.getByTestId('answer-location')).toContainText('Не додано');
});

test('damage report: a refused location is said plainly and the form goes on', async ({ context, page }) => {
  server = await startServer({ dataDir: makeDataDir() });
  await context.clearPermissions();
  await page.goto(server.url);
  await fillDamageReport(page, 'Вибито вікна, тріщина в стіні над вхідними дверима.', {
    eachStep: async (step) => {
      if (step !== 4) return;
      await page.getByRole('checkbox', { name: 'Додати місце, де я зараз (з вашого дозволу)' }).check();
      await page.getByRole('button', { name: 'Визначити місце' }).click();
      await expect(page.getByTestId('location-status')).toHaveText(
        /Ви не дозволили телефону визначати місце|Телефон зараз не може визначити місце/,
      );
      await expectNoSeriousAxeViolations(page, 'location refused');
    },
  });
  await expect(page.getByTestId('answer-location')).toContainText('Не додано');
});
