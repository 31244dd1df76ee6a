/** Shapes of API.md, as far as the pages read them. */
export interface GeoPoint {
  lat: number;
  lon: number;
}
export interface Ref {
  code: string;
  name: string;
}
export interface ActivitySummary {
  id: string;
  title: string;
  subtitle: string | null;
  campaign: { id: string; kind: string; year: number; name: string } | null;
  organizer: { id: string; name: string };
  region: { code: string; name: string; path: Ref[] };
  venue: { name: string; address: string | null; location: GeoPoint } | null;
  startsAt: string;
  endsAt: string;
  format: string;
  categories: string[];
  audiences: string[];
  mainVenue: boolean;
  status: string;
  distanceKm: number | null;
  rating: { average: number | null; count: number } | null;
  checkIns: number;
  live: { url: string; state: string } | null;
}
export interface Evidence {
  photos?: string[];
  videos?: string[];
  newsLinks?: string[];
  summary?: string | null;
  attendanceOnsite?: number | null;
  attendanceOnline?: number | null;
  volunteers?: number | null;
}
export interface ActivityDetail extends ActivitySummary {
  description: string | null;
  coOrganizers: string[] | null;
  contact: { name: string | null; phone: string | null } | null;
  capacity: number | null;
  images: string[] | null;
  accessibility: Record<string, boolean> | null;
  evidence: Evidence | null;
  checkInRadiusM: number | null;
  statusReason?: string | null;
}
export interface Facet {
  key: string;
  label: string;
  count: number;
}
export interface SearchResult {
  items: ActivitySummary[];
  total: number | null;
  nextCursor: string | null;
  degraded: boolean;
  facets: Partial<Record<'region' | 'category' | 'audience' | 'format' | 'campaign', Facet[]>>;
}
export interface Campaign {
  id: string;
  kind: string;
  year: number;
  level: string;
  region: { code: string; name: string } | null;
  name: string;
  theme: string | null;
  startsOn: string;
  endsOn: string;
}
export interface EnumLabel {
  code: string;
  zh: string;
  en: string;
}
export type Enums = Record<'category' | 'audience' | 'format' | 'status', EnumLabel[]>;

/** The organizer's and reviewer's view (ActivityResponse). */
export interface OwnActivity {
  id: string;
  title: string;
  subtitle: string | null;
  campaignId: string;
  regionCode: string;
  organizer: { id: string; name: string };
  venue: { name: string; address: string | null; location: GeoPoint } | null;
  startsAt: string;
  endsAt: string;
  format: string;
  categories: string[];
  audiences: string[];
  mainVenue: boolean;
  description: string | null;
  coOrganizers: string[] | null;
  contact: { name: string | null; phone: string | null; published: boolean } | null;
  capacity: number | null;
  accessibility: Record<string, boolean | null> | null;
  live: { url: string } | null;
  checkInRadiusM: number | null;
  status: string;
  statusReason: string | null;
  possibleDuplicates: string[] | null;
  version: number;
}
export interface Me {
  username: string;
  roles: string[];
  orgUnit: { id: string; name: string; region: { code: string; name: string } | null } | null;
}
export interface FeedbackPage {
  summary: { average: number | null; count: number; histogram: Record<string, number> };
  items: { id?: string; rating: number; tags: string[]; comment: string | null; createdAt: string; reply?: string | null }[];
  nextCursor: string | null;
}
