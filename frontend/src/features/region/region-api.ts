import { getJson } from '../../api/http';

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** One administrative division, as `GET /api/v1/regions` returns it. */
export interface Region {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  center: GeoPoint | null;
}

export type RegionFetcher = (parent: string | undefined, signal?: AbortSignal) => Promise<Region[]>;

export const fetchRegions: RegionFetcher = (parent, signal) =>
  getJson<Region[]>('/api/v1/regions', { parent }, { signal });

export interface RegionSource {
  /** Children of `parent`; provinces when it is undefined. Answers are kept for the page's lifetime. */
  children(parent: string | undefined, signal?: AbortSignal): Promise<Region[]>;
}

/** Regions hardly ever change: each list is fetched once; a failed fetch is forgotten so it can be retried. */
export function createRegionSource(fetcher: RegionFetcher = fetchRegions): RegionSource {
  const cache = new Map<string, Promise<Region[]>>();
  return {
    children(parent, signal) {
      const key = parent ?? '';
      let answer = cache.get(key);
      if (!answer) {
        answer = fetcher(parent, signal);
        cache.set(key, answer);
        answer.catch(() => cache.delete(key));
      }
      return answer;
    },
  };
}
