/**
 * The only module that talks to the network. Every failure becomes an {@link ApiError}
 * carrying the RFC 9457 problem fields, so callers handle one error type.
 */

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface ProblemFields {
  status: number;
  code: string;
  title: string;
  detail?: string;
  type?: string;
  instance?: string;
  errors?: FieldError[];
  /** Seconds from a `Retry-After` header (429, 503), when present. */
  retryAfter?: number;
  /** The whole problem body, for extension members such as an import's `rows`. */
  body?: Record<string, unknown>;
}

export class ApiError extends Error implements ProblemFields {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly type?: string;
  readonly instance?: string;
  readonly errors?: FieldError[];
  readonly retryAfter?: number;
  readonly body?: Record<string, unknown>;

  constructor(fields: ProblemFields, options?: { cause?: unknown }) {
    super(fields.detail ?? fields.title, options);
    this.name = 'ApiError';
    this.status = fields.status;
    this.code = fields.code;
    this.title = fields.title;
    this.detail = fields.detail;
    this.type = fields.type;
    this.instance = fields.instance;
    this.errors = fields.errors;
    this.retryAfter = fields.retryAfter;
    this.body = fields.body;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue | readonly QueryValue[]>;
export type UnsafeMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Default {@link DEFAULT_TIMEOUT_MS}; a request never hangs. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Internal: hand back the response itself (for non-JSON bodies). */
  raw?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const XSRF_COOKIE = 'XSRF-TOKEN';
const XSRF_HEADER = 'X-XSRF-TOKEN';

export function getJson<T>(path: string, params?: QueryParams, options?: RequestOptions): Promise<T> {
  return request<T>('GET', withQuery(path, params), undefined, options);
}

export function sendJson<T>(
  method: UnsafeMethod,
  path: string,
  body?: unknown,
  options?: RequestOptions,
): Promise<T> {
  return request<T>(method, path, body, options);
}

/** A multipart upload (the browser sets the boundary). */
export function sendForm<T>(path: string, form: FormData, options?: RequestOptions): Promise<T> {
  return request<T>('POST', path, form, options);
}

/** A text body (an SVG, a calendar) with its headers; failures are problems like everywhere else. */
export async function getText(
  path: string,
  options: RequestOptions = {},
): Promise<{ text: string; header(name: string): string | null }> {
  const response = await request<Response>('GET', path, undefined, {
    ...options,
    raw: true,
    headers: { Accept: '*/*', ...options.headers },
  });
  const contentType = (response.headers.get('Content-Type') ?? '').toLowerCase();
  if (!response.ok) throw await problemOf(response, contentType);
  return { text: await response.text(), header: (name) => response.headers.get(name) };
}

/** Appends parameters; arrays repeat the name (`category=A&category=B`); null/undefined are left out. */
export function withQuery(path: string, params?: QueryParams): string {
  if (!params) return path;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined && v !== null) query.append(name, String(v));
  }
  const text = query.toString();
  if (!text) return path;
  return path + (path.includes('?') ? '&' : '?') + text;
}

export function readCookie(name: string, cookies: string = currentCookies()): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

function currentCookies(): string {
  return typeof document === 'undefined' ? '' : document.cookie;
}

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = readCookie(XSRF_COOKIE);
    if (token) headers[XSRF_HEADER] = token;
  }

  const abort = linkedAbort(options.signal, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
      credentials: 'same-origin',
      signal: abort.signal,
    });
  } catch (cause) {
    // A caller's own abort is not a failure to report: it gets its own code so the UI can ignore it.
    const code = options.signal?.aborted ? 'aborted' : 'network-error';
    const title = abort.timedOut() ? 'Request timed out' : code === 'aborted' ? 'Request aborted' : 'Network error';
    throw new ApiError({ status: 0, code, title }, { cause });
  } finally {
    abort.dispose();
  }
  if (options.raw) return response as T;
  return readResponse<T>(response);
}

async function readResponse<T>(response: Response): Promise<T> {
  const contentType = (response.headers.get('Content-Type') ?? '').toLowerCase();
  if (!response.ok) throw await problemOf(response, contentType);
  if (response.status === 204 || response.headers.get('Content-Length') === '0') return undefined as T;
  if (!isJson(contentType)) throw unexpected(response.status, `Unexpected content type "${contentType}"`);
  try {
    return (await response.json()) as T;
  } catch (cause) {
    throw unexpected(response.status, 'Malformed JSON', cause);
  }
}

async function problemOf(response: Response, contentType: string): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (!contentType.startsWith('application/problem+json')) {
    return unexpected(response.status, `HTTP ${response.status}`, undefined, retryAfter);
  }
  let body: Record<string, unknown>;
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch (cause) {
    return unexpected(response.status, 'Malformed problem body', cause, retryAfter);
  }
  return new ApiError({
    status: typeof body.status === 'number' ? body.status : response.status,
    code: str(body.code) ?? 'unexpected-response',
    title: str(body.title) ?? `HTTP ${response.status}`,
    detail: str(body.detail),
    type: str(body.type),
    instance: str(body.instance),
    errors: fieldErrors(body.errors),
    retryAfter,
    body,
  });
}

function fieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({ field: str(e.field) ?? '', code: str(e.code) ?? '', message: str(e.message) ?? '' }));
}

function unexpected(status: number, title: string, cause?: unknown, retryAfter?: number): ApiError {
  return new ApiError({ status, code: 'unexpected-response', title, retryAfter }, { cause });
}

function isJson(contentType: string): boolean {
  return /^application\/([\w.+-]+\+)?json\b/.test(contentType);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Seconds to wait, from either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** An abort signal that fires on the caller's signal or after the timeout, whichever comes first. */
function linkedAbort(outer: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
