// First, so each feature's CSS module, which comes with App, follows it and wins a tie.
import '../ui/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BACKEND_NAMES, type BackendName, type FromWorker } from '../protocol/messages';
import { modelShape } from '../core/backend-choice';
import { loadBackendMode, loadSpeeds, saveSpeeds } from '../state/backend-prefs';
import { useConfigStore } from '../state/config-store';
import { isFinished, useRunStore } from '../state/run-store';
import { useRunsStore } from '../state/runs-store';
import { useSweepStore, useTransferStore } from '../state/sweep-store';
import { startUrlSync } from '../state/url-sync';
import { WorkerClient } from '../worker-client/client';
import { WorkerClientContext } from '../worker-client/context';
import { MessageBatches } from '../worker-client/message-batches';
import { App } from './App';
import { applyTokens } from '../ui/tokens';
import { loadKernelChoices, saveKernelChoices } from '../state/kernel-choices';

/** `?backend=webgl` uses that backend first for this visit, whatever was chosen before. */
function requestedBackend(): BackendName | undefined {
  const asked = new URLSearchParams(window.location.search).get('backend');
  return BACKEND_NAMES.find((b) => b === asked);
}

applyTokens(document.documentElement);

/** What the worker sends many times a second while it trains: these wait for the next batch. */
const STREAMING: ReadonlySet<FromWorker['type']> = new Set([
  'progress',
  'epoch',
  'settings-change',
  'boundary',
  'checkpoint',
  'seed-epoch',
  'teacher-rows',
  'sweep-epoch',
  'bench-progress',
]);

function receive(message: FromWorker): void {
  if (message.type === 'backend-speeds') saveSpeeds(message.key, message.ranking);
  if (message.type === 'kernel-choices') saveKernelChoices(message.entries);
  const run = useRunStore.getState().run;
  if (message.type === 'settings-change' && message.mark.live && run?.id === message.runId) {
    // A slider moved during the run: the configuration keeps it, so its link replays the run.
    useConfigStore.getState().recordLiveChange(run.config, message.mark);
  }
  if (message.type === 'teacher-rate' && run?.id === message.runId) {
    useConfigStore.getState().recordTeacherRate(run.config, message.change);
  }
  useRunStore.getState().receive(message);
  useSweepStore.getState().receive(message);
  useTransferStore.getState().receive(message);
}

const client = new WorkerClient();
// One task applies a batch, so React renders it once (src/worker-client/message-batches.ts).
const batches = new MessageBatches<FromWorker>(
  (batch) => {
    for (const message of batch) receive(message);
  },
  (message) => STREAMING.has(message.type),
);
client.subscribe((message) => {
  batches.push(message);
});
// Before the worker starts: a shared link decides the networks the backend is chosen for.
startUrlSync(window.location, window.history);
const mode = requestedBackend() ?? loadBackendMode();
useRunStore.getState().setBackendMode(mode);
client.connect({
  backend: mode,
  shape: modelShape(useConfigStore.getState().config),
  speeds: loadSpeeds(),
  kernelChoices: loadKernelChoices(),
  // End-to-end builds tune only when a test asks (?tune): seconds a run on SwiftShader.
  tuneKernels:
    import.meta.env.MODE !== 'e2e' || new URLSearchParams(window.location.search).has('tune'),
});

// Each run's record is saved to the Runs list at every checkpoint (the worker has saved its
// models under the same key), as it ends (the worker then saves its final models) and again when
// its latency or a finished transfer arrives.
void useRunsStore.getState().refresh();
useRunStore.subscribe((s, previous) => {
  const run = s.run;
  if (!run || run.archived) return;
  const before = previous.run?.id === run.id ? previous.run : null;
  if (!isFinished(run)) {
    if (run.checkpoint && run.checkpoint !== before?.checkpoint) useRunsStore.getState().save(run);
    return;
  }
  const ended = run.phase !== before?.phase;
  if (ended || run.latency !== before.latency || run.transfer !== before.transfer) {
    const key = useRunsStore.getState().save(run);
    if (ended) client.send({ type: 'persist', runId: run.id, key });
  }
});

// A transfer that finished on every seed becomes the run's: its record and Claims panel keep it.
useTransferStore.subscribe(({ sweep }, previous) => {
  if (sweep?.status !== 'done') return;
  // Once per transfer: it was done before this change too (a later update of the same one).
  if (previous.sweep?.status === 'done' && previous.sweep.request === sweep.request) return;
  const { request, transfers } = sweep;
  if (request.axis !== 'transfer' || transfers.length === 0) return;
  const { target, labels, epochs, mode, csv } = request;
  const spec = { target, labels, epochs, mode, ...(csv && { csv }) };
  useRunStore.getState().setTransfer(request.runId, { spec, seeds: transfers });
});

// The end-to-end build only (`vite build --mode e2e`): with `?testHooks`, the faults its tests
// inject. Vite replaces MODE at build time, so production bundles drop this block whole.
if (
  import.meta.env.MODE === 'e2e' &&
  new URLSearchParams(window.location.search).has('testHooks')
) {
  void import('./test-hooks').then(({ installTestHooks }) => {
    installTestHooks(client);
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <WorkerClientContext value={client}>
      <App />
    </WorkerClientContext>
  </StrictMode>,
);
