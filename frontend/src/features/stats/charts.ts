import { h } from '../../ui/dom';

/** Rows of a breakdown: whatever the API calls the label and the value (tolerant of the exact shape). */
export interface Bar {
  label: string;
  value: number;
}

export function toBars(rows: unknown, valueKey = 'activities'): Bar[] {
  if (!Array.isArray(rows)) return [];
  return rows
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    .map((r) => ({
      label: String(r.label ?? r.name ?? r.key ?? r.day ?? r.code ?? ''),
      value: Number(r[valueKey] ?? r.count ?? r.value ?? 0) || 0,
    }));
}

/** A dependency-free bar chart: a table (readable without sight) with bars drawn through CSSOM widths. */
export function barChart(caption: string, bars: Bar[]): HTMLElement {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return h(
    'table',
    { class: 'bars' },
    h('caption', {}, caption),
    h(
      'tbody',
      {},
      ...bars.map((b) => {
        const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
        bar.style.width = `${Math.round((b.value / max) * 100)}%`;
        return h('tr', {}, h('th', { scope: 'row' }, b.label), h('td', {}, h('span', { class: 'bar-track' }, bar), h('span', { class: 'bar-value' }, String(b.value))));
      }),
    ),
  );
}
