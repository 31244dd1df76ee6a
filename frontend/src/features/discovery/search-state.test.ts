import { describe, expect, it } from 'vitest';
import { currentCampaign } from './campaigns';
import { apiParams, emptySearch, parseSearch, regionChain, toggle, toQueryString } from './search-state';

describe('search state in the URL', () => {
  it('round-trips a full search through the query string', () => {
    const s = parseSearch('?q=天文&region=340207&when=weekend&category=HEALTH&category=EXHIBITION&format=ONSITE&audience=YOUTH&view=map');
    expect(s).toMatchObject({ q: '天文', region: '340207', when: 'weekend', category: ['EXHIBITION', 'HEALTH'], format: ['ONSITE'], audience: ['YOUTH'], view: 'map' });
    expect(parseSearch(toQueryString(s))).toEqual(s);
  });

  it('writes one canonical URL for equal searches, defaults left out', () => {
    const a = parseSearch('?category=WATER,HEALTH&q=');
    const b = parseSearch('?category=HEALTH&category=WATER&category=HEALTH');
    expect(toQueryString(a)).toBe(toQueryString(b));
    expect(toQueryString(a)).toBe('?category=HEALTH&category=WATER');
    expect(toQueryString(emptySearch())).toBe('');
  });

  it('drops malformed values instead of sending them to the API', () => {
    const s = parseSearch('?region=abc&when=yesterday&format=BOAT&status=x&sort=distance&category=<script>&from=2026-13&view=globe');
    expect(s).toEqual(emptySearch());
  });

  it('keeps near-me only with a valid point, and distance sort only with it', () => {
    const s = parseSearch('?lat=31.3&lon=118.4&radiusKm=20&sort=distance');
    expect(s.near).toEqual({ lat: 31.3, lon: 118.4, radiusKm: 20 });
    expect(apiParams(s)).toMatchObject({ lat: 31.3, lon: 118.4, radiusKm: 20, sort: 'distance' });
    expect(parseSearch('?lat=95&lon=118&sort=distance')).toMatchObject({ near: null, sort: '' });
  });

  it('leaves the view out of the API parameters', () => {
    expect(apiParams(parseSearch('?view=map&q=a'))).not.toHaveProperty('view');
  });

  it('toggles repeatable filters and derives the region chain', () => {
    expect(toggle(['A'], 'B')).toEqual(['A', 'B']);
    expect(toggle(['A', 'B'], 'A')).toEqual(['B']);
    expect(regionChain('340207')).toEqual(['34', '3402', '340207']);
    expect(regionChain('34')).toEqual(['34']);
    expect(regionChain('x')).toEqual([]);
  });
});

describe('featured campaign', () => {
  const c = (id: string, level: string, startsOn: string, endsOn: string) => ({ id, kind: 'SCIENCE_DAY', year: 2026, level, region: null, name: id, theme: null, startsOn, endsOn });
  const all = [c('week', 'NATIONAL', '2026-05-17', '2026-05-23'), c('month', 'NATIONAL', '2026-09-01', '2026-09-30'), c('anhui', 'PROVINCE', '2026-09-01', '2026-09-30')];

  it('is the national edition running today, else the next, else the last', () => {
    expect(currentCampaign(all, '2026-09-10')?.id).toBe('month');
    expect(currentCampaign(all, '2026-06-01')?.id).toBe('month');
    expect(currentCampaign(all, '2027-01-01')?.id).toBe('month');
    expect(currentCampaign(all, '2026-01-01')?.id).toBe('week');
    expect(currentCampaign([], '2026-01-01')).toBeUndefined();
  });
});
