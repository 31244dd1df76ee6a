import { ApiError, getJson, sendForm, sendJson } from '../../api/http';
import type { Campaign, Enums, Me, OwnActivity } from '../../api/types';
import type { Route } from '../../app/routes';
import { currentLang, errorMessage, t, type MessageKey } from '../../i18n';
import { h } from '../../ui/dom';
import { formatRange, fromLocalInput, toLocalInput } from '../../ui/format';
import { button, errorBox, pageHeading, setStatus, showPage, statusLine } from '../../ui/widgets';
import { labelOf, loadEnums } from '../activity/labels';
import { createRegionSource } from '../region/region-api';
import { regionChain } from '../discovery/search-state';
import { accountBar, requireAccount } from './auth';
import { groupErrors } from './field-errors';

const STATUSES = ['DRAFT', 'SUBMITTED', 'PUBLISHED', 'REJECTED', 'CANCELLED', 'POSTPONED'];
const BASE = '/api/v1/organizer/activities';

/** 组织者工作台: my activities by status, the activity form, evidence and bulk import. */
export async function mount(main: HTMLElement, route: Route): Promise<void> {
  const me = await requireAccount(main, 'ORGANIZER');
  if (!me) return;
  const enums = await loadEnums().catch(() => undefined);
  if (route.name === 'organizer-new') return form(main, me, enums);
  if (route.name === 'organizer-edit') return form(main, me, enums, route.id);
  if (route.name === 'organizer-evidence') return evidence(main, route.id as string);
  if (route.name === 'organizer-import') return importPage(main);
  return list(main, me, enums);
}

function statusLabel(enums: Enums | undefined, status: string): string {
  return t(`workflow.${status}` as MessageKey) || labelOf(enums?.status, status);
}

async function list(main: HTMLElement, me: Me, enums: Enums | undefined): Promise<void> {
  const filter = new URLSearchParams(location.search).get('status') ?? '';
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('organizer.byStatus') },
    h('ul', {}, ...['', ...STATUSES].map((s) => h('li', {}, h('a', { href: s ? `/organizer?status=${s}` : '/organizer', 'aria-current': s === filter ? 'page' : undefined }, s ? statusLabel(enums, s) : t('organizer.all'))))),
  );
  const status = statusLine();
  const table = h('ul', { class: 'own-list', id: 'own-list' });
  showPage(
    main,
    t('organizer.heading'),
    accountBar(me),
    pageHeading(t('organizer.heading')),
    h('p', { class: 'actions' }, h('a', { class: 'button', href: '/organizer/activities/new' }, t('organizer.new')), h('a', { class: 'button secondary', href: '/organizer/import' }, t('organizer.import'))),
    tabs,
    status,
    table,
  );
  const load = async () => {
    setStatus(status, t('page.loading'));
    try {
      const items = await getJson<OwnActivity[]>(BASE, { status: filter || undefined });
      setStatus(status, t('organizer.count', { count: items.length }));
      table.replaceChildren(...items.map((a) => row(a)));
    } catch (error) {
      setStatus(status, errorMessage(error), true);
    }
  };
  const act = async (a: OwnActivity, path: string, body: unknown, out: HTMLElement) => {
    setStatus(out, t('page.saving'));
    try {
      const result = await sendJson<OwnActivity>('POST', `${BASE}/${a.id}/${path}`, body);
      if (path === 'copy') return location.assign(`/organizer/activities/${result.id}`);
      await load();
      setStatus(status, t(`organizer.done.${path}` as MessageKey, { title: a.title }));
      status.focus();
    } catch (error) {
      showErrors(out, error);
    }
  };
  function row(a: OwnActivity): HTMLElement {
    const out = statusLine();
    const actions = h('div', { class: 'actions' });
    const add = (key: MessageKey, fn: () => void) => {
      const b = button(t(key), { class: 'button secondary' });
      b.addEventListener('click', fn);
      actions.append(b);
    };
    actions.append(h('a', { class: 'button secondary', href: `/organizer/activities/${a.id}` }, t('organizer.edit')));
    if (a.status === 'DRAFT' || a.status === 'REJECTED') add('organizer.submit', () => void act(a, 'submit', undefined, out));
    add('organizer.copy', () => void act(a, 'copy', {}, out));
    const extra: HTMLElement[] = [];
    if (a.status === 'PUBLISHED' || a.status === 'POSTPONED') {
      actions.append(h('a', { class: 'button secondary', href: `/organizer/activities/${a.id}/check-in` }, t('organizer.checkInScreen')));
      actions.append(h('a', { class: 'button secondary', href: `/organizer/activities/${a.id}/evidence` }, t('organizer.evidence')));
      actions.append(h('a', { class: 'button secondary', href: `/activities/${a.id}` }, t('organizer.publicPage')));
      extra.push(reasonForm(a, 'cancel', (body) => act(a, 'cancel', body, out)));
      extra.push(reasonForm(a, 'postpone', (body) => act(a, 'postpone', body, out)));
    }
    return h(
      'li',
      { class: 'own-item', 'data-status': a.status },
      h('h2', { class: 'card-title' }, a.title),
      h('p', { class: 'card-meta' }, h('span', { class: `badge badge-${a.status.toLowerCase()}` }, statusLabel(enums, a.status)), ' ', formatRange(a.startsAt, a.endsAt, currentLang())),
      a.statusReason ? h('p', { class: 'notice' }, t('organizer.reason', { reason: a.statusReason })) : null,
      a.possibleDuplicates?.length ? h('p', { class: 'notice' }, t('review.duplicates', { count: a.possibleDuplicates.length })) : null,
      actions,
      ...extra,
      out,
    );
  }
  await load();
}

