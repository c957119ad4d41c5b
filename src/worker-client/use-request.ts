import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnswerTo, RequestMessage } from '../protocol/requests';
import { useWorkerClient } from './context';

/** True for the rejection of a request the page gave up (a newer one superseded it). */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/**
 * A component's requests to the worker where only the latest matters (a new file, a new stroke):
 * each call cancels the one before, whose answer is then dropped, and unmounting cancels the last.
 */
export function useLatestRequest(): <const M extends RequestMessage>(
  message: M,
) => Promise<AnswerTo<M['type']>> {
  const client = useWorkerClient();
  const controller = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      controller.current?.abort();
    },
    [],
  );
  return useCallback(
    <const M extends RequestMessage>(message: M) => {
      controller.current?.abort();
      const next = new AbortController();
      controller.current = next;
      return client.request(message, { signal: next.signal });
    },
    [client],
  );
}

/**
 * The latest request of a component with its state: `busy` while it is out, `error` when the
 * worker (or a replaced worker) failed it. `send` resolves with the answer, or null when the
 * request failed (see `error`) or a newer one superseded it.
 */
export function useWorkerRequest() {
  const request = useLatestRequest();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = useCallback(
    async <const M extends RequestMessage>(message: M): Promise<AnswerTo<M['type']> | null> => {
      setBusy(true);
      try {
        const answer = await request(message);
        setBusy(false);
        return answer;
      } catch (e) {
        // A superseded request leaves the state to the one that replaced it.
        if (isAbort(e)) return null;
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
        return null;
      }
    },
    [request],
  );
  return { busy, error, setError, send };
}
