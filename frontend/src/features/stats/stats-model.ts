import { withQuery } from '../../api/http';
import type { BigScreenFrame, Breakdown, Figures, QuotaProgress, RegionFigures } from '../../api/types';
import type { MessageKey } from '../../i18n';
import type { Bar } from './charts';

/** Key activities: published and not cancelled (what quotas count; docs/stats.md). */
export function keyActivities(f: Figures): number {
  return f.published - f.cancelled;
}

export interface Figure {
  key: MessageKey;
  value: number | null;
}

/** The headline figures of a region, in the order of the summary table (汇总表). */
export function headline(r: RegionFigures): Figure[] {
  const f = r.figures;
  return [
    { key: 'stats.published', value: f.published },
    { key: 'stats.keyActivities', value: keyActivities(f) },
    { key: 'stats.mainVenue', value: f.mainVenue },
    { key: 'stats.online', value: f.online },
    { key: 'stats.cancelled', value: f.cancelled },
    { key: 'stats.orgUnits', value: r.orgUnits },
    { key: 'stats.checkInsOnsite', value: f.checkInsOnsite },
    { key: 'stats.checkInsOnline', value: f.checkInsOnline },
    { key: 'stats.participants', value: r.participants },
    { key: 'stats.liveViewersPeak', value: f.liveViewersPeak },
    { key: 'stats.liveViewersUnique', value: f.liveViewersUnique },
    { key: 'stats.feedbackCount', value: f.feedbackCount },
    { key: 'stats.averageRating', value: f.averageRating },
    { key: 'stats.attendanceOnsite', value: f.attendanceOnsite },
    { key: 'stats.attendanceOnline', value: f.attendanceOnline },
    { key: 'stats.volunteers', value: f.volunteers },
    { key: 'stats.recommended', value: f.recommended },
  ];
}

/** Evidence completeness of the key activities as bars (complete, partial, none, overdue). */
export function evidenceBars(f: Figures, label: (k: MessageKey) => string): Bar[] {
  const e = f.evidence;
  return [
    { label: label('stats.evidence.complete'), value: e.complete },
    { label: label('stats.evidence.partial'), value: e.partial },
    { label: label('stats.evidence.none'), value: e.none },
    { label: label('stats.evidence.overdue'), value: e.overdue },
  ];
}

/** A breakdown's bars: published activities per value, in the unit of the official forms (场, 期). */
export function breakdownBars(rows: readonly Breakdown[], label: (row: Breakdown) => string = (r) => r.label): Bar[] {
  return rows.map((r) => ({ label: label(r), value: r.figures.published, unit: r.unit }));
}

/** Child regions by published activities, most first, each linking to its own summary. */
export function childBars(children: readonly RegionFigures[], href: (code: string) => string): Bar[] {
  return [...children]
    .sort((a, b) => b.figures.published - a.figures.published || (a.code ?? '').localeCompare(b.code ?? ''))
    .map((c) => ({ label: c.name, value: c.figures.published, href: c.code ? href(c.code) : undefined }));
}

export interface QuotaRow {
  code: string;
  name: string;
  done: number;
  minimum: number;
  percent: number;
  met: boolean;
}

/** One level's quota as rows with their progress, capped at 100 % (the API lists those behind first). */
export function quotaRows(q: QuotaProgress): QuotaRow[] {
  return q.entries.map((e) => ({
    code: e.code,
    name: e.name,
    done: e.keyActivities,
    minimum: q.minimum,
    percent: q.minimum > 0 ? Math.min(100, Math.floor((e.keyActivities / q.minimum) * 100)) : 100,
    met: e.met,
  }));
}

export function levelKey(level: string): MessageKey {
  return (['PROVINCE', 'CITY', 'COUNTY'].includes(level) ? `stats.level.${level}` : 'stats.level.other') as MessageKey;
}

/** The summary table's export links (XLSX or CSV) for the same region and campaign as the page. */
export function exportUrl(kind: 'xlsx' | 'csv', campaign: string, region?: string | null): string {
  return withQuery(`/api/v1/stats/summary.${kind}`, { campaign, region: region || undefined });
}

/** A big-screen `stats` event, or null when it is not one. */
export function parseBigScreen(data: Record<string, unknown>): BigScreenFrame | null {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const checkIns = num(data.checkIns);
  const viewers = num(data.viewers);
  if (checkIns === null || viewers === null || !Array.isArray(data.children)) return null;
  const children = data.children
    .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
    .map((c) => ({ code: String(c.code ?? ''), name: String(c.name ?? ''), checkIns: num(c.checkIns) ?? 0, viewers: num(c.viewers) ?? 0 }));
  return { region: String(data.region ?? ''), at: String(data.at ?? ''), checkIns, viewers, liveNow: num(data.liveNow), children };
}

/** Bars of the big screen's child regions by one figure, most first. */
export function bigScreenBars(frame: BigScreenFrame, figure: 'checkIns' | 'viewers'): Bar[] {
  return [...frame.children].sort((a, b) => b[figure] - a[figure] || a.code.localeCompare(b.code)).map((c) => ({ label: c.name, value: c[figure] }));
}
