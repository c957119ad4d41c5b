// The page `npm run bench` opens: it exposes one function that runs a benchmark request in a fresh
// training worker — the same worker module the playground uses — and resolves with its result.
import { modelShape } from '../core/backend-choice';
import type { BenchResult } from '../protocol/bench';
import { WorkerClient } from '../worker-client/client';
import type {} from './bench-window';

window.distillBench = (request) =>
  new Promise<BenchResult>((resolve, reject) => {
    const client = new WorkerClient();
    const finish = (): void => {
      unsubscribe();
      client.terminate();
    };
    const unsubscribe = client.subscribe((message) => {
      if (message.type === 'bench-progress') {
        console.log(message.text);
      } else if (message.type === 'bench-result') {
        finish();
        resolve(message.result);
      } else if (message.type === 'error') {
        finish();
        reject(new Error(message.message));
      }
    });
    client.connect({ backend: request.backend, shape: modelShape(request.config) });
    client.send({ type: 'bench', request });
  });
