import { getJson } from '../../api/http';
import type { ActivitySummary, Campaign, Enums, SearchResult } from '../../api/types';
import { t } from '../../i18n';
import { h } from '../../ui/dom';
import { shanghaiDate } from '../../ui/format';
import { activityCard, button, errorBox, pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';
import { createRegionSource } from '../region/region-api';
import { mountRegionBrowser } from '../region/region-browser';
import { loadEnums } from '../activity/labels';
import { currentCampaign } from './campaigns';
import { wgs84ToGcj02 } from '../map/coords';

/** 首页: search box, the current campaign and theme, live now, near me (on request), main venues. */
export function mount(main: HTMLElement): void {
  const q = h('input', { type: 'search', name: 'q', id: 'home-q', autocomplete: 'off', enterkeyhint: 'search' });
  const form = h(
    'form',
    { role: 'search', action: '/search', method: 'get', class: 'search-box' },
    h('label', { for: 'home-q' }, t('search.q')),
    h('div', { class: 'search-row' }, q, h('button', { type: 'submit', class: 'button' }, t('search.submit'))),
  );
  const campaign = h('section', { class: 'campaign', 'aria-labelledby': 'campaign-heading' }, h('h2', { id: 'campaign-heading' }, t('campaign.heading')));
  const live = section('home-live', t('home.live'));
  const near = section('home-near', t('home.near'));
  const mainVenues = section('home-main', t('home.mainVenues'));
  const regions = h('section', { class: 'regions', 'aria-labelledby': 'regions-heading' }, h('h2', { id: 'regions-heading' }, t('region.heading')));
  const browser = h('div', { id: 'region-browser' });
  const goSearch = h('p', { class: 'region-search' });
  regions.append(browser, goSearch);

  showPage(main, t('home.heading'), pageHeading(t('home.heading')), form, campaign, live.el, near.el, mainVenues.el, regions);

  void loadCampaign(campaign);
  void loadEnums()
    .catch(() => undefined)
    .then((enums) => {
      void fill(live, { when: 'live', size: 5 }, enums, t('home.liveNone'));
      void fill(mainVenues, { status: 'UPCOMING', sort: 'start', size: 40 }, enums, t('home.mainNone'), (items) => {
        const flagged = items.filter((a) => a.mainVenue);
        return (flagged.length ? flagged : items).slice(0, 6);
      });
    });

  const nearButton = button(t('home.nearButton'));
  const nearStatus = statusLine();
  near.body.append(h('p', {}, t('home.nearText')), nearButton, nearStatus);
  nearButton.addEventListener('click', () => {
    if (!navigator.geolocation) return setStatus(nearStatus, t('checkin.location-unavailable'), true);
    setStatus(nearStatus, t('home.locating'));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // Browsers report WGS-84; the index holds GCJ-02.
        const g = wgs84ToGcj02({ lat: pos.coords.latitude, lon: pos.coords.longitude });
        location.assign(`/search?lat=${g.lat.toFixed(5)}&lon=${g.lon.toFixed(5)}&radiusKm=20&sort=distance`);
      },
      (err) => setStatus(nearStatus, t(err.code === 1 ? 'checkin.location-denied' : 'checkin.location-unavailable'), true),
      { timeout: 15000, maximumAge: 300000 },
    );
  });

  const source = createRegionSource();
  mountRegionBrowser(browser, source);
  browser.addEventListener('click', () => {
    // After a choice, offer the search for that region (the browser marks the chosen path).
    queueMicrotask(() => {
      const chosen = browser.querySelector<HTMLElement>('[aria-current="true"]') ?? undefined;
      const code = chosen?.dataset.code;
      goSearch.replaceChildren(code ? h('a', { class: 'button', href: `/search?region=${code}` }, t('home.searchRegion', { name: chosen?.textContent ?? '' })) : '');
    });
  });
}

function section(id: string, title: string) {
  const body = h('div', { class: 'section-body' });
  const el = h('section', { 'aria-labelledby': `${id}-heading`, class: 'home-section' }, h('h2', { id: `${id}-heading` }, title), body);
  return { el, body };
}

async function loadCampaign(host: HTMLElement): Promise<void> {
  try {
    const all = await getJson<Campaign[]>('/api/v1/campaigns');
    const c = currentCampaign(all, shanghaiDate(new Date()));
    if (!c) return;
    host.replaceChildren(
      ...[
      h('h2', { id: 'campaign-heading' }, c.name),
      c.theme ? h('p', { class: 'campaign-theme' }, t('campaign.theme', { theme: c.theme })) : null,
      h('p', { class: 'campaign-when' }, t('campaign.dates', { from: c.startsOn, to: c.endsOn })),
      h('p', {}, h('a', { href: `/search?campaign=${c.id}` }, t('campaign.browse'))),
      ].filter((n): n is NonNullable<typeof n> => !!n),
    );
  } catch {
    host.append(h('p', {}, t('campaign.intro')));
  }
}

async function fill(
  part: { body: HTMLElement },
  params: Record<string, string | number>,
  enums: Enums | undefined,
  empty: string,
  pick: (items: ActivitySummary[]) => ActivitySummary[] = (i) => i,
): Promise<void> {
  const status = statusLine();
  part.body.append(status);
  setStatus(status, t('page.loading'));
  try {
    const result = await getJson<SearchResult>('/api/v1/activities', params);
    const items = pick(result.items);
    setStatus(status, items.length ? '' : empty);
    if (items.length) part.body.append(h('ul', { class: 'cards' }, ...items.map((a) => activityCard(a, enums))));
  } catch (error) {
    status.remove();
    part.body.append(errorBox(error));
  }
}
