// save: at 4× CPU, in the built app, for each service form: the time from the tap to what the person
// sees, measured in the page with performance.now() and ending at the first animation frame after the
// DOM shows the result.
//   next     "Далі" → the next step's heading (the form engine checks the step; it writes nothing)
//   autosave a keystroke → «Збережено на телефоні» (committed to IndexedDB by the data worker), minus
//            the form's 300 ms typing debounce, which is a pause by design, not latency
//   submit   the check page's submit → the application page with the record's state (the submission
//            committed to IndexedDB with its outbox entry, then read back and shown)
// Each iteration opens a complete draft (written into the app's own IndexedDB database the way the
// data worker stores drafts) and steps through every step, so no typing is timed.
import { emulateCpu, launchChromium } from './lib/browser.mjs';
import { loadDomain } from './lib/domain.mjs';
import { CPU_SLOWDOWN } from './lib/network-profiles.mjs';
import { startLastivkaServer } from './lib/processes.mjs';
import { makeServiceForms, seededRandom, seededUuid } from './lib/records.mjs';
import { percentile, round } from './lib/stats.mjs';
import { targetText, verdict } from './lib/targets.mjs';

const SEGMENTS = {
  damageReport: 'damage-report',
  idpRegistration: 'idp-registration',
  benefitApplication: 'benefit-application',
};
const DRAFT_DEBOUNCE_MS = 300;
const DATABASE = 'lastivka';

/** In the page: the app's database exists (its data worker made it) and has the records store. */
async function databaseReady(name) {
  const list = await indexedDB.databases();
  if (!list.some((db) => db.name === name)) return false;
  return new Promise((resolve) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      const ok = request.result.objectStoreNames.contains('records');
      request.result.close();
      resolve(ok);
    };
    request.onerror = () => resolve(false);
  });
}

/** In the page: stores a draft exactly as saveDraft does (src/local/records/save-draft.ts). */
async function putDraft({ name, record }) {
  await new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('records', 'readwrite', { durability: 'strict' });
      tx.objectStore('records').put(record);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    request.onerror = () => reject(request.error);
  });
}

/**
 * In the page: clicks the current step's submit button and resolves when the result is in the DOM and
 * an animation frame has run. `kind` is 'next' or 'submit'.
 */
function timeTap(kind) {
  return new Promise((resolve) => {
    const form = document.querySelector('form[data-testid^="step-"]');
    if (!form) return resolve({ ok: false, problem: 'no step form on the page' });
    const before = form.dataset.testid;
    const button = form.querySelector('button[type=submit]');
    let finished = false;
    let t0 = 0;
    const finish = (ok, problem) => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timer);
      const domAt = performance.now();
      requestAnimationFrame(() => {
        const shownAt = performance.now();
        resolve({ ok, problem, ms: shownAt - t0, domMs: domAt - t0 });
      });
    };
    const check = () => {
      if (kind === 'next') {
        const now = document.querySelector('form[data-testid^="step-"]');
        if (now && now.dataset.testid !== before) return finish(true);
      } else if (location.pathname.startsWith('/applications/')) {
        const state = document.querySelector('[data-testid="record-state"]');
        if (state && state.textContent.trim() !== '') return finish(true);
      }
      const alert = document.querySelector('.form-page [role="alert"]');
      if (alert && alert.textContent.trim() !== '') finish(false, alert.textContent.trim().slice(0, 200));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
    });
    const timer = setTimeout(() => finish(false, 'timeout'), 30_000);
    t0 = performance.now();
    button.click();
    check();
  });
}

/**
 * In the page: appends a letter to the first text input of the step (as typing does) and resolves
 * when the save line says the draft is committed.
 */