/** Cancel or postpone, in a disclosure rather than a pop-up (elder mode has none). */
function reasonForm(a: OwnActivity, kind: 'cancel' | 'postpone', submit: (body: unknown) => Promise<void>): HTMLElement {
  const id = `${kind}-${a.id}`;
  const reason = h('input', { id: `${id}-reason`, name: 'reason', required: true, maxlength: 500 });
  const starts = h('input', { id: `${id}-starts`, type: 'datetime-local', value: toLocalInput(a.startsAt) });
  const ends = h('input', { id: `${id}-ends`, type: 'datetime-local', value: toLocalInput(a.endsAt) });
  const f = h(
    'form',
    { class: 'inline-form' },
    kind === 'postpone' ? h('div', { class: 'field' }, h('label', { for: starts.id }, t('form.startsAt')), starts) : null,
    kind === 'postpone' ? h('div', { class: 'field' }, h('label', { for: ends.id }, t('form.endsAt')), ends) : null,
    h('div', { class: 'field' }, h('label', { for: reason.id }, t('organizer.reasonLabel')), reason),
    h('button', { type: 'submit', class: 'button' }, t(`organizer.${kind}` as MessageKey)),
  );
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit(kind === 'postpone' ? { startsAt: fromLocalInput(starts.value), endsAt: fromLocalInput(ends.value), reason: reason.value } : { reason: reason.value });
  });
  return h('details', { class: 'disclosure' }, h('summary', {}, t(`organizer.${kind}` as MessageKey)), f);
}

function showErrors(out: HTMLElement, error: unknown): void {
  const fields = error instanceof ApiError ? (error.errors ?? []).map((e) => `${e.field}: ${e.message}`) : [];
  setStatus(out, [errorMessage(error), ...fields].join(' '), true);
}

const FIELDS = [
  'title',
  'subtitle',
  'campaignId',
  'regionCode',
  'format',
  'startsAt',
  'endsAt',
  'venue.name',
  'venue.address',
  'venue.location',
  'categories',
  'audiences',
  'mainVenue',
  'description',
  'coOrganizers',
  'contact.name',
  'contact.phone',
  'contact',
  'capacity',
  'accessibility',
  'live.url',
  'live',
  'venue',
  'checkInRadiusM',
] as const;

