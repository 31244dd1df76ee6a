import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getJson, parseRetryAfter, readCookie, sendJson, withQuery } from './http';

type FetchArgs = [input: string, init: RequestInit];

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: FetchArgs[] = [];
  globalThis.fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    calls.push([String(input), init ?? {}]);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers });
  }) as typeof fetch;
  return calls;
}

function headersOf(init: RequestInit): Record<string, string> {
  return init.headers as Record<string, string>;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('getJson', () => {
  it('returns the parsed body and sends Accept and same-origin credentials', async () => {
    const calls = respond(200, [{ code: '34', name: '安徽省' }], { 'Content-Type': 'application/json' });

    const regions = await getJson<{ code: string }[]>('/api/v1/regions', { parent: '34', empty: undefined });

    expect(regions).toEqual([{ code: '34', name: '安徽省' }]);
    const [url, init] = calls[0]!;
    expect(url).toBe('/api/v1/regions?parent=34');
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('same-origin');
    expect(headersOf(init).Accept).toBe('application/json');
    expect(headersOf(init)['X-XSRF-TOKEN']).toBeUndefined();
  });

  it('turns a problem+json answer into an ApiError with code and field errors', async () => {
    respond(
      400,
      {
        type: 'https://kepu.example/problems/validation-failed',
        title: 'Validation failed',
        status: 400,
        detail: 'size must be between 1 and 100',
        instance: '/api/v1/activities',
        code: 'validation-failed',
        errors: [{ field: 'size', code: 'range', message: 'must be between 1 and 100' }],
      },
      { 'Content-Type': 'application/problem+json;charset=UTF-8' },
    );

    const error = await failure(getJson('/api/v1/activities', { size: 500 }));

    expect(error.status).toBe(400);
    expect(error.code).toBe('validation-failed');
    expect(error.title).toBe('Validation failed');
    expect(error.detail).toBe('size must be between 1 and 100');
    expect(error.instance).toBe('/api/v1/activities');
    expect(error.errors).toEqual([{ field: 'size', code: 'range', message: 'must be between 1 and 100' }]);
  });

  it('keeps Retry-After of a rate-limited answer', async () => {
    respond(429, { title: 'Too Many Requests', status: 429, code: 'rate-limited' }, {
      'Content-Type': 'application/problem+json',
      'Retry-After': '30',
    });

    const error = await failure(getJson('/api/v1/activities'));

    expect(error.code).toBe('rate-limited');
    expect(error.retryAfter).toBe(30);
  });

  it('reports a network failure as network-error with status 0', async () => {
    globalThis.fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;

    const error = await failure(getJson('/api/v1/regions'));

    expect(error.code).toBe('network-error');
    expect(error.status).toBe(0);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('reports a timeout as network-error', async () => {
    globalThis.fetch = vi.fn(
      (_input: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    ) as typeof fetch;

    const error = await failure(getJson('/api/v1/regions', undefined, { timeoutMs: 5 }));

    expect(error.code).toBe('network-error');
    expect(error.title).toBe('Request timed out');
  });

  it('reports an abort by the caller as aborted, not as a failure', async () => {
    globalThis.fetch = vi.fn(async () => {
      throw new DOMException('aborted', 'AbortError');
    }) as typeof fetch;
    const controller = new AbortController();
    controller.abort();

    const error = await failure(getJson('/api/v1/regions', undefined, { signal: controller.signal }));

    expect(error.code).toBe('aborted');
  });

  it('reports an error page that is not problem+json as unexpected-response', async () => {
    respond(502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' });

    const error = await failure(getJson('/api/v1/regions'));

    expect(error.code).toBe('unexpected-response');
    expect(error.status).toBe(502);
  });

  it('reports a 200 that is not JSON (an HTML fallback page) as unexpected-response', async () => {
    respond(200, '<!doctype html><html></html>', { 'Content-Type': 'text/html' });

    const error = await failure(getJson('/api/v1/regions'));

    expect(error.code).toBe('unexpected-response');
  });

  it('reports malformed JSON as unexpected-response', async () => {
    respond(200, '{"broken', { 'Content-Type': 'application/json' });

    expect((await failure(getJson('/api/v1/regions'))).code).toBe('unexpected-response');
  });
});

describe('sendJson', () => {
  it('echoes the XSRF-TOKEN cookie as X-XSRF-TOKEN on POST and sends JSON', async () => {
    vi.stubGlobal('document', { cookie: 'kepu_theme=x; XSRF-TOKEN=4f1c%2Dtoken; other=1' });
    const calls = respond(201, { checkInId: 'c1', firstTime: true }, { 'Content-Type': 'application/json' });

    const answer = await sendJson<{ firstTime: boolean }>('POST', '/api/v1/activities/a1/check-ins', { token: 't' });

    expect(answer.firstTime).toBe(true);
    const [, init] = calls[0]!;
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"token":"t"}');
    expect(headersOf(init)['X-XSRF-TOKEN']).toBe('4f1c-token');
    expect(headersOf(init)['Content-Type']).toBe('application/json');
    expect(headersOf(init).Accept).toBe('application/json');
  });

  it('sends no XSRF header when there is no cookie, and no Content-Type without a body', async () => {
    vi.stubGlobal('document', { cookie: '' });
    const calls = respond(204, null);

    await expect(sendJson('DELETE', '/api/v1/organizer/activities/a1')).resolves.toBeUndefined();

    const headers = headersOf(calls[0]![1]);
    expect(headers['X-XSRF-TOKEN']).toBeUndefined();
    expect(headers['Content-Type']).toBeUndefined();
  });

  it('never sends the XSRF header on GET', async () => {
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=abc' });
    const calls = respond(200, [], { 'Content-Type': 'application/json' });

    await getJson('/api/v1/regions');

    expect(headersOf(calls[0]![1])['X-XSRF-TOKEN']).toBeUndefined();
  });
});

describe('helpers', () => {
  it('repeats array parameters and skips empty ones', () => {
    expect(withQuery('/a', { category: ['HEALTH', 'WATER'], q: '科普', size: 20, x: null })).toBe(
      '/a?category=HEALTH&category=WATER&q=%E7%A7%91%E6%99%AE&size=20',
    );
    expect(withQuery('/a', {})).toBe('/a');
  });

  it('reads one cookie by exact name', () => {
    expect(readCookie('XSRF-TOKEN', 'A=1; MY-XSRF-TOKEN=no; XSRF-TOKEN=yes')).toBe('yes');
    expect(readCookie('XSRF-TOKEN', '')).toBeUndefined();
  });

  it('parses Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-09-19T01:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Sat, 19 Sep 2026 01:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
