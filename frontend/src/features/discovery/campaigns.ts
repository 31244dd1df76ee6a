import type { Campaign } from '../../api/types';

/**
 * The campaign to feature on a given Shanghai date: a national edition running now, else the next one to
 * start, else the latest that ended.
 */
export function currentCampaign(all: Campaign[], today: string): Campaign | undefined {
  const national = all.filter((c) => c.level === 'NATIONAL');
  const pool = national.length ? national : all;
  const running = pool.find((c) => c.startsOn <= today && today <= c.endsOn);
  if (running) return running;
  const next = pool.filter((c) => c.startsOn > today).sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
  if (next) return next;
  return pool.sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
}
