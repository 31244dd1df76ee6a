import { ApiError, getJson } from '../../api/http';
import type { Facet, SearchResult } from '../../api/types';
import { t, type MessageKey } from '../../i18n';
import { h } from '../../ui/dom';
import { activityCard, button, errorBox, pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';
import { labelOf, loadEnums } from '../activity/labels';
import type { Region } from '../region/region-api';
import { createRegionSource } from '../region/region-api';
import type { MapView } from '../map/map-view';
import { apiParams, parseSearch, regionChain, toggle, toQueryString, WHEN, type SearchState } from './search-state';

type FacetName = 'category' | 'audience' | 'format';

/**
 * 活动搜索: text with suggestions, date shortcuts, region cascade, facets with counts, list or map.
 * Everything lives in the URL (search-state.ts): each change pushes a history entry and searches again.
 */
export async function mount(main: HTMLElement): Promise<void> {
  let state = parseSearch(location.search);
  const enums = await loadEnums().catch(() => undefined);
  const regions = createRegionSource();

  const q = h('input', { type: 'search', id: 'search-q', name: 'q', list: 'search-suggestions', autocomplete: 'off', enterkeyhint: 'search' });
  const suggestions = h('datalist', { id: 'search-suggestions' });
  const form = h(
    'form',
    { role: 'search', class: 'search-box' },
    h('label', { for: 'search-q' }, t('search.q')),
    h('div', { class: 'search-row' }, q, suggestions, h('button', { type: 'submit', class: 'button' }, t('search.submit'))),
  );

  const whenGroup = h('div', { class: 'chips', role: 'group', 'aria-label': t('search.when') });
  const regionBox = h('div', { class: 'region-cascade' });
  const facetsBox = h('div', { class: 'facets' });
  const filters = h(
    'section',
    { class: 'filters', 'aria-labelledby': 'filters-heading' },
    h('h2', { id: 'filters-heading' }, t('search.filters')),
    h('h3', {}, t('search.when')),
    whenGroup,
    regionBox,
    facetsBox,
  );
  const viewGroup = h('div', { class: 'chips', role: 'group', 'aria-label': t('search.view') });
  const status = statusLine('result-count');
  const list = h('ul', { class: 'cards', id: 'results' });
  const more = button(t('search.more'));
  more.hidden = true;
  const mapHost = h('div', { id: 'search-map' });
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-heading' }, h('h2', { id: 'results-heading' }, t('search.results')), viewGroup, status, mapHost, list, more);
  const feed = h('p', { class: 'feed-link' });

  showPage(main, t('search.heading'), pageHeading(t('search.heading')), form, filters, results, feed);

  let map: MapView | undefined;
  let cursor: string | null = null;
  let inFlight: AbortController | undefined;

  function go(next: SearchState, push = true): void {
    state = next;
    const url = `/search${toQueryString(state)}`;
    if (push) history.pushState(null, '', url);
    void run();
  }

  async function run(): Promise<void> {
    q.value = state.q;
    renderWhen();
    renderView();
    void renderRegions();
    feed.replaceChildren(h('a', { href: `/api/v1/feeds/activities.ics${toQueryString({ ...state, view: 'list' })}` }, t('search.feed')));
    inFlight?.abort();
    const controller = (inFlight = new AbortController());
    setStatus(status, t('page.loading'));
    list.setAttribute('aria-busy', 'true');
    try {
      const result = await getJson<SearchResult>('/api/v1/activities', { ...apiParams(state), size: 20 }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      cursor = result.nextCursor;
      list.replaceChildren(...result.items.map((a) => activityCard(a, enums)));
      setStatus(status, result.total == null ? t('search.countUnknown', { count: result.items.length }) : t('search.count', { count: result.total }));
      if (result.degraded) status.append(' ', t('search.degraded'));
      renderFacets(result);
      more.hidden = !cursor;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'aborted') return;
      list.replaceChildren();
      setStatus(status, '');
      status.append(errorBox(error));
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
    if (state.view === 'map') void refreshMap();
  }

  function renderWhen(): void {
    const options: [string, MessageKey][] = [['', 'search.when.any'], ...WHEN.map((w) => [w, `search.when.${w}` as MessageKey] as [string, MessageKey])];
    whenGroup.replaceChildren(
      ...options.map(([value, key]) => {
        const b = h('button', { type: 'button', class: 'chip', 'aria-pressed': String(state.when === value) }, t(key));
        b.addEventListener('click', () => go({ ...state, when: value as SearchState['when'], from: '', to: '' }));
        return b;
      }),
    );
  }

  function renderView(): void {
    viewGroup.replaceChildren(
      ...(['list', 'map'] as const).map((v) => {
        const b = h('button', { type: 'button', class: 'chip', 'aria-pressed': String(state.view === v) }, t(`search.view.${v}`));
        b.addEventListener('click', () => go({ ...state, view: v }));
        return b;
      }),
    );
    mapHost.hidden = state.view !== 'map';
    if (state.view !== 'map' && map) {
      map.destroy();
      map = undefined;
    }
  }

  async function renderRegions(): Promise<void> {
    const chain = regionChain(state.region).slice(0, 3);
    const levels: MessageKey[] = ['search.province', 'search.city', 'search.county'];
    const selects: HTMLElement[] = [];
    for (let depth = 0; depth < 3; depth++) {
      const parent = depth === 0 ? undefined : chain[depth - 1];
      if (depth > 0 && !parent) break;
      let children: Region[] = [];
      try {
        children = await regions.children(parent);
      } catch {
        break;
      }
      if (!children.length) break;
      const select = h('select', { id: `region-${depth}`, name: `region-${depth}` });
      select.append(h('option', { value: parent ?? '' }, t('search.regionAll')));
      for (const r of children) {
        const o = h('option', { value: r.code, lang: 'zh-CN' }, r.name);
        if (chain[depth] === r.code) o.selected = true;
        select.append(o);
      }
      select.addEventListener('change', () => go({ ...state, region: select.value }));
      selects.push(h('div', { class: 'field' }, h('label', { for: select.id }, t(levels[depth] as MessageKey)), select));
    }
    regionBox.replaceChildren(h('fieldset', {}, h('legend', {}, t('search.region')), ...selects));
  }

  function renderFacets(result: SearchResult): void {
    const groups: FacetName[] = ['category', 'format', 'audience'];
    facetsBox.replaceChildren(
      ...groups.map((name) => {
        const counts = new Map<string, Facet>((result.facets[name] ?? []).map((f) => [f.key, f]));
        const codes = enums?.[name]?.map((e) => e.code) ?? [...counts.keys()];
        const chosen = state[name];
        const shown = codes.filter((c) => counts.has(c) || chosen.includes(c));
        const items = (shown.length ? shown : codes).map((code) => {
          const id = `facet-${name}-${code}`;
          const box = h('input', { type: 'checkbox', id, value: code, checked: chosen.includes(code) });
          box.addEventListener('change', () => go({ ...state, [name]: toggle(state[name], code) }));
          const count = counts.get(code)?.count ?? 0;
          return h('li', {}, box, h('label', { for: id }, labelOf(enums?.[name], code) || counts.get(code)?.label || code, h('span', { class: 'count' }, ` (${count})`)));
        });
        return h('fieldset', { class: 'facet' }, h('legend', {}, t(`search.facet.${name}` as MessageKey)), h('ul', {}, ...items));
      }),
    );
  }

  async function refreshMap(): Promise<void> {
    if (!map) {
      const { createMap } = await import('../map/map-view');
      if (state.view !== 'map') return;
      map = createMap(mapHost, t('search.mapLabel'));
      map.onMove(() => void loadClusters());
      if (state.near) map.fitPoint(state.near, 11);
    }
    await loadClusters();
  }

  async function loadClusters(): Promise<void> {
    if (!map) return;
    const v = map.viewport();
    const params = { ...apiParams(state), sort: undefined, bbox: v.bbox, zoom: v.zoom };
    try {
      const answer = await getJson<{ clusters: { lat: number; lon: number; count: number; id?: string }[] }>('/api/v1/activities/map', params);
      map.showClusters(answer.clusters);
      mapHost.dataset.markers = String(answer.clusters.length);
    } catch (error) {
      status.append(errorBox(error));
    }
  }

  more.addEventListener('click', async () => {
    if (!cursor) return;
    more.disabled = true;
    try {
      const page = await getJson<SearchResult>('/api/v1/activities', { ...apiParams(state), size: 20, cursor });
      cursor = page.nextCursor;
      const first = list.children.length;
      list.append(...page.items.map((a) => activityCard(a, enums)));
      (list.children[first]?.querySelector('a') as HTMLElement | null)?.focus();
      more.hidden = !cursor;
    } catch (error) {
      status.append(errorBox(error));
    } finally {
      more.disabled = false;
    }
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go({ ...state, q: q.value.trim() });
  });

  let suggestTimer: ReturnType<typeof setTimeout> | undefined;
  q.addEventListener('input', () => {
    clearTimeout(suggestTimer);
    const text = q.value.trim();
    if (!text) return suggestions.replaceChildren();
    suggestTimer = setTimeout(async () => {
      try {
        const answer = await getJson<{ suggestions: { text: string; kind: string }[] }>('/api/v1/activities/suggest', { q: text, size: 8 });
        suggestions.replaceChildren(...answer.suggestions.map((s) => h('option', { value: s.text })));
      } catch {
        /* suggestions are a convenience: the search itself reports errors */
      }
    }, 200);
  });

  window.addEventListener('popstate', () => {
    state = parseSearch(location.search);
    void run();
  });
  await run();
}