function timeAutosave(savedPrefix) {
  return new Promise((resolve) => {
    const input = document.querySelector('form[data-testid^="step-"] input[type=text]');
    const line = document.querySelector('[data-testid="save-state"]');
    if (!input || !line) return resolve({ ok: false, problem: 'no text input or save line' });
    let finished = false;
    let sawSaving = false;
    let t0 = 0;
    const finish = (ok, problem) => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve({ ok, problem, ms: performance.now() - t0 }));
    };
    const observer = new MutationObserver(() => {
      const text = line.textContent ?? '';
      if (!text.startsWith(savedPrefix)) sawSaving = true;
      else if (sawSaving) finish(true);
    });
    observer.observe(line, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => finish(false, 'timeout'), 30_000);
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    t0 = performance.now();
    setter.call(input, `${input.value}а`);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function measureService(page, server, service, forms, domain, iterations, random) {
  const samples = { next: [], autosave: [], submit: [] };
  const problems = [];
  // Is the form there at all? (Measure what exists.)
  await page.goto(`${server.url}/${SEGMENTS[service]}/new`);
  const available = await page
    .waitForSelector(`[data-testid="form-${service}"] form[data-testid^="step-"]`, { timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  if (!available) return { available: false, samples, problems };

  for (let iteration = 0; iteration < iterations; iteration++) {
    const now = new Date().toISOString();
    const id = seededUuid(random);
    const record = {
      id,
      service,
      reference: domain.createReferenceNumber((bytes) => crypto.getRandomValues(bytes)),
      state: 'draft',
      data: forms[iteration % forms.length],
      createdAt: now,
      updatedAt: now,
    };
    await page.evaluate(putDraft, { name: DATABASE, record });
    await page.goto(`${server.url}/${SEGMENTS[service]}/${id}?step=1`);
    await page.waitForSelector('form[data-testid^="step-"] button[type=submit]');

    if (iteration < 4) {
      const saved = await page.evaluate(timeAutosave, 'Збережено');
      if (saved.ok) samples.autosave.push(saved.ms - DRAFT_DEBOUNCE_MS);
      else problems.push({ iteration, tap: 'autosave', problem: saved.problem });
    }
    for (let step = 0; step < 20; step++) {
      const onCheck = await page.evaluate(
        () => document.querySelector('form[data-testid="step-check"]') !== null,
      );
      const tap = await page.evaluate(timeTap, onCheck ? 'submit' : 'next');
      if (!tap.ok) {
        problems.push({ iteration, step, tap: onCheck ? 'submit' : 'next', problem: tap.problem });
        break;
      }
      samples[onCheck ? 'submit' : 'next'].push(tap.ms);
      if (onCheck) break;
    }
  }
  return { available: true, samples, problems };
}

export async function run({ smoke = false } = {}) {
  const iterations = smoke ? 1 : Number(process.env.BENCH_SAVE_ITERATIONS ?? 6);
  const domain = await loadDomain();
  const forms = await makeServiceForms(Math.max(iterations, 1));
  const server = await startLastivkaServer();
  const browser = await launchChromium();
  const random = seededRandom(4);
  const results = {};
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await emulateCpu(cdp, CPU_SLOWDOWN);
    await page.goto(`${server.url}/`);
    await page.waitForFunction(databaseReady, DATABASE, { timeout: 30_000, polling: 200 });
    for (const service of Object.keys(SEGMENTS)) {
      results[service] = await measureService(
        page,
        server,
        service,
        forms[service],
        domain,
        iterations,
        random,
      );
      if (!smoke) process.stdout.write('.');
    }
    if (!smoke) process.stdout.write('\n');
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }

  const LABELS = {
    next: '"Далі" → next step shown',
    autosave: 'keystroke → «Збережено» (debounce excluded)',
    submit: 'submit → committed and shown',
  };
  const figures = {};
  const rows = [];
  for (const [service, result] of Object.entries(results)) {
    figures[service] = { available: result.available, problems: result.problems };
    for (const kind of ['next', 'autosave', 'submit']) {
      const list = result.samples[kind];
      const p50 = percentile(list, 50);
      const p95 = percentile(list, 95);
      figures[service][kind] = {
        taps: list.length,
        p50,
        p95,
        min: list.length ? Math.min(...list) : null,
        max: list.length ? Math.max(...list) : null,
      };
      rows.push({
        service,
        tap: LABELS[kind],
        taps: result.available ? list.length : 'not available',
        'p50 (ms)': result.available && list.length ? round(p50, 1) : 'n/a',
        'p95 (ms)': result.available && list.length ? round(p95, 1) : 'n/a',
        'min–max (ms)': list.length ? `${round(Math.min(...list), 1)}–${round(Math.max(...list), 1)}` : '',
        target: list.length ? `p95 ${targetText('saveP95Ms')}: ${verdict('saveP95Ms', p95)}` : '',
      });
    }
  }
  console.log(
    `\nsave — built app, ${CPU_SLOWDOWN}× CPU, ${iterations} complete form(s) per service, every step; times to the first frame showing the result`,
  );
  console.table(rows);
  const problems = Object.entries(results).flatMap(([service, result]) =>
    result.problems.map((problem) => ({ service, ...problem })),
  );
  if (problems.length > 0) {
    console.log('taps that did not reach their result (not counted):');
    console.table(problems);
  }
  return {
    figures,
    headline: Object.fromEntries(
      Object.entries(figures).map(([service, figure]) => [
        service,
        figure.available
          ? {
              nextP95: round(figure.next.p95, 1),
              autosaveP95: round(figure.autosave.p95, 1),
              submitP95: round(figure.submit.p95, 1),
              verdicts: {
                next: verdict('saveP95Ms', figure.next.p95),
                autosave: verdict('saveP95Ms', figure.autosave.p95),
                submit: verdict('saveP95Ms', figure.submit.p95),
              },
            }
          : 'not available',
      ]),
    ),
    table: rows,
    settings: { iterations, cpuSlowdown: CPU_SLOWDOWN, draftDebounceMs: DRAFT_DEBOUNCE_MS },
    samples: Object.fromEntries(
      Object.entries(results).map(([service, result]) => [
        service,
        Object.fromEntries(
          Object.entries(result.samples).map(([kind, list]) => [kind, list.map((ms) => round(ms, 2))]),
        ),
      ]),
    ),
  };
}
