/**
 * When to fetch the next venue QR code: 10 s before the current one expires (so the screen never shows
 * an expired code), at least 2 s from now, at most 60 s; after failures, back off 2, 4, 8 … up to 30 s.
 */
export function nextRefreshMs(expiresAt: number, now: number, failures: number): number {
  if (failures > 0) return Math.min(30_000, 1000 * 2 ** Math.min(failures, 5));
  const ahead = expiresAt - now - 10_000;
  return Math.max(2000, Math.min(60_000, ahead));
}
