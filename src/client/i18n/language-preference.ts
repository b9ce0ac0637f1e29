import { get, set } from 'idb-keyval';
import { LANGUAGES, type Language, language, loadLanguage } from './translate';

const PREFERENCE_KEY = 'language';

export async function restoreLanguage(): Promise<void> {
  try {
    const stored = await get<Language>(PREFERENCE_KEY);
    if (stored && LANGUAGES.includes(stored)) await loadLanguage(stored);
  } catch {
    // Private mode or a broken store: Ukrainian is the right default anyway.
  }
  document.documentElement.lang = language.value;
}

export async function chooseLanguage(next: Language): Promise<void> {
  await loadLanguage(next);
  document.documentElement.lang = next;
  await set(PREFERENCE_KEY, next).catch(() => undefined);
}
