import { signal } from '@preact/signals';
import type { FormMessageKey } from './form-messages-uk';
import { type CoreMessageKey, type MessageKey, uk } from './messages-uk';

export type Language = 'uk' | 'en';
export const LANGUAGES: readonly Language[] = ['uk', 'en'];

// Only Ukrainian ships in the first-load bundle; English is a separate chunk fetched (and precached by
// the service worker for offline use) when someone picks it.
const catalogues: Partial<Record<Language, Record<CoreMessageKey, string>>> = { uk };
// The forms' catalogue (labels, options, validator messages) is a chunk of its own, loaded by the first
// page that shows a form or a record's answers; `formsRevision` re-renders what was drawn before it came.
const formCatalogues: Partial<Record<Language, Record<FormMessageKey, string>>> = {};
let formsWanted = false;
const formsRevision = signal(0);

export const language = signal<Language>('uk');

async function ensureFormCatalogue(lang: Language): Promise<void> {
  if (!formsWanted || formCatalogues[lang]) return;
  formCatalogues[lang] =
    lang === 'uk' ? (await import('./form-messages-uk')).formUk : (await import('./form-messages-en')).formEn;
  formsRevision.value++;
}

/** Loads the forms' catalogue (in the current language, and later ones as they are chosen). */
export async function loadFormMessages(): Promise<void> {
  formsWanted = true;
  await ensureFormCatalogue('uk');
  await ensureFormCatalogue(language.value);
}

export async function loadLanguage(next: Language): Promise<void> {
  if (next === 'en' && !catalogues.en) catalogues.en = (await import('./messages-en')).en;
  await ensureFormCatalogue(next);
  language.value = next;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in uk || (formCatalogues.uk !== undefined && key in formCatalogues.uk);
}

function lookup(key: MessageKey): string {
  void formsRevision.value;
  const lang = language.value;
  const core = (catalogues[lang] ?? uk) as Readonly<Record<string, string>>;
  const forms = formCatalogues[lang] as Readonly<Record<string, string>> | undefined;
  return (
    core[key] ??
    forms?.[key] ??
    (formCatalogues.uk as Readonly<Record<string, string>> | undefined)?.[key] ??
    key
  );
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return lookup(key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Picks «1 заява / 2 заяви / 5 заяв» by the language's plural rules (CLDR via Intl.PluralRules). */
export function tPlural(base: 'sync.waiting' | 'conflict.badge', count: number): string {
  const category = new Intl.PluralRules(language.value).select(count);
  const key = `${base}.${category}`;
  return t(isMessageKey(key) ? key : `${base}.other`, { n: count });
}

/** Translates a server or validator reason code, falling back to a generic phrase, never a raw code. */
export function tReason(code: string): string {
  if (isMessageKey(code)) return t(code);
  const reasonKey = `reason.${code}`;
  return t(isMessageKey(reasonKey) ? reasonKey : 'reason.unknown');
}