async function form(main: HTMLElement, me: Me, enums: Enums | undefined, id?: string): Promise<void> {
  let existing: OwnActivity | undefined;
  let campaigns: Campaign[] = [];
  try {
    [existing, campaigns] = await Promise.all([id ? getJson<OwnActivity>(`${BASE}/${id}`) : Promise.resolve(undefined), getJson<Campaign[]>('/api/v1/campaigns')]);
  } catch (error) {
    showPage(main, t('error.generic'), pageHeading(t('error.generic')), errorBox(error));
    return;
  }
  const a = existing;
  const controls = new Map<string, HTMLElement>();
  const wrap = (name: string, label: MessageKey, control: HTMLElement, hint?: MessageKey) => {
    control.id ||= `f-${name.replace(/\W/g, '-')}`;
    const errorId = `${control.id}-error`;
    const box = h('div', { class: 'field', 'data-field': name }, h('label', { for: control.id }, t(label)), hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, t(hint)) : null, control, h('p', { class: 'field-error', id: errorId, hidden: true }));
    if (hint) control.setAttribute('aria-describedby', `${control.id}-hint`);
    controls.set(name, box);
    return box;
  };
  const input = (name: string, value: unknown, attrs: Record<string, string | number | boolean | undefined> = {}) =>
    h('input', { id: `f-${name.replace(/\W/g, '-')}`, name, value: value == null ? '' : String(value), ...attrs });
  const checks = (name: 'categories' | 'audiences', list: 'category' | 'audience', chosen: string[]) => {
    const set = h('fieldset', { class: 'checks', 'data-field': name }, h('legend', {}, t(`form.${name}` as MessageKey)));
    for (const e of enums?.[list] ?? []) {
      const cid = `f-${name}-${e.code}`;
      set.append(h('span', { class: 'check' }, h('input', { type: 'checkbox', id: cid, name, value: e.code, checked: chosen.includes(e.code) }), h('label', { for: cid }, labelOf(enums?.[list], e.code))));
    }
    set.append(h('p', { class: 'field-error', id: `f-${name}-error`, hidden: true }));
    controls.set(name, set);
    return set;
  };

  const campaign = h('select', { id: 'f-campaignId', name: 'campaignId' }, h('option', { value: '' }, t('form.choose')), ...campaigns.map((c) => h('option', { value: c.id, selected: a?.campaignId === c.id }, c.name)));
  const format = h('select', { id: 'f-format', name: 'format' }, ...(enums?.format ?? [{ code: 'ONSITE' }, { code: 'ONLINE' }, { code: 'HYBRID' }]).map((f) => h('option', { value: f.code, selected: (a?.format ?? 'ONSITE') === f.code }, labelOf(enums?.format, f.code))));
  const region = h('input', { type: 'hidden', id: 'f-regionCode', name: 'regionCode', value: a?.regionCode ?? me.orgUnit?.region?.code ?? '' });
  const cascade = h('div', { class: 'region-cascade' });
  const regionBox = h('fieldset', { 'data-field': 'regionCode' }, h('legend', {}, t('form.regionCode')), region, cascade, h('p', { class: 'field-error', id: 'f-regionCode-error', hidden: true }));
  controls.set('regionCode', regionBox);
  const regions = createRegionSource();
  const renderCascade = async () => {
    const chain = regionChain(region.value);
    const parts: HTMLElement[] = [];
    for (let depth = 0; depth < 4; depth++) {
      const parent = depth === 0 ? undefined : chain[depth - 1];
      if (depth > 0 && !parent) break;
      const children = await regions.children(parent).catch(() => []);
      if (!children.length) break;
      const sel = h('select', { id: `f-region-${depth}` }, h('option', { value: parent ?? '' }, t('form.choose')), ...children.map((r) => h('option', { value: r.code, selected: chain[depth] === r.code }, r.name)));
      sel.addEventListener('change', () => {
        region.value = sel.value;
        void renderCascade().then(() => document.getElementById(`f-region-${depth}`)?.focus());
      });
      parts.push(h('div', { class: 'field' }, h('label', { for: sel.id }, t((['search.province', 'search.city', 'search.county', 'form.town'] as MessageKey[])[depth] as MessageKey)), sel));
    }
    cascade.replaceChildren(...parts);
  };
  void renderCascade();

  const lat = input('lat', a?.venue?.location.lat, { type: 'number', step: 'any', inputmode: 'decimal' });
  const lon = input('lon', a?.venue?.location.lon, { type: 'number', step: 'any', inputmode: 'decimal' });
  const pinHost = h('div', { id: 'pin-map' });
  const pinButton = button(t('form.pickOnMap'), { class: 'button secondary' });
  pinButton.addEventListener('click', async () => {
    pinButton.hidden = true;
    const { createMap } = await import('../map/map-view');
    const map = createMap(pinHost, t('form.pinMap'));
    const here = { lat: Number(lat.value) || 31.33, lon: Number(lon.value) || 118.43 };
    map.showPoint(here, t('form.pin'));
    map.onClick((p) => {
      lat.value = p.lat.toFixed(6);
      lon.value = p.lon.toFixed(6);
      map.showPoint(p, t('form.pin'));
    });
  });
  const contactPublished = h('input', { type: 'checkbox', id: 'f-contact-published', checked: a?.contact?.published ?? false });
  const mainVenue = h('input', { type: 'checkbox', id: 'f-mainVenue', checked: a?.mainVenue ?? false });
  const access = h('fieldset', { class: 'checks' }, h('legend', {}, t('activity.accessibility')));
  for (const k of ['wheelchair', 'signLanguage', 'captions', 'elderFriendly']) {
    access.append(h('span', { class: 'check' }, h('input', { type: 'checkbox', id: `f-access-${k}`, name: 'access', value: k, checked: !!a?.accessibility?.[k] }), h('label', { for: `f-access-${k}` }, t(`access.${k}` as MessageKey))));
  }
  const description = h('textarea', { id: 'f-description', name: 'description', rows: 6, maxlength: 5000 }, a?.description ?? '');
  const topErrors = h('div', { class: 'form-errors', role: 'alert', tabindex: -1, id: 'form-errors' });
  const status = statusLine();
  const f = h(
    'form',
    { class: 'activity-form', novalidate: true },
    topErrors,
    wrap('title', 'form.title', input('title', a?.title, { maxlength: 100, required: true })),
    wrap('subtitle', 'form.subtitle', input('subtitle', a?.subtitle, { maxlength: 100 })),
    wrap('campaignId', 'form.campaignId', campaign),
    regionBox,
    wrap('format', 'form.format', format),
    wrap('startsAt', 'form.startsAt', input('startsAt', toLocalInput(a?.startsAt), { type: 'datetime-local' }), 'form.timeHint'),
    wrap('endsAt', 'form.endsAt', input('endsAt', toLocalInput(a?.endsAt), { type: 'datetime-local' })),
    h(
      'fieldset',
      {},
      h('legend', {}, t('form.venue')),
      wrap('venue.name', 'form.venueName', input('venue.name', a?.venue?.name)),
      wrap('venue.address', 'form.venueAddress', input('venue.address', a?.venue?.address)),
      wrap('venue.location', 'form.lat', lat, 'form.gcjHint'),
      h('div', { class: 'field' }, h('label', { for: lon.id }, t('form.lon')), lon),
      pinButton,
      pinHost,
      wrap('checkInRadiusM', 'form.checkInRadiusM', input('checkInRadiusM', a?.checkInRadiusM, { type: 'number', min: 50, max: 5000 }), 'form.radiusHint'),
    ),
    wrap('live.url', 'form.liveUrl', input('live.url', a?.live?.url, { type: 'url' }), 'form.liveHint'),
    checks('categories', 'category', a?.categories ?? []),
    checks('audiences', 'audience', a?.audiences ?? []),
    h('div', { class: 'field check' }, mainVenue, h('label', { for: mainVenue.id }, t('activity.mainVenue'))),
    wrap('description', 'form.description', description),
    wrap('coOrganizers', 'form.coOrganizers', input('coOrganizers', a?.coOrganizers?.join('、')), 'form.coOrganizersHint'),
    wrap('contact.name', 'form.contactName', input('contact.name', a?.contact?.name)),
    wrap('contact.phone', 'form.contactPhone', input('contact.phone', a?.contact?.phone, { type: 'tel' })),
    h('div', { class: 'field check' }, contactPublished, h('label', { for: contactPublished.id }, t('form.contactPublished'))),
    wrap('capacity', 'form.capacity', input('capacity', a?.capacity, { type: 'number', min: 1 })),
    access,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button', name: 'save' }, t('form.save')), h('button', { type: 'submit', class: 'button secondary', name: 'submit-review' }, t('form.saveAndSubmit'))),
    status,
  );
  showPage(main, t(a ? 'form.editHeading' : 'form.newHeading'), accountBar(me), pageHeading(t(a ? 'form.editHeading' : 'form.newHeading')), a ? h('p', {}, h('span', { class: `badge badge-${a.status.toLowerCase()}` }, statusLabel(enums, a.status))) : null, a?.statusReason ? h('p', { class: 'notice' }, t('organizer.reason', { reason: a.statusReason })) : null, f);

  const value = (name: string) => (f.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value ?? '').trim();
  const num = (v: string) => (v === '' ? null : Number(v));
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    const andSubmit = (e as SubmitEvent).submitter?.getAttribute('name') === 'submit-review';
    clearErrors();
    const data = new FormData(f);
    const online = format.value === 'ONLINE';
    const body: Record<string, unknown> = {
      title: value('title') || null,
      subtitle: value('subtitle') || null,
      campaignId: campaign.value || null,
      regionCode: region.value || null,
      format: format.value,
      startsAt: fromLocalInput(value('startsAt')) ?? null,
      endsAt: fromLocalInput(value('endsAt')) ?? null,
      // No venue at all when nothing of it was entered, so the API reports every missing field at once.
      venue:
        (online && !value('venue.name')) || !(value('venue.name') || value('venue.address') || lat.value || lon.value)
          ? null
          : { name: value('venue.name') || null, address: value('venue.address') || null, location: lat.value && lon.value ? { lat: Number(lat.value), lon: Number(lon.value) } : null },
      categories: data.getAll('categories'),
      audiences: data.getAll('audiences'),
      mainVenue: mainVenue.checked,
      description: description.value.trim() || null,
      coOrganizers: value('coOrganizers') ? value('coOrganizers').split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean) : [],
      contact: value('contact.name') || value('contact.phone') ? { name: value('contact.name') || null, phone: value('contact.phone') || null, published: contactPublished.checked } : null,
      capacity: num(value('capacity')),
      accessibility: Object.fromEntries(['wheelchair', 'signLanguage', 'captions', 'elderFriendly'].map((k) => [k, data.getAll('access').includes(k)])),
      live: value('live.url') ? { url: value('live.url') } : null,
      checkInRadiusM: num(value('checkInRadiusM')),
    };
    if (a) body.version = a.version;
    setStatus(status, t('page.saving'));
    try {
      const saved = a ? await sendJson<OwnActivity>('PUT', `${BASE}/${a.id}`, body) : await sendJson<OwnActivity>('POST', BASE, body);
      if (andSubmit) await sendJson('POST', `${BASE}/${saved.id}/submit`);
      location.assign(`/organizer?saved=${saved.id}${andSubmit ? '&status=SUBMITTED' : ''}`);
    } catch (error) {
      setStatus(status, '');
      showFieldErrors(error);
    }
  });

  function clearErrors(): void {
    topErrors.replaceChildren();
    for (const box of controls.values()) {
      box.classList.remove('has-error');
      const err = box.querySelector<HTMLElement>('.field-error');
      if (err) err.hidden = true;
      box.querySelector('[aria-invalid]')?.removeAttribute('aria-invalid');
    }
  }

  function showFieldErrors(error: unknown): void {
    const list = error instanceof ApiError ? (error.errors ?? []) : [];
    const { byField, other } = groupErrors(list, FIELDS);
    topErrors.append(h('p', {}, errorMessage(error)));
    const summary = h('ul', {});
    let first: HTMLElement | undefined;
    for (const [field, errors] of byField) {
      const box = controls.get(field);
      const text = errors.map((e) => fieldMessage(e.code, e.message)).join(' ');
      const err = box?.querySelector<HTMLElement>('.field-error');
      const control = box?.querySelector<HTMLElement>('input:not([type=hidden]),select,textarea');
      if (box && err) {
        box.classList.add('has-error');
        err.textContent = text;
        err.hidden = false;
        if (control) {
          control.setAttribute('aria-invalid', 'true');
          control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), err.id].filter(Boolean).join(' '));
          first ??= control;
        }
      }
      const label = box?.querySelector('label,legend')?.textContent ?? field;
      summary.append(h('li', {}, control ? h('a', { href: `#${control.id}` }, `${label}：${text}`) : `${label}：${text}`));
    }
    for (const e of other) summary.append(h('li', {}, `${e.field}：${fieldMessage(e.code, e.message)}`));
    if (summary.children.length) topErrors.append(summary);
    topErrors.focus();
    void first;
  }
}

