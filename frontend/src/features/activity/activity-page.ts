import { ApiError, getJson } from '../../api/http';
import type { ActivityDetail, Enums } from '../../api/types';
import { currentLang, t, type MessageKey } from '../../i18n';
import type { Route } from '../../app/routes';
import { h } from '../../ui/dom';
import { formatRange } from '../../ui/format';
import { button, errorBox, pageHeading, setStatus, showPage, statusBadge, statusLine } from '../../ui/widgets';
import { feedbackSection } from '../feedback/feedback';
import { labelOf, loadEnums } from './labels';

/**
 * 活动详情. The server already sent the title, description, Open Graph tags and JSON-LD in the head
 * (ActivityPage in the activity module); this renders the body from the public detail.
 */
export async function mount(main: HTMLElement, route: Route): Promise<void> {
  const id = route.id as string;
  let a: ActivityDetail;
  let enums: Enums | undefined;
  try {
    [a, enums] = await Promise.all([getJson<ActivityDetail>(`/api/v1/activities/${id}`), loadEnums().catch(() => undefined)]);
  } catch (error) {
    const missing = error instanceof ApiError && error.status === 404;
    showPage(main, t('activity.missing'), pageHeading(missing ? t('activity.missing') : t('error.generic')), missing ? h('p', {}, h('a', { href: '/search' }, t('nav.search'))) : errorBox(error));
    return;
  }
  const lang = currentLang();
  const facts = h('dl', { class: 'facts' });
  const fact = (key: MessageKey, ...value: (Node | string | null)[]) => facts.append(h('dt', {}, t(key)), h('dd', {}, ...value));
  fact('activity.when', formatRange(a.startsAt, a.endsAt, lang));
  fact('activity.where', a.venue ? `${a.venue.name}${a.venue.address ? `（${a.venue.address}）` : ''}` : labelOf(enums?.format, a.format));
  fact('activity.region', [...a.region.path.map((r) => r.name), a.region.name].join(' › '));
  fact('activity.organizer', a.organizer.name);
  if (a.coOrganizers?.length) fact('activity.coOrganizers', a.coOrganizers.join('、'));
  fact('activity.format', labelOf(enums?.format, a.format));
  if (a.categories.length) fact('activity.categories', a.categories.map((c) => labelOf(enums?.category, c)).join('、'));
  if (a.audiences.length) fact('activity.audiences', a.audiences.map((c) => labelOf(enums?.audience, c)).join('、'));
  if (a.campaign) fact('activity.campaign', a.campaign.name);
  if (a.capacity) fact('activity.capacity', String(a.capacity));
  const access = Object.entries(a.accessibility ?? {}).filter(([, on]) => on);
  if (access.length) fact('activity.accessibility', access.map(([k]) => t(`access.${k}` as MessageKey)).join('、'));
  if (a.contact) fact('activity.contact', [a.contact.name, a.contact.phone].filter(Boolean).join(' '));
  if (a.checkIns) fact('activity.checkIns', String(a.checkIns));

  const actions = h('div', { class: 'actions' });
  actions.append(h('a', { class: 'button', href: `/api/v1/activities/${a.id}.ics`, download: `kepu-${a.id}.ics` }, t('activity.ics')));
  const shareStatus = statusLine();
  const share = button(t('activity.share'), { class: 'button secondary' });
  share.addEventListener('click', async () => {
    const url = `${location.origin}/activities/${a.id}`;
    try {
      if (navigator.share) await navigator.share({ title: a.title, url });
      else {
        await navigator.clipboard.writeText(url);
        setStatus(shareStatus, t('activity.copied'));
      }
    } catch {
      setStatus(shareStatus, t('activity.shareUrl', { url }));
    }
  });
  actions.append(share);
  if (a.live?.url) {
    actions.append(h('a', { class: 'button secondary', href: `/live/${a.id}` }, t('activity.livePage')));
    actions.append(h('a', { class: 'button secondary', href: a.live.url, rel: 'noopener noreferrer', target: '_blank' }, t('activity.liveLink')));
  }

  const description = h('section', { 'aria-labelledby': 'about-heading' }, h('h2', { id: 'about-heading' }, t('activity.about')), h('p', { class: 'description' }, a.description ?? ''));
  const mapHost = h('div', { id: 'activity-map' });
  const place = a.venue ? h('section', { 'aria-labelledby': 'map-heading' }, h('h2', { id: 'map-heading' }, t('activity.map')), mapHost) : null;
  const evidence = a.evidence ? evidenceSection(a) : null;

  showPage(
    main,
    a.title,
    h('p', { class: 'card-meta' }, statusBadge(a.status, enums), a.mainVenue ? h('span', { class: 'badge badge-main' }, t('activity.mainVenue')) : null),
    pageHeading(a.title),
    a.subtitle ? h('p', { class: 'subtitle' }, a.subtitle) : null,
    a.statusReason && (a.status === 'CANCELLED' || a.status === 'POSTPONED') ? h('p', { class: 'notice' }, t('activity.reason', { reason: a.statusReason })) : null,
    facts,
    actions,
    shareStatus,
    description,
    place,
    evidence,
    feedbackSection(a.id, false),
  );
  if (a.venue) {
    const venue = a.venue;
    void import('../map/map-view').then(({ createMap }) => createMap(mapHost, t('activity.map')).showPoint(venue.location, venue.name));
  }
}

function evidenceSection(a: ActivityDetail): HTMLElement {
  const e = a.evidence ?? {};
  const links = (urls: string[] | undefined, key: MessageKey) =>
    urls?.length ? h('li', {}, t(key), h('ul', {}, ...urls.map((u) => h('li', {}, h('a', { href: u, rel: 'noopener noreferrer' }, u))))) : null;
  return h(
    'section',
    { 'aria-labelledby': 'evidence-heading' },
    h('h2', { id: 'evidence-heading' }, t('activity.evidence')),
    e.summary ? h('p', { class: 'description' }, e.summary) : null,
    h('ul', {}, links(e.photos, 'evidence.photos'), links(e.videos, 'evidence.videos'), links(e.newsLinks, 'evidence.newsLinks')),
  );
}
