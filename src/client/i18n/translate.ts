import { signal } from '@preact/signals';
import { type MessageKey, uk } from './messages-uk';

export type Language = 'uk' | 'en';
export const LANGUAGES: readonly Language[] = ['uk', 'en'];

// Only Ukrainian ships in the first-load bundle; English is a separate chunk fetched (and precached by
// the service worker for offline use) when someone picks it.
const catalogues: Partial<Record<Language, Record<MessageKey, string>>> = { uk };

export const language = signal<Language>('uk');

export async function loadLanguage(next: Language): Promise<void> {
  if (next === 'en' && !catalogues.en) catalogues.en = (await import('./messages-en')).en;
  language.value = next;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in uk;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = (catalogues[language.value] ?? uk)[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
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
