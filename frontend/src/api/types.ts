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
export interface FeedbackTag {
  code: string;
  zh: string;
  en: string;
  positive: boolean;
}
export interface FeedbackSummary {
  average: number | null;
  count: number;
  histogram: Record<string, number>;
}
export interface FeedbackItem {
  id: string;
  rating: number;
  tags: string[];
  comment: string | null;
  createdAt: string;
  updatedAt: string;
  reply?: { text: string; at: string } | null;
}
export interface FeedbackPage {
  summary: FeedbackSummary;
  items: FeedbackItem[];
  nextCursor: string | null;
}
/** The participant's own feedback (GET …/feedback/mine, and the answer to a save). */
export interface OwnFeedback extends FeedbackItem {
  activityId: string;
  state: 'VISIBLE' | 'HELD' | 'REPORTED' | 'REMOVED';
  reports: number;
}

/** org.kepu.stats.Figures: additive figures of a region, a breakdown value or a day (docs/stats.md). */
export interface Figures {
  published: number;
  mainVenue: number;
  online: number;
  cancelled: number;
  checkInsOnsite: number;
  checkInsOnline: number;
  evidence: { none: number; partial: number; complete: number; overdue: number };
  attendanceOnsite: number;
  attendanceOnline: number;
  volunteers: number;
  recommended: number;
  feedbackCount: number;
  feedbackRatingSum: number;
  averageRating: number | null;
  liveViewersPeak: number;
  liveViewersUnique: number;
}
export interface RegionFigures {
  code: string | null;
  name: string;
  figures: Figures;
  orgUnits: number;
  participants: number;
}
export interface Breakdown {
  key: string;
  label: string;
  unit: string;
  figures: Figures;
}
export interface QuotaProgress {
  level: string;
  minimum: number;
  regions: number;
  behind: number;
  entries: { code: string; name: string; keyActivities: number; met: boolean }[];
}
/** org.kepu.stats.Summary: GET /api/v1/stats/summary. */
export interface StatsSummary {
  campaign: { id: string; name: string; year: number; kind: string; level: string; evidenceDueDays: number };
  region: RegionFigures;
  direct: Figures;
  children: RegionFigures[];
  byCategory: Breakdown[];
  byFormat: Breakdown[];
  byAudience: Breakdown[];
  byDay: Breakdown[];
  quotas: QuotaProgress[];
  computedAt: string;
}
/** The big screen's `stats` event (GET /api/v1/stats/live). */
export interface BigScreenFrame {
  region: string;
  at: string;
  checkIns: number;
  viewers: number;
  liveNow: number | null;
  children: { code: string; name: string; checkIns: number; viewers: number }[];
}
