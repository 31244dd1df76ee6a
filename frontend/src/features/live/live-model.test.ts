import { describe, expect, it } from 'vitest';
import { canChat, ChatLog, chatProblem, compareIds, parseComment, stateKey } from './live-model';

const c = (id: string, text = id) => ({ id, text, at: '2026-09-12T02:10:00Z' });

describe('live chat', () => {
  it('reads comment events and drops malformed ones', () => {
    expect(parseComment({ id: '1757642400000-0', text: '<b>hi</b>', at: '2026-09-12T02:00:00Z' })).toEqual({ id: '1757642400000-0', text: '<b>hi</b>', at: '2026-09-12T02:00:00Z' });
    expect(parseComment({ id: 'x"]', text: 'a', at: 'b' })).toBeNull();
    expect(parseComment({ id: '1-0', text: 5, at: 'b' })).toBeNull();
    expect(parseComment({ text: 'a', at: 'b' })).toBeNull();
  });

  it('orders ids by time, then sequence', () => {
    expect(compareIds('2-0', '10-0')).toBeLessThan(0);
    expect(compareIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareIds('10-0', '10-0')).toBe(0);
  });

  it('shows each comment once, in id order, even when a reconnect replays some', () => {
    const log = new ChatLog();
    expect(log.add(c('10-0')).index).toBe(0);
    expect(log.add(c('30-0')).index).toBe(1);
    expect(log.add(c('20-0')).index).toBe(1);
    expect(log.add(c('20-0')).index).toBe(-1);
    expect(log.ids()).toEqual(['10-0', '20-0', '30-0']);
  });

  it('keeps only the newest comments and says which fell off', () => {
    const log = new ChatLog(2);
    log.add(c('1-0'));
    log.add(c('2-0'));
    const r = log.add(c('3-0'));
    expect(r).toEqual({ index: 1, dropped: ['1-0'] });
    expect(log.ids()).toEqual(['2-0', '3-0']);
  });

  it('removes a comment a moderator removed', () => {
    const log = new ChatLog();
    log.add(c('1-0'));
    expect(log.remove('1-0')).toBe(true);
    expect(log.remove('1-0')).toBe(false);
    expect(log.ids()).toEqual([]);
  });
});

describe('live state and refusals', () => {
  it('names each state and opens the chat only while live', () => {
    expect(stateKey('LIVE')).toBe('live.state.LIVE');
    expect(stateKey('INTERRUPTED')).toBe('live.state.INTERRUPTED');
    expect(stateKey('SOMETHING')).toBe('live.state.unknown');
    expect(canChat('LIVE')).toBe(true);
    expect(canChat('INTERRUPTED')).toBe(false);
    expect(canChat('SCHEDULED')).toBe(false);
  });

  it('explains a refused chat post by its code', () => {
    expect(chatProblem({ code: 'participant-muted' })).toBe('live.muted');
    expect(chatProblem({ code: 'live-not-open' })).toBe('live.notOpen');
    expect(chatProblem({ code: 'text-rejected' })).toBe('live.textRejected');
    expect(chatProblem({ code: 'validation-failed', errors: [{ field: 'text', code: 'too-long', message: '' }] })).toBe('live.tooLong');
    expect(chatProblem({ code: 'validation-failed', errors: [{ field: 'text', code: 'required', message: '' }] })).toBe('live.empty');
    expect(chatProblem({ code: 'rate-limited' })).toBeUndefined();
  });
});
