import type { QueryParams } from '../../api/http';

/**
 * A search as the page's URL keeps it, so a search can be shared or bookmarked: the API's parameters
 * (API.md "Search") plus `view` (list or map). Unknown or malformed values are dropped, never sent.
 */
export interface SearchState {
  q: string;
  region: string;
  campaign: string;
  when: When | '';
  from: string;
  to: string;
  category: string[];
  audience: string[];
  format: string[];
  status: string;
  sort: string;
  near: { lat: number; lon: number; radiusKm: number } | null;
  view: 'list' | 'map';
}

export const WHEN = ['today', 'tomorrow', 'weekend', 'week', 'live'] as const;
export type When = (typeof WHEN)[number];
const FORMATS = ['ONSITE', 'ONLINE', 'HYBRID'];
const STATUSES = ['UPCOMING', 'LIVE', 'ENDED', 'CANCELLED', 'POSTPONED'];
const SORTS = ['relevance', 'start', 'distance', 'rating'];
const ENUM = /^[A-Z_]{2,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^\d{2}(\d{2}){0,2}(\d{3})?$/;

export function emptySearch(): SearchState {
  return {
    q: '',
    region: '',
    campaign: '',
    when: '',
    from: '',
    to: '',
    category: [],
    audience: [],
    format: [],
    status: '',
    sort: '',
    near: null,
    view: 'list',
  };
}

/** Reads `location.search`; repeated and comma-separated values both work, as in the API. */
export function parseSearch(search: string): SearchState {
  const p = new URLSearchParams(search);
  const s = emptySearch();
  s.q = (p.get('q') ?? '').trim().slice(0, 100);
  const region = p.get('region') ?? '';
  s.region = REGION.test(region) ? region : '';
  const campaign = p.get('campaign') ?? '';
  s.campaign = /^[\w-]{1,40}$/.test(campaign) ? campaign : '';
  const when = p.get('when') ?? '';
  s.when = (WHEN as readonly string[]).includes(when) ? (when as When) : '';
  s.from = DATE.test(p.get('from') ?? '') ? (p.get('from') as string) : '';
  s.to = DATE.test(p.get('to') ?? '') ? (p.get('to') as string) : '';
  s.category = list(p, 'category', (v) => ENUM.test(v));
  s.audience = list(p, 'audience', (v) => ENUM.test(v));
  s.format = list(p, 'format', (v) => FORMATS.includes(v));
  const status = p.get('status') ?? '';
  s.status = STATUSES.includes(status) ? status : '';
  const sort = p.get('sort') ?? '';
  s.sort = SORTS.includes(sort) ? sort : '';
  const lat = Number(p.get('lat'));
  const lon = Number(p.get('lon'));
  const radiusKm = Number(p.get('radiusKm') ?? 10);
  if (p.has('lat') && p.has('lon') && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && radiusKm > 0 && radiusKm <= 500) {
    s.near = { lat, lon, radiusKm };
  } else if (s.sort === 'distance') {
    s.sort = '';
  }
  s.view = p.get('view') === 'map' ? 'map' : 'list';
  return s;
}

function list(p: URLSearchParams, name: string, valid: (v: string) => boolean): string[] {
  const values = p
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v && valid(v));
  return [...new Set(values)].sort();
}

/** The API's parameters for this search (no `view`). */
export function apiParams(s: SearchState): QueryParams {
  return {
    q: s.q || undefined,
    region: s.region || undefined,
    campaign: s.campaign || undefined,
    when: s.when || undefined,
    from: s.from || undefined,
    to: s.to || undefined,
    category: s.category,
    audience: s.audience,
    format: s.format,
    status: s.status || undefined,
    sort: s.sort || undefined,
    lat: s.near?.lat,
    lon: s.near?.lon,
    radiusKm: s.near?.radiusKm,
  };
}

/** The canonical query string for the page URL: defaults left out, so equal searches share one URL. */
export function toQueryString(s: SearchState): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(apiParams(s))) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null && v !== '') q.append(name, String(v));
  }
  if (s.view === 'map') q.set('view', 'map');
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** A value toggled in a repeatable filter. */
export function toggle(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value].sort();
}

/** The ancestors and the region itself from a region code: 340207 → 34, 3402, 340207. */
export function regionChain(code: string): string[] {
  if (!REGION.test(code)) return [];
  const chain: string[] = [];
  for (const n of [2, 4, 6, 9]) if (code.length >= n) chain.push(code.slice(0, n));
  return chain;
}
