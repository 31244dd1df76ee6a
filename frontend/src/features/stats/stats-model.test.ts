import { describe, expect, it } from 'vitest';
import type { Breakdown, Figures, QuotaProgress, RegionFigures } from '../../api/types';
import { barWidths } from './charts';
import { bigScreenBars, breakdownBars, childBars, evidenceBars, exportUrl, headline, keyActivities, levelKey, parseBigScreen, quotaRows } from './stats-model';

function figures(over: Partial<Figures> = {}): Figures {
  return {
    published: 0,
    mainVenue: 0,
    online: 0,
    cancelled: 0,
    checkInsOnsite: 0,
    checkInsOnline: 0,
    evidence: { none: 0, partial: 0, complete: 0, overdue: 0 },
    attendanceOnsite: 0,
    attendanceOnline: 0,
    volunteers: 0,
    recommended: 0,
    feedbackCount: 0,
    feedbackRatingSum: 0,
    averageRating: null,
    liveViewersPeak: 0,
    liveViewersUnique: 0,
    ...over,
  };
}
const region = (code: string, name: string, published: number): RegionFigures => ({ code, name, figures: figures({ published }), orgUnits: 1, participants: 2 });

describe('summary figures', () => {
  it('counts key activities without the cancelled ones and lists the headline in the table order', () => {
    const r: RegionFigures = { code: '3402', name: '芜湖市', figures: figures({ published: 12, cancelled: 2, averageRating: 4.25 }), orgUnits: 3, participants: 40 };
    expect(keyActivities(r.figures)).toBe(10);
    const h = headline(r);
    expect(h.slice(0, 2)).toEqual([
      { key: 'stats.published', value: 12 },
      { key: 'stats.keyActivities', value: 10 },
    ]);
    expect(h.find((f) => f.key === 'stats.participants')?.value).toBe(40);
    expect(h.find((f) => f.key === 'stats.averageRating')?.value).toBe(4.25);
  });

  it('draws evidence, breakdowns with their units, and child regions most first with links', () => {
    expect(evidenceBars(figures({ evidence: { none: 1, partial: 2, complete: 3, overdue: 4 } }), (k) => k).map((b) => b.value)).toEqual([3, 2, 1, 4]);
    const rows: Breakdown[] = [
      { key: 'TRAINING', label: '培训', unit: '期', figures: figures({ published: 2 }) },
      { key: 'HEALTH', label: '健康', unit: '场', figures: figures({ published: 5 }) },
    ];
    expect(breakdownBars(rows)).toEqual([
      { label: '培训', value: 2, unit: '期' },
      { label: '健康', value: 5, unit: '场' },
    ]);
    expect(breakdownBars(rows, (r) => r.key)[0]?.label).toBe('TRAINING');
    const bars = childBars([region('340202', '镜湖区', 1), region('340207', '鸠江区', 7)], (code) => `/r/${code}`);
    expect(bars.map((b) => [b.label, b.value, b.href])).toEqual([
      ['鸠江区', 7, '/r/340207'],
      ['镜湖区', 1, '/r/340202'],
    ]);
  });

  it('scales bars to the largest value and draws nothing for an empty chart', () => {
    expect(barWidths([{ label: 'a', value: 5 }, { label: 'b', value: 1 }, { label: 'c', value: 0 }])).toEqual([100, 20, 0]);
    expect(barWidths([{ label: 'a', value: 0 }])).toEqual([0]);
    expect(barWidths([])).toEqual([]);
  });

  it('shows quota progress capped at 100 % and names the levels', () => {
    const q: QuotaProgress = {
      level: 'COUNTY',
      minimum: 10,
      regions: 3,
      behind: 2,
      entries: [
        { code: '340207', name: '鸠江区', keyActivities: 4, met: false },
        { code: '340202', name: '镜湖区', keyActivities: 9, met: false },
        { code: '340203', name: '弋江区', keyActivities: 25, met: true },
      ],
    };
    expect(quotaRows(q).map((r) => [r.name, r.percent, r.met])).toEqual([
      ['鸠江区', 40, false],
      ['镜湖区', 90, false],
      ['弋江区', 100, true],
    ]);
    expect(quotaRows({ ...q, minimum: 0 })[0]?.percent).toBe(100);
    expect(levelKey('CITY')).toBe('stats.level.CITY');
    expect(levelKey('TOWN')).toBe('stats.level.other');
  });

  it('links the exports to the same campaign and region', () => {
    expect(exportUrl('xlsx', 'c-1', '3402')).toBe('/api/v1/stats/summary.xlsx?campaign=c-1&region=3402');
    expect(exportUrl('csv', 'c-1', null)).toBe('/api/v1/stats/summary.csv?campaign=c-1');
  });
});

describe('big screen', () => {
  it('reads a stats event and sorts child regions by the figure', () => {
    const frame = parseBigScreen({
      region: '3402',
      at: '2026-09-12T10:10:00+08:00',
      checkIns: 7,
      viewers: 3,
      liveNow: null,
      children: [
        { code: '340202', name: '镜湖区', checkIns: 1, viewers: 3 },
        { code: '340207', name: '鸠江区', checkIns: 6, viewers: 0 },
      ],
    });
    expect(frame?.liveNow).toBeNull();
    expect(bigScreenBars(frame!, 'checkIns').map((b) => b.label)).toEqual(['鸠江区', '镜湖区']);
    expect(bigScreenBars(frame!, 'viewers').map((b) => b.label)).toEqual(['镜湖区', '鸠江区']);
  });

  it('drops events that are not stats frames', () => {
    expect(parseBigScreen({ checkIns: '7', viewers: 1, children: [] })).toBeNull();
    expect(parseBigScreen({ checkIns: 7, viewers: 1 })).toBeNull();
  });
});
