import type { ApiError } from '../api/http';
import { readItem, writeItem, type KeyValueStore } from '../ui/storage';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };
export type Lang = 'zh-CN' | 'en';

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_STORAGE_KEY = 'kepu.lang';

const catalogs: Record<Lang, Partial<Record<MessageKey, string>>> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;

/** Pure lookup: the language's text, else Chinese, with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = catalogs[lang][key] ?? zhCN[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Reads a language tag leniently (`en-US` → `en`, `zh` → `zh-CN`); anything else is unknown. */
export function parseLang(value: string | null | undefined): Lang | undefined {
  const tag = value?.trim().toLowerCase();
  if (!tag) return undefined;
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  return undefined;
}

export function loadLang(storage: KeyValueStore | null): Lang {
  return parseLang(readItem(storage, LANG_STORAGE_KEY)) ?? DEFAULT_LANG;
}

export function saveLang(storage: KeyValueStore | null, lang: Lang): void {
  writeItem(storage, LANG_STORAGE_KEY, lang);
}

let current: Lang = DEFAULT_LANG;
const listeners = new Set<(lang: Lang) => void>();

export function currentLang(): Lang {
  return current;
}

/** Translates in the current language. */
export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}

export interface LangTarget {
  storage?: KeyValueStore | null;
  /** Usually `document.documentElement`; its `lang` attribute follows the choice. */
  root?: { lang: string } | null;
}

/** Switches language, remembers it and tells subscribers (who re-render their text). */
export function setLang(lang: Lang, target: LangTarget = {}): void {
  const changed = lang !== current;
  current = lang;
  if (target.root) target.root.lang = lang;
  if (target.storage !== undefined) saveLang(target.storage, lang);
  if (changed) for (const listener of listeners) listener(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const statusCodes: Partial<Record<number, string>> = { 403: 'forbidden', 404: 'not-found', 429: 'rate-limited', 503: 'service-unavailable' };

/** A message for the user, chosen by the problem `code`, then by HTTP status, then generic. */
export function errorMessage(error: unknown, lang: Lang = current): string {
  const problem = isApiErrorLike(error) ? error : undefined;
  if (!problem) return translate(lang, 'error.generic');
  if (problem.code === 'rate-limited' && problem.retryAfter) {
    return translate(lang, 'error.rate-limited.after', { seconds: problem.retryAfter });
  }
  for (const code of [problem.code, statusCodes[problem.status]]) {
    const key = `error.${code}`;
    if (code && key in zhCN) return translate(lang, key as MessageKey);
  }
  return translate(lang, 'error.generic');
}

function isApiErrorLike(error: unknown): error is Pick<ApiError, 'code' | 'status' | 'retryAfter'> {
  return typeof error === 'object' && error !== null && typeof (error as ApiError).code === 'string';
}
