import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { brokenStore, memoryStore } from '../testing/memory-store';
import { en } from './en';
import {
  currentLang,
  DEFAULT_LANG,
  errorMessage,
  LANG_STORAGE_KEY,
  loadLang,
  onLangChange,
  parseLang,
  setLang,
  t,
  translate,
} from './index';
import { zhCN, type MessageKey } from './zh-CN';

const problem = (code: string, status = 400, retryAfter?: number) =>
  new ApiError({ status, code, title: code, retryAfter });

afterEach(() => setLang(DEFAULT_LANG));

describe('translation', () => {
  it('defaults to Simplified Chinese', () => {
    expect(DEFAULT_LANG).toBe('zh-CN');
    expect(t('region.heading')).toBe('按地区浏览');
  });

  it('switches to English', () => {
    setLang('en');
    expect(t('region.heading')).toBe('Browse by region');
  });

  it('falls back to Chinese for a key English lacks', () => {
    const key: MessageKey = 'region.heading';
    const saved = en[key];
    delete en[key];
    try {
      expect(translate('en', key)).toBe(zhCN[key]);
    } finally {
      en[key] = saved;
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'region.loaded', { count: 34 })).toBe('已列出34个地区');
    expect(translate('en', 'region.cities', {})).toBe('Regions in {name}');
  });

  it('has an English text for every Chinese key today', () => {
    expect(Object.keys(zhCN).filter((k) => !(k in en))).toEqual([]);
  });
});

describe('language persistence', () => {
  it('uses zh-CN when nothing, or nonsense, is stored', () => {
    expect(loadLang(memoryStore())).toBe('zh-CN');
    expect(loadLang(memoryStore({ [LANG_STORAGE_KEY]: 'klingon' }))).toBe('zh-CN');
    expect(loadLang(null)).toBe('zh-CN');
    expect(loadLang(brokenStore)).toBe('zh-CN');
  });

  it('remembers the chosen language under kepu.lang and sets <html lang>', () => {
    const storage = memoryStore();
    const root = { lang: 'zh-CN' };

    setLang('en', { storage, root });

    expect(storage.data).toEqual({ 'kepu.lang': 'en' });
    expect(root.lang).toBe('en');
    expect(currentLang()).toBe('en');
    expect(loadLang(storage)).toBe('en');
  });

  it('survives a storage that throws', () => {
    expect(() => setLang('en', { storage: brokenStore })).not.toThrow();
    expect(currentLang()).toBe('en');
  });

  it('reads language tags leniently', () => {
    expect(parseLang('en-US')).toBe('en');
    expect(parseLang('zh')).toBe('zh-CN');
    expect(parseLang('zh-Hans-CN')).toBe('zh-CN');
    expect(parseLang('english')).toBeUndefined();
  });

  it('tells subscribers only when the language really changes', () => {
    const seen: string[] = [];
    const stop = onLangChange((lang) => seen.push(lang));
    setLang('en');
    setLang('en');
    setLang('zh-CN');
    stop();
    setLang('en');
    expect(seen).toEqual(['en', 'zh-CN']);
  });
});

describe('error messages', () => {
  it('chooses the message by problem code', () => {
    expect(errorMessage(problem('region-not-found', 404))).toBe('没有找到这个地区。');
    expect(errorMessage(problem('validation-failed'))).toBe(zhCN['error.validation-failed']);
    expect(errorMessage(problem('network-error', 0), 'en')).toBe(en['error.network-error']);
  });

  it('says how long to wait when rate limited with Retry-After', () => {
    expect(errorMessage(problem('rate-limited', 429, 30))).toBe('操作太频繁了，请30秒后再试。');
    expect(errorMessage(problem('rate-limited', 429))).toBe(zhCN['error.rate-limited']);
  });

  it('falls back to the status, then to a generic message', () => {
    expect(errorMessage(problem('activity-gone-fishing', 404))).toBe(zhCN['error.not-found']);
    expect(errorMessage(problem('database-unavailable', 503))).toBe(zhCN['error.service-unavailable']);
    expect(errorMessage(problem('something-new', 409))).toBe(zhCN['error.generic']);
    expect(errorMessage(new Error('boom'))).toBe(zhCN['error.generic']);
    expect(errorMessage(undefined, 'en')).toBe(en['error.generic']);
  });
});