function fieldMessage(code: string, fallback: string): string {
  const key = `field.${code}` as MessageKey;
  const text = t(key);
  return text === key || !text ? fallback : text;
}

async function evidence(main: HTMLElement, id: string): Promise<void> {
  type EvidenceStatus = { evidence?: Record<string, unknown> | null; completeness?: string; dueOn?: string };
  let current: EvidenceStatus = {};
  let activity: OwnActivity | undefined;
  try {
    [current, activity] = await Promise.all([getJson<EvidenceStatus>(`${BASE}/${id}/evidence`).catch(() => ({})), getJson<OwnActivity>(`${BASE}/${id}`)]);
  } catch (error) {
    showPage(main, t('error.generic'), pageHeading(t('error.generic')), errorBox(error));
    return;
  }
  const ev = (current.evidence ?? {}) as Record<string, unknown>;
  const lines = (k: string) => ((ev[k] as string[] | undefined) ?? []).join('\n');
  const area = (name: string, label: MessageKey, hint: MessageKey) => h('div', { class: 'field' }, h('label', { for: `e-${name}` }, t(label)), h('p', { class: 'hint', id: `e-${name}-hint` }, t(hint)), h('textarea', { id: `e-${name}`, name, rows: 3, 'aria-describedby': `e-${name}-hint` }, lines(name)));
  const num = (name: string, label: MessageKey) => h('div', { class: 'field' }, h('label', { for: `e-${name}` }, t(label)), h('input', { id: `e-${name}`, name, type: 'number', min: 0, value: ev[name] == null ? '' : String(ev[name]) }));
  const status = statusLine();
  const f = h(
    'form',
    { class: 'evidence-form' },
    area('photos', 'evidence.photos', 'evidence.urlHint'),
    area('videos', 'evidence.videos', 'evidence.urlHint'),
    area('newsLinks', 'evidence.newsLinks', 'evidence.linkHint'),
    h('div', { class: 'field' }, h('label', { for: 'e-summary' }, t('evidence.summary')), h('textarea', { id: 'e-summary', name: 'summary', rows: 5 }, (ev.summary as string) ?? '')),
    num('attendanceOnsite', 'evidence.onsite'),
    num('attendanceOnline', 'evidence.online'),
    num('volunteers', 'evidence.volunteers'),
    h('button', { type: 'submit', class: 'button' }, t('form.save')),
    status,
  );
  showPage(main, t('evidence.heading'), pageHeading(t('evidence.heading')), h('p', {}, activity?.title ?? ''), current.dueOn ? h('p', { class: 'hint' }, t('evidence.due', { date: current.dueOn, state: current.completeness ?? '' })) : null, f);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    const d = new FormData(f);
    const urls = (k: string) => String(d.get(k) ?? '').split(/\s+/).map((s) => s.trim()).filter(Boolean);
    const n = (k: string) => (String(d.get(k) ?? '') === '' ? null : Number(d.get(k)));
    setStatus(status, t('page.saving'));
    try {
      await sendJson('PUT', `${BASE}/${id}/evidence`, { photos: urls('photos'), videos: urls('videos'), newsLinks: urls('newsLinks'), summary: String(d.get('summary') ?? '') || null, attendanceOnsite: n('attendanceOnsite'), attendanceOnline: n('attendanceOnline'), volunteers: n('volunteers') });
      setStatus(status, t('page.saved'));
    } catch (error) {
      showErrors(status, error);
    }
  });
}

