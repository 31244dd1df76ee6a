import type { ApiError } from '../../api/http';
import type { MessageKey } from '../../i18n';

/** A chat comment as the stream sends it (`comment` {id, text, at}); the text is shown as text only. */
export interface ChatComment {
  id: string;
  text: string;
  at: string;
}

export const MAX_CHAT_TEXT = 200;

/** A `comment` event's data, or null when it is not one (malformed events are dropped, never shown). */
export function parseComment(data: Record<string, unknown>): ChatComment | null {
  const { id, text, at } = data;
  if (typeof id !== 'string' || !isCommentId(id) || typeof text !== 'string' || typeof at !== 'string') return null;
  return { id, text, at };
}

/** Comment ids are Redis stream ids, `millis-sequence`. */
export function isCommentId(id: string): boolean {
  return /^\d+-\d+$/.test(id);
}

/** Orders comment ids as the server does (by time, then sequence). */
export function compareIds(a: string, b: string): number {
  const [ma, sa] = a.split('-').map(Number) as [number, number];
  const [mb, sb] = b.split('-').map(Number) as [number, number];
  return ma !== mb ? ma - mb : sa - sb;
}

/**
 * The chat as the page shows it: in id order, each comment once (a reconnect replays from Last-Event-ID and
 * may repeat one), the newest {@link limit} kept. The page mirrors what these calls answer.
 */
export class ChatLog {
  private readonly items: ChatComment[] = [];

  constructor(readonly limit = 200) {}

  /** Where the comment goes (index), or -1 when it is already shown; also the ids that fell off the top. */
  add(comment: ChatComment): { index: number; dropped: string[] } {
    if (this.items.some((c) => c.id === comment.id)) return { index: -1, dropped: [] };
    let index = this.items.length;
    while (index > 0 && compareIds(this.items[index - 1]!.id, comment.id) > 0) index--;
    this.items.splice(index, 0, comment);
    const dropped: string[] = [];
    while (this.items.length > this.limit) {
      dropped.push(this.items.shift()!.id);
      index--;
    }
    return { index, dropped };
  }

  /** Whether a comment a moderator removed was shown. */
  remove(id: string): boolean {
    const at = this.items.findIndex((c) => c.id === id);
    if (at < 0) return false;
    this.items.splice(at, 1);
    return true;
  }

  ids(): string[] {
    return this.items.map((c) => c.id);
  }
}

export type LiveState = 'SCHEDULED' | 'LIVE' | 'INTERRUPTED' | 'ENDED';

export function stateKey(state: string): MessageKey {
  switch (state) {
    case 'SCHEDULED':
    case 'LIVE':
    case 'INTERRUPTED':
    case 'ENDED':
      return `live.state.${state}` as MessageKey;
    default:
      return 'live.state.unknown';
  }
}

/** Chat posts are possible only while live. */
export function canChat(state: string): boolean {
  return state === 'LIVE';
}

/** The message for a refused chat post, by problem code and field code (docs/problem-codes.md). */
export function chatProblem(error: Pick<ApiError, 'code' | 'errors'>): MessageKey | undefined {
  switch (error.code) {
    case 'live-not-open':
      return 'live.notOpen';
    case 'participant-muted':
      return 'live.muted';
    case 'text-rejected':
      return 'live.textRejected';
    case 'no-livestream':
      return 'live.none';
    case 'validation-failed': {
      const code = error.errors?.[0]?.code;
      return code === 'too-long' ? 'live.tooLong' : code === 'invalid-text' ? 'live.invalidText' : 'live.empty';
    }
    default:
      return undefined;
  }
}
