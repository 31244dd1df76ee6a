import { withQuery } from '../../api/http';
import { openStream } from '../../api/stream';
import { currentLang, t } from '../../i18n';
import { h } from '../../ui/dom';
import { formatTime } from '../../ui/format';
import { pageHeading, showPage } from '../../ui/widgets';
import { requireAccount } from '../organizer/auth';
import { barChart } from './charts';
import { bigScreenBars, parseBigScreen } from './stats-model';

/**
 * 大屏: the live national or regional picture from GET /api/v1/stats/live (a `stats` event every few
 * seconds): today's check-ins, viewers now, activities live now, and check-ins per child region.
 */
export async function mount(main: HTMLElement): Promise<void> {
  if (!(await requireAccount(main, 'REVIEWER'))) return;
  const region = new URLSearchParams(location.search).get('region');
  const figure = (id: string, label: string) => {
    const dd = h('dd', { id }, '—');
    return { dd, el: h('div', {}, h('dt', {}, label), dd) };
  };
  const checkIns = figure('big-checkins', t('big.checkIns'));
  const viewers = figure('big-viewers', t('big.viewers'));
  const liveNow = figure('big-live', t('big.liveNow'));
  const figures = h('dl', { class: 'big-figures' }, checkIns.el, viewers.el, liveNow.el);
  const charts = h('div', { class: 'big-charts', id: 'big-charts' });
  const state = h('p', { class: 'live-state', role: 'status', id: 'big-state' }, t('live.connecting'));
  showPage(main, t('big.heading'), pageHeading(t('big.heading')), state, figures, charts);
  document.documentElement.classList.add('big-screen');

  openStream(
    withQuery('/api/v1/stats/live', { region: region ?? undefined }),
    {
      stats: (d) => {
        const frame = parseBigScreen(d);
        if (!frame) return;
        checkIns.dd.textContent = frame.checkIns.toLocaleString('zh-CN');
        viewers.dd.textContent = frame.viewers.toLocaleString('zh-CN');
        liveNow.dd.textContent = frame.liveNow === null ? '—' : frame.liveNow.toLocaleString('zh-CN');
        state.textContent = t('big.updated', { at: frame.at ? formatTime(frame.at, currentLang()) : '' });
        state.dataset.at = frame.at;
        charts.replaceChildren(
          frame.children.length ? barChart(t('big.byRegionCheckIns'), bigScreenBars(frame, 'checkIns'), 'big-children') : '',
          frame.children.some((c) => c.viewers > 0) ? barChart(t('big.byRegionViewers'), bigScreenBars(frame, 'viewers')) : '',
        );
      },
    },
    (s) => {
      if (s !== 'open') state.textContent = t(s === 'closed' ? 'big.closed' : 'big.reconnecting');
    },
  );
}
