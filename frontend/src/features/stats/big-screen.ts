import { openStream } from '../../api/stream';
import { t } from '../../i18n';
import { h } from '../../ui/dom';
import { pageHeading, showPage } from '../../ui/widgets';
import { requireAccount } from '../organizer/auth';
import { barChart, toBars } from './charts';

/** 大屏: the live national or regional picture from GET /api/v1/stats/live (SSE). */
export async function mount(main: HTMLElement): Promise<void> {
  if (!(await requireAccount(main, 'REVIEWER'))) return;
  const region = new URLSearchParams(location.search).get('region');
  const figures = h('dl', { class: 'big-figures', 'aria-live': 'polite' });
  const chart = h('div', {});
  const state = h('p', { class: 'live-state', role: 'status' });
  showPage(main, t('big.heading'), pageHeading(t('big.heading')), state, figures, chart);
  document.documentElement.classList.add('big-screen');
  const render = (d: Record<string, unknown>) => {
    figures.replaceChildren();
    for (const [k, v] of Object.entries(d)) if (typeof v === 'number') figures.append(h('div', {}, h('dt', {}, t(`stats.${k}` as never) || k), h('dd', {}, v.toLocaleString())));
    const bars = toBars(d.byRegion ?? d.regions, 'checkIns');
    chart.replaceChildren(bars.length ? barChart(t('stats.byRegion'), bars) : '');
  };
  openStream(`/api/v1/stats/live${region ? `?region=${encodeURIComponent(region)}` : ''}`, { summary: render, checkins: render, message: render }, (s) => (state.textContent = s === 'open' ? t('big.connected') : t('big.reconnecting')));
}
