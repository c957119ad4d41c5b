/// <reference lib="webworker" />
import type { FromWorker, ToWorker } from '../protocol/messages';
import { selectBackend } from './backend';
import { loadDataset } from './datasets';
import { Session } from './session';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker): void => {
  self.postMessage(message);
};

/** A macrotask hop through a MessageChannel: unlike setTimeout(0) it is never clamped to 4 ms. */
const channel = new MessageChannel();
const wakers: (() => void)[] = [];
channel.port1.onmessage = () => wakers.shift()?.();
const yieldToEventLoop = () =>
  new Promise<void>((resolve) => {
    wakers.push(resolve);
    channel.port2.postMessage(null);
  });

const session = new Session({
  post,
  selectBackend: (preferred) =>
    selectBackend(preferred, (message) => {
      post({ type: 'device-lost', message });
    }),
  loadDataset,
  yieldToEventLoop,
  now: () => performance.now(),
});

self.onmessage = (event: MessageEvent<ToWorker>) => {
  session.handle(event.data);
};
