import { h } from '../../ui/dom';

export interface Bar {
  label: string;
  value: number;
  /** Shown after the value (场, 期). */
  unit?: string;
  /** The label links here (a child region's own summary). */
  href?: string;
}

/** Widths in whole percent of the largest value (an empty chart has no bars, not NaN). */
export function barWidths(bars: readonly Bar[]): number[] {
  const max = Math.max(0, ...bars.map((b) => b.value));
  return bars.map((b) => (max > 0 ? Math.round((Math.max(0, b.value) / max) * 100) : 0));
}

/** A dependency-free bar chart: a table (readable without sight) with bars drawn through CSSOM widths. */
export function barChart(caption: string, bars: Bar[], id?: string): HTMLElement {
  const widths = barWidths(bars);
  return h(
    'table',
    { class: 'bars', id },
    h('caption', {}, caption),
    h(
      'tbody',
      {},
      ...bars.map((b, i) => {
        const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
        bar.style.width = `${widths[i]}%`;
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, b.href ? h('a', { href: b.href }, b.label) : b.label),
          h('td', {}, h('span', { class: 'bar-track' }, bar), h('span', { class: 'bar-value' }, `${b.value.toLocaleString('zh-CN')}${b.unit ?? ''}`)),
        );
      }),
    ),
  );
}