interface BadRow {
  row: number;
  errors: { field: string; code: string; message: string }[];
}

async function importPage(main: HTMLElement): Promise<void> {
  const file = h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', required: true });
  const status = statusLine();
  const report = h('div', { id: 'import-report' });
  const f = h(
    'form',
    { class: 'import-form' },
    h('div', { class: 'field' }, h('label', { for: file.id }, t('import.file')), h('p', { class: 'hint', id: 'import-hint' }, t('import.hint')), file),
    h('button', { type: 'submit', class: 'button' }, t('import.submit')),
    status,
  );
  file.setAttribute('aria-describedby', 'import-hint');
  showPage(
    main,
    t('import.heading'),
    pageHeading(t('import.heading')),
    h('p', {}, h('a', { href: `${BASE}/import/template.xlsx` }, t('import.templateXlsx')), ' · ', h('a', { href: `${BASE}/import/template.csv` }, t('import.templateCsv'))),
    f,
    report,
  );
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return setStatus(status, t('import.choose'), true);
    const data = new FormData();
    data.append('file', chosen);
    setStatus(status, t('page.saving'));
    report.replaceChildren();
    try {
      const result = await sendForm<{ imported?: number; ids?: string[]; activities?: unknown[] }>(`${BASE}/import`, data, { timeoutMs: 120_000 });
      const count = result.imported ?? result.ids?.length ?? result.activities?.length ?? 0;
      setStatus(status, t('import.done', { count }));
    } catch (error) {
      const rows = error instanceof ApiError && Array.isArray(error.body?.rows) ? (error.body?.rows as BadRow[]) : [];
      setStatus(status, errorMessage(error), true);
      if (rows.length) {
        report.append(
          h('h2', {}, t('import.report', { count: rows.length })),
          h(
            'table',
            { class: 'report' },
            h('caption', { class: 'visually-hidden' }, t('import.report', { count: rows.length })),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('import.row')), h('th', { scope: 'col' }, t('import.field')), h('th', { scope: 'col' }, t('import.problem')))),
            h('tbody', {}, ...rows.flatMap((r) => r.errors.map((er) => h('tr', {}, h('td', {}, String(r.row)), h('td', {}, er.field), h('td', {}, fieldMessage(er.code, er.message)))))),
          ),
        );
      } else if (error instanceof ApiError && error.errors?.length) {
        report.append(h('ul', {}, ...error.errors.map((er) => h('li', {}, `${er.field}: ${er.message}`))));
      }
    }
  });
}
