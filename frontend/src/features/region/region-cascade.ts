import type { Region } from './region-api';

/** The home page cascades province → city → county; towns come later with search. */
export const MAX_DEPTH = 3;

/** The region whose children are listed: the last chosen one, or the county's city once a county is chosen. */
export function listOwner(path: readonly Region[]): Region | undefined {
  return path[Math.min(path.length, MAX_DEPTH - 1) - 1];
}

/** The path after choosing `region` from the list shown for `path`. */
export function choose(path: readonly Region[], region: Region): Region[] {
  return [...path.slice(0, Math.min(path.length, MAX_DEPTH - 1)), region];
}

/** The path after going back to breadcrumb `depth` (0 is the whole country). */
export function backTo(path: readonly Region[], depth: number): Region[] {
  return path.slice(0, Math.max(0, depth));
}

export function sameOwner(a: readonly Region[], b: readonly Region[]): boolean {
  return listOwner(a)?.code === listOwner(b)?.code;
}
