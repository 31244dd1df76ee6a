import type { ActivitySummary, Enums } from '../api/types';
import { currentLang, errorMessage, t, type MessageKey } from '../i18n';
import { labelOf } from '../features/activity/labels';
import { h } from './dom';
import { formatRange } from './format';

/** The page's heading; focused after client-side changes so screen readers announce the new page. */
export function pageHeading(text: string): HTMLHeadingElement {
  return h('h1', { id: 'page-heading', tabindex: -1 }, text);
}

/** Sets the main area's content and the document title. */
export function showPage(main: HTMLElement, title: string, ...content: (Node | null | undefined | false)[]): void {
  main.replaceChildren(...content.filter((n): n is Node => !!n));
  document.title = `${title} · ${t('app.name')}`;
}

/** A polite live region for progress and results; errors use `alert`. */
export function statusLine(cls = 'status'): HTMLParagraphElement {
  return h('p', { class: cls, role: 'status' });
}

export function setStatus(el: HTMLElement, text: string, error = false): void {
  el.textContent = text;
  el.classList.toggle('is-error', error);
}

export function errorBox(error: unknown): HTMLElement {
  return h('p', { class: 'notice is-error', role: 'alert' }, errorMessage(error));
}

export function statusBadge(status: string, enums?: Enums): HTMLElement {
  return h('span', { class: `badge badge-${status.toLowerCase()}` }, labelOf(enums?.status, status));
}

/** One result in a list: title link, badge, time, place, organizer. */
export function activityCard(a: ActivitySummary, enums?: Enums): HTMLElement {
  const place = a.venue ? `${a.region.name} · ${a.venue.name}` : `${a.region.name} · ${labelOf(enums?.format, a.format)}`;
  return h(
    'li',
    { class: 'card' },
    h('h3', { class: 'card-title' }, h('a', { href: `/activities/${a.id}` }, a.title)),
    h(
      'p',
      { class: 'card-meta' },
      statusBadge(a.status, enums),
      a.mainVenue ? h('span', { class: 'badge badge-main' }, t('activity.mainVenue')) : null,
      ' ',
      h('span', {}, formatRange(a.startsAt, a.endsAt, currentLang())),
    ),
    h('p', { class: 'card-place' }, place),
    h('p', { class: 'card-org' }, a.organizer.name),
    a.distanceKm != null ? h('p', { class: 'card-distance' }, t('search.distance', { km: a.distanceKm.toFixed(1) })) : null,
  );
}

export function labelled(label: MessageKey, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, t(label)), hint ? h('p', { class: 'hint' }, hint) : null, control);
}

export function button(text: string, attrs: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
  return h('button', { type: 'button', class: 'button', ...attrs }, text);
}

/** Shows a small message for a page that needs sign-in or a role. */
export function signInLink(next: string): HTMLElement {
  return h('p', {}, h('a', { class: 'button', href: `/organizer?next=${encodeURIComponent(next)}` }, t('auth.signIn')));
}
