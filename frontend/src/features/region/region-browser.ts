import { ApiError } from '../../api/http';
import { errorMessage, t } from '../../i18n';
import { h } from '../../ui/dom';
import type { Region, RegionSource } from './region-api';
import { backTo, choose, listOwner, MAX_DEPTH, sameOwner } from './region-cascade';

type Focus = 'heading' | { code: string } | undefined;

/**
 * 按地区浏览: breadcrumb, a heading, a polite status line (loading, count, or error) and the
 * list of regions as buttons. Re-rendering keeps keyboard focus where the user expects it.
 */
export function mountRegionBrowser(host: HTMLElement, source: RegionSource): { render(): void } {
  const crumbs = h('ol', { class: 'crumbs' });
  const nav = h('nav', { class: 'region-path' }, crumbs);
  const selection = h('p', { class: 'region-selection' });
  const heading = h('h3', { id: 'region-list-heading', class: 'region-list-heading', tabindex: -1 });
  // Present and empty from the start so screen readers pick up later changes (role=status is polite).
  const status = h('p', { class: 'region-status', role: 'status' });
  const retry = h('button', { type: 'button', class: 'button', hidden: true });
  const list = h('ul', { class: 'region-list', 'aria-labelledby': heading.id });
  host.replaceChildren(nav, selection, heading, status, retry, list);

  let path: Region[] = [];
  let children: Region[] = [];
  let state: 'loading' | 'ready' | 'error' = 'loading';
  let failure: unknown;
  let inFlight: AbortController | undefined;

  async function load(): Promise<void> {
    inFlight?.abort();
    const controller = (inFlight = new AbortController());
    state = 'loading';
    children = [];
    render();
    try {
      const answer = await source.children(listOwner(path)?.code, controller.signal);
      if (controller.signal.aborted) return;
      children = Array.isArray(answer) ? answer : [];
      state = 'ready';
    } catch (error) {
      if (controller.signal.aborted || (error instanceof ApiError && error.code === 'aborted')) return;
      failure = error;
      state = 'error';
    }
    render();
  }

  function go(next: Region[], focus: Focus): void {
    const reload = !sameOwner(path, next);
    path = next;
    if (reload) void load();
    else render();
    moveFocus(focus);
  }

  function render(): void {
    renderCrumbs();
    selection.textContent = path.length ? t('region.selected', { path: path.map((r) => r.name).join(' › ') }) : '';
    selection.hidden = path.length === 0;
    heading.textContent = listHeading();
    status.textContent =
      state === 'loading'
        ? t('region.loading')
        : state === 'error'
          ? errorMessage(failure)
          : children.length
            ? t('region.loaded', { count: children.length })
            : t('region.empty');
    status.classList.toggle('is-error', state === 'error');
    retry.hidden = state !== 'error';
    retry.textContent = t('region.retry');
    list.setAttribute('aria-busy', String(state === 'loading'));
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.code : undefined;
    list.replaceChildren(...children.map(regionItem));
    if (focused) moveFocus({ code: focused });
  }

  function regionItem(region: Region): HTMLLIElement {
    const chosen = path.length === MAX_DEPTH && path[MAX_DEPTH - 1]?.code === region.code;
    const leaf = path.length >= MAX_DEPTH - 1;
    return h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: leaf ? 'region-button' : 'region-button has-children',
          lang: 'zh-CN',
          'data-code': region.code,
          'aria-current': chosen ? 'true' : undefined,
        },
        region.name,
      ),
    );
  }

  function renderCrumbs(): void {
    nav.setAttribute('aria-label', t('region.path'));
    const items = [t('region.all'), ...path.map((r) => r.name)];
    crumbs.replaceChildren(
      ...items.map((name, depth) =>
        depth === items.length - 1
          ? h('li', {}, h('span', { 'aria-current': 'location', lang: depth ? 'zh-CN' : undefined }, name))
          : h('li', {}, h('button', { type: 'button', class: 'crumb', 'data-depth': depth }, name)),
      ),
    );
  }

  function listHeading(): string {
    const owner = listOwner(path);
    if (!owner) return t('region.provinces');
    return t(path.indexOf(owner) === 0 ? 'region.cities' : 'region.counties', { name: owner.name });
  }

  function moveFocus(focus: Focus): void {
    if (focus === 'heading') heading.focus();
    else if (focus) list.querySelector<HTMLElement>(`[data-code="${CSS.escape(focus.code)}"]`)?.focus();
  }

  host.addEventListener('click', (event) => {
    const target = (event.target as Element).closest('button');
    if (!target) return;
    if (target === retry) {
      void load();
      moveFocus('heading');
    } else if (target.dataset.depth !== undefined) {
      go(backTo(path, Number(target.dataset.depth)), 'heading');
    } else if (target.dataset.code) {
      const region = children.find((r) => r.code === target.dataset.code);
      if (region) go(choose(path, region), path.length >= MAX_DEPTH - 1 ? { code: region.code } : 'heading');
    }
  });

  void load();
  return { render };
}
