import { getJson, withQuery } from '../../api/http';
import type { Breakdown, Campaign, Enums, StatsSummary } from '../../api/types';
import { currentLang, errorMessage, t } from '../../i18n';
import { h } from '../../ui/dom';
import { formatDateTime, shanghaiDate } from '../../ui/format';
import { pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';
import { labelOf, loadEnums } from '../activity/labels';
import { currentCampaign } from '../discovery/campaigns';
import { accountBar, requireAccount } from '../organizer/auth';
import { barChart } from './charts';
import { breakdownBars, childBars, evidenceBars, exportUrl, headline, levelKey, quotaRows } from './stats-model';

/**
 * 统计 (GET /api/v1/stats/summary): the region's figures, its child regions (each a link to its own
 * summary), breakdowns as small charts, quota progress and the 汇总表 exports (XLSX, CSV) of the same view.
 */
export async function mount(main: HTMLElement): Promise<void> {
  const me = await requireAccount(main, 'REVIEWER');
  if (!me) return;
  const params = new URLSearchParams(location.search);
  const status = statusLine();
  const body = h('div', { class: 'stats', id: 'stats-body' });
  const [campaigns, enums] = await Promise.all([getJson<Campaign[]>('/api/v1/campaigns').catch(() => [] as Campaign[]), loadEnums().catch(() => undefined)]);
  const campaign = params.get('campaign') ?? currentCampaign(campaigns, shanghaiDate(new Date()))?.id;
  const region = params.get('region');

  const select = h('select', { id: 'stats-campaign', name: 'campaign' });
  for (const c of [...campaigns].sort((x, y) => y.startsOn.localeCompare(x.startsOn))) {
    select.append(h('option', { value: c.id, selected: c.id === campaign }, c.name));
  }
  const chooser = h(
    'form',
    { class: 'inline-form stats-chooser', method: 'get', action: '/review/stats' },
    h('div', { class: 'field' }, h('label', { for: select.id }, t('stats.campaign')), h('div', { class: 'search-row' }, select, h('button', { type: 'submit', class: 'button secondary' }, t('stats.show')))),
    region ? h('input', { type: 'hidden', name: 'region', value: region }) : null,
  );
  showPage(main, t('stats.heading'), accountBar(me), pageHeading(t('stats.heading')), chooser, status, body);
  if (!campaign) return setStatus(status, t('stats.noCampaign'), true);

  setStatus(status, t('page.loading'));
  let s: StatsSummary;
  try {
    s = await getJson<StatsSummary>('/api/v1/stats/summary', { campaign, region: region ?? undefined });
  } catch (error) {
    return setStatus(status, errorMessage(error), true);
  }
  setStatus(status, t('stats.computedAt', { at: formatDateTime(s.computedAt, currentLang()) }));
  const here = s.region.code;
  const link = (code: string) => withQuery('/review/stats', { campaign, region: code });

  const figures = h('dl', { class: 'facts totals', id: 'stats-figures' });
  for (const f of headline(s.region)) {
    figures.append(h('dt', {}, t(f.key)), h('dd', { 'data-figure': f.key }, f.value === null ? '—' : f.value.toLocaleString('zh-CN')));
  }
  const bd = (rows: Breakdown[], kind: keyof Enums) => breakdownBars(rows, (r) => (currentLang() === 'en' ? labelOf(enums?.[kind], r.key) : r.label));

  body.append(
    h('h2', { id: 'stats-region' }, t('stats.regionHeading', { region: s.region.name, campaign: s.campaign.name })),
    h(
      'p',
      { class: 'actions' },
      h('a', { class: 'button', id: 'export-xlsx', href: exportUrl('xlsx', campaign, here), download: true }, t('stats.xlsx')),
      h('a', { class: 'button secondary', id: 'export-csv', href: exportUrl('csv', campaign, here), download: true }, t('stats.csv')),
      region ? h('a', { class: 'button secondary', href: withQuery('/review/stats', { campaign }) }, t('stats.up')) : null,
    ),
    figures,
  );
  if (s.children.length) body.append(barChart(t('stats.byRegion'), childBars(s.children, link), 'stats-children'));
  body.append(barChart(t('stats.evidence'), evidenceBars(s.region.figures, (k) => t(k)), 'stats-evidence'));
  for (const [rows, kind, key] of [
    [s.byCategory, 'category', 'stats.byCategory'],
    [s.byFormat, 'format', 'stats.byFormat'],
    [s.byAudience, 'audience', 'stats.byAudience'],
  ] as const) {
    if (rows.length) body.append(barChart(t(key), bd(rows, kind)));
  }
  if (s.byDay.length) body.append(barChart(t('stats.byDay'), breakdownBars(s.byDay)));

  const quotas = h('section', { 'aria-labelledby': 'quota-heading', id: 'stats-quotas' }, h('h2', { id: 'quota-heading' }, t('stats.quota')));
  if (!s.quotas.length) quotas.append(h('p', { class: 'muted' }, t('stats.noQuota')));
  for (const q of s.quotas) {
    quotas.append(
      h('h3', {}, t('stats.quotaLevel', { level: t(levelKey(q.level)), minimum: q.minimum })),
      h('p', { class: q.behind ? 'notice warn' : 'muted' }, t('stats.quotaBehind', { behind: q.behind, regions: q.regions })),
    );
    const list = h('ul', { class: 'quota-list' });
    for (const row of quotaRows(q)) {
      const id = `quota-${q.level}-${row.code}`;
      list.append(
        h(
          'li',
          { class: row.met ? 'quota met' : 'quota behind', 'data-code': row.code },
          h('label', { for: id }, `${row.name} ${row.done}/${row.minimum}`, row.met ? ` ✓ ${t('stats.met')}` : ''),
          h('progress', { id, max: 100, value: row.percent }, `${row.percent}%`),
        ),
      );
    }
    quotas.append(list);
  }
  body.append(quotas);
}
