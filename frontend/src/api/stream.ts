/** What a stream is doing: receiving, reconnecting by itself, or given up (the server refused it). */
export type StreamState = 'open' | 'reconnecting' | 'closed';

/**
 * Server-sent events (API.md "Live", the big screen). EventSource reconnects by itself and sends
 * Last-Event-ID; handlers get parsed JSON, and a malformed event is dropped rather than breaking the page.
 * A refused stream (a problem answer instead of `text/event-stream`) is not retried by the browser: the
 * state says `closed`.
 */
export function openStream(
  path: string,
  handlers: Record<string, (data: Record<string, unknown>) => void>,
  onState?: (state: StreamState) => void,
): () => void {
  const source = new EventSource(path, { withCredentials: true });
  for (const [event, handle] of Object.entries(handlers)) {
    source.addEventListener(event, (e) => {
      let data: unknown;
      try {
        data = JSON.parse((e as MessageEvent<string>).data);
      } catch {
        return; // not JSON: ignored
      }
      if (typeof data === 'object' && data !== null) handle(data as Record<string, unknown>);
    });
  }
  source.addEventListener('open', () => onState?.('open'));
  source.addEventListener('error', () => onState?.(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  return () => source.close();
}
