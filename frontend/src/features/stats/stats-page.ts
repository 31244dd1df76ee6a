import { getJson, withQuery } from '../../api/http';
import { errorMessage, t, type MessageKey } from '../../i18n';
import { h } from '../../ui/dom';
import { pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';
import { accountBar, requireAccount } from '../organizer/auth';
import { barChart, toBars } from './charts';

/** 统计: totals, breakdowns as small charts, quota progress and the 汇总表 exports (API.md "Statistics"). */
export async function mount(main: HTMLElement): Promise<void> {
  const me = await requireAccount(main, 'REVIEWER');
  if (!me) return;
  const params = new URLSearchParams(location.search);
  const query = { region: params.get('region') ?? undefined, campaign: params.get('campaign') ?? undefined };
  const status = statusLine();
  const body = h('div', { class: 'stats' });
  showPage(
    main,
    t('stats.heading'),
    accountBar(me),
    pageHeading(t('stats.heading')),
    h('p', { class: 'actions' }, h('a', { class: 'button', href: withQuery('/api/v1/stats/summary.xlsx', query), download: true }, t('stats.xlsx')), h('a', { class: 'button secondary', href: withQuery('/api/v1/stats/summary.csv', query), download: true }, t('stats.csv'))),
    status,
    body,
  );
  setStatus(status, t('page.loading'));
  try {
    const s = await getJson<Record<string, unknown>>('/api/v1/stats/summary', query);
    setStatus(status, '');
    const totals = (s.totals ?? {}) as Record<string, unknown>;
    const dl = h('dl', { class: 'facts totals' });
    for (const [k, v] of Object.entries(totals)) if (typeof v === 'number' || typeof v === 'string') dl.append(h('dt', {}, statLabel(k)), h('dd', {}, String(v)));
    body.append(h('h2', {}, t('stats.totals')), dl);
    for (const key of ['byRegion', 'byCategory', 'byFormat', 'byAudience', 'byDay']) {
      const bars = toBars(s[key]);
      if (bars.length) body.append(barChart(statLabel(key), bars));
    }
    const quota = s.quota ?? s.quotaProgress;
    if (Array.isArray(quota)) {
      body.append(h('h2', {}, t('stats.quota')));
      for (const q of quota as Record<string, unknown>[]) {
        const done = Number(q.activities ?? q.done ?? 0);
        const target = Number(q.target ?? q.quota ?? 0) || 1;
        const id = `quota-${String(q.code ?? q.region ?? Math.random())}`;
        body.append(h('div', { class: 'field' }, h('label', { for: id }, `${String(q.name ?? q.label ?? q.region ?? '')} ${done}/${target}`), h('progress', { id, max: target, value: Math.min(done, target) })));
      }
    }
  } catch (error) {
    setStatus(status, errorMessage(error), true);
  }
}

function statLabel(key: string): string {
  const k = `stats.${key}` as MessageKey;
  const text = t(k);
  return text && text !== k ? text : key;
}
