import { describe, expect, it } from 'vitest';
import { BATCH_INTERVAL_MS, type BatchClock, MessageBatches } from './message-batches';

/** A clock the test moves by hand; each batch costs `renderMs` of it. */
function fakeClock(renderMs = 0) {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: BatchClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    afterRender: (run) => {
      now += renderMs;
      run();
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = Math.max(now, due.at);
      due.run();
    }
    now = Math.max(now, end);
  };
  return { clock, advance, now: () => now };
}

type Msg = { type: 'progress' | 'paused'; n: number };
const streaming = (m: Msg) => m.type === 'progress';

/** Batches on a fake clock, each batch recorded as the numbers of its messages. */
function recorded() {
  const { clock, advance } = fakeClock();
  const batches: number[][] = [];
  const b = new MessageBatches<Msg>(
    (batch) => batches.push(batch.map((m) => m.n)),
    streaming,
    clock,
  );
  return { advance, batches, b };
}

describe('MessageBatches', () => {
  it('applies a stream of messages at most ten times a second, in order, none lost', () => {
    const { advance, batches, b } = recorded();
    // 50 messages a second for two seconds.
    for (let i = 0; i < 100; i++) {
      b.push({ type: 'progress', n: i });
      advance(20);
    }
    advance(BATCH_INTERVAL_MS);
    expect(batches.flat()).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(batches.length).toBeLessThanOrEqual(21);
    expect(batches.length).toBeGreaterThanOrEqual(19);
  });

  it('flushes what is queued at the next task when a message a person waits for arrives', () => {
    const { advance, batches, b } = recorded();
    b.push({ type: 'progress', n: 1 });
    advance(0);
    b.push({ type: 'progress', n: 2 });
    advance(10);
    expect(batches).toEqual([[1]]);
    b.push({ type: 'paused', n: 3 });
    advance(0);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('leaves the main thread at least half free when a batch is slow to render', () => {
    // Each batch costs 300 ms: the next one starts no sooner than 600 ms after the last began.
    const { clock, advance } = fakeClock(300);
    const starts: number[] = [];
    const b = new MessageBatches<Msg>(() => starts.push(clock.now()), streaming, clock);
    for (let i = 0; i < 300; i++) {
      b.push({ type: 'progress', n: i });
      advance(10);
    }
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(gaps.length).toBeGreaterThan(2);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(600);
  });
});
