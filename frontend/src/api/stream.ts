/**
 * Server-sent events (API.md "Live", the big screen). EventSource reconnects by itself and sends
 * Last-Event-ID; handlers get parsed JSON, and a malformed event is dropped rather than breaking the page.
 */
export function openStream(
  path: string,
  handlers: Record<string, (data: Record<string, unknown>) => void>,
  onState?: (state: 'open' | 'error') => void,
): () => void {
  const source = new EventSource(path, { withCredentials: true });
  for (const [event, handle] of Object.entries(handlers)) {
    source.addEventListener(event, (e) => {
      try {
        handle(JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>);
      } catch {
        /* not JSON: ignored */
      }
    });
  }
  source.addEventListener('open', () => onState?.('open'));
  source.addEventListener('error', () => onState?.('error'));
  return () => source.close();
}
