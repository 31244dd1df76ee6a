import './styles/base.css';
import './styles/pages.css';
import './styles/elder.css';
import { matchRoute, type Route } from './app/routes';
import { loadLang, onLangChange, setLang } from './i18n';
import { byId, translateStatic } from './ui/dom';
import { applyElderMode, loadElderMode } from './ui/elder-mode';
import { bindHeader } from './ui/header';
import { browserStorage } from './ui/storage';
import { errorBox } from './ui/widgets';

/** A page module renders into `<main>`; it is loaded only when its path is visited. */
export type Mount = (main: HTMLElement, route: Route) => void | Promise<void>;

const pages: Record<Route['name'], () => Promise<{ mount: Mount }>> = {
  home: () => import('./features/discovery/home-page'),
  search: () => import('./features/discovery/search-page'),
  activity: () => import('./features/activity/activity-page'),
  'check-in': () => import('./features/checkin/check-in-page'),
  live: () => import('./features/live/live-page'),
  organizer: () => import('./features/organizer/organizer-page'),
  'organizer-new': () => import('./features/organizer/organizer-page'),
  'organizer-edit': () => import('./features/organizer/organizer-page'),
  'organizer-check-in': () => import('./features/organizer/check-in-screen'),
  'organizer-evidence': () => import('./features/organizer/organizer-page'),
  'organizer-import': () => import('./features/organizer/organizer-page'),
  review: () => import('./features/review/review-page'),
  'review-activity': () => import('./features/review/review-page'),
  'review-stats': () => import('./features/stats/stats-page'),
  'big-screen': () => import('./features/stats/big-screen'),
  'not-found': () => import('./app/not-found'),
};

const storage = browserStorage();
const html = document.documentElement;
const elderOn = loadElderMode(storage);
applyElderMode(html, elderOn);
setLang(loadLang(storage), { root: html });
translateStatic(document);
bindHeader(byId('site-header'), storage, elderOn);

const main = byId('main');
const route = matchRoute(location.pathname);
html.dataset.page = route.name;
for (const link of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
  const here = link.pathname === '/' ? location.pathname === '/' : location.pathname.startsWith(link.pathname);
  if (here) link.setAttribute('aria-current', 'page');
}

async function render(): Promise<void> {
  try {
    const page = await pages[route.name]();
    await page.mount(main, route);
  } catch (error) {
    main.replaceChildren(errorBox(error));
  }
  html.dataset.ready = 'true';
}

void render();
onLangChange(() => {
  translateStatic(document);
  void render();
});
