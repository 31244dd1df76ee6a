/** The pages of API.md "Web pages"; each is a lazily loaded module so a page ships only its own code. */
export type RouteName =
  | 'home'
  | 'search'
  | 'activity'
  | 'check-in'
  | 'live'
  | 'organizer'
  | 'organizer-new'
  | 'organizer-edit'
  | 'organizer-check-in'
  | 'organizer-evidence'
  | 'organizer-import'
  | 'review'
  | 'review-activity'
  | 'review-stats'
  | 'big-screen'
  | 'not-found';

export interface Route {
  name: RouteName;
  id?: string;
}

const UUID = '([0-9a-fA-F-]{36})';
const table: [RegExp, RouteName][] = [
  [/^\/$/, 'home'],
  [/^\/search$/, 'search'],
  [new RegExp(`^/activities/${UUID}$`), 'activity'],
  [new RegExp(`^/check-in/${UUID}$`), 'check-in'],
  [new RegExp(`^/live/${UUID}$`), 'live'],
  [/^\/organizer$/, 'organizer'],
  [/^\/organizer\/activities\/new$/, 'organizer-new'],
  [/^\/organizer\/import$/, 'organizer-import'],
  [new RegExp(`^/organizer/activities/${UUID}$`), 'organizer-edit'],
  [new RegExp(`^/organizer/activities/${UUID}/check-in$`), 'organizer-check-in'],
  [new RegExp(`^/organizer/activities/${UUID}/evidence$`), 'organizer-evidence'],
  [/^\/review$/, 'review'],
  [/^\/review\/stats$/, 'review-stats'],
  [new RegExp(`^/review/activities/${UUID}$`), 'review-activity'],
  [/^\/big-screen$/, 'big-screen'],
];

/** The page for a path; a trailing slash is ignored. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const [pattern, name] of table) {
    const m = pattern.exec(path);
    if (m) return m[1] ? { name, id: m[1].toLowerCase() } : { name };
  }
  return { name: 'not-found' };
}
