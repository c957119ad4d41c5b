/// <reference lib="webworker" />
import type { ExperimentConfig } from '../core/config';
import type { BackendName, CsvSlot, FromWorker, ToWorker } from '../protocol/messages';
import { type BackendSpeed, modelShape } from '../core/backend-choice';
import { onWasm, selectBackend } from './backend';
import { settleDeviceLoss, webGpuDevice } from './gpu-device';
import { runBench } from './bench';
import { CsvStore } from './csv';
import { pytorchZip } from './pytorch-export';
import { loadDataset } from './datasets';
import { errorText } from '../core/error-text';
import { Session } from './session';
import { memoryStore } from '../core/engine/fused/tuning';

declare const self: DedicatedWorkerGlobalScope;

// `npm run soak` samples the worker's memory; the end-to-end build only (Vite replaces MODE, so
// production bundles drop this import).
if (import.meta.env.MODE === 'e2e') {
  void import('./soak-probe').then(({ installSoakProbe }) => {
    installSoakProbe();
  });
}

const post = (message: FromWorker, transfer: Transferable[] = []): void => {
  self.postMessage(message, transfer);
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

/** Backend speed rankings by model shape: the page's saved ones, plus any measured here. */
const speeds = new Map<string, BackendSpeed<BackendName>[]>();
const onDeviceLost = (message: string) => {
  post({ type: 'device-lost', message });
  session.deviceLost();
};
const selectOptions = {
  onDeviceLost,
  speeds,
  onSpeeds: (key: string, ranking: BackendSpeed<BackendName>[]) => {
    post({ type: 'backend-speeds', key, ranking });
  },
  onMeasuring: (text: string) => {
    post({ type: 'backend-measuring', text });
  },
};
/** The fused kernels' tuned variants and self-check passes: the page's saved ones, plus this worker's. */
const kernelChoices = memoryStore();
/** The page asked for tuning (every build but the end-to-end one, unless a test asks). */
let tuneKernels = false;
const csv = new CsvStore();
/** A transfer's target CSV, apart: uploading one must not replace the CSV a run trains on. */
const targetCsv = new CsvStore();
const csvIn = (slot: CsvSlot | undefined) => (slot === 'transfer' ? targetCsv : csv);
const common = {
  post,
  loadDataset: (config: ExperimentConfig) => loadDataset(config, csv),
  yieldToEventLoop,
  now: () => performance.now(),
};
/** How long a failed read waits for the device's loss to be announced before it counts as a failure. */
const DEVICE_LOSS_WAIT_MS = 1000;

const session = new Session({
  ...common,
  settleDeviceLoss: () => settleDeviceLoss(DEVICE_LOSS_WAIT_MS),
  loadTarget: (config) => loadDataset(config, targetCsv),
  gpuDevice: webGpuDevice,
  onWasm,
  kernelStore: () => kernelChoices,
  tuneKernels: () => tuneKernels,
  selectBackend: (mode, shape, exclude) =>
    selectBackend(mode, shape, { ...selectOptions, exclude }),
});

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'bench') {
    // Only the benchmark page sends this, to a worker of its own that runs no session.
    const shape = modelShape(message.request.config);
    const deps = {
      ...common,
      selectBackend: (name: BackendName) => selectBackend(name, shape, selectOptions),
      gpuDevice: webGpuDevice,
    };
    runBench(message.request, deps).then(
      (result) => {
        post({ type: 'bench-result', result });
      },
      (e: unknown) => {
        post({ type: 'error', message: errorText(e) });
      },
    );
    return;
  }
  if (message.type === 'load-csv') {
    const { requestId } = message;
    csvIn(message.slot)
      .read(message.file)
      .then(
        (result) => {
          post({ type: 'csv-columns', requestId, result });
        },
        (e: unknown) => {
          const error = `The file could not be read: ${errorText(e)}`;
          post({ type: 'csv-columns', requestId, result: { ok: false, error } });
        },
      );
    return;
  }
  if (message.type === 'csv-label') {
    const result = csvIn(message.slot).choose(message.labelColumn, message.seed);
    post({ type: 'csv-spec', requestId: message.requestId, result });
    return;
  }
  if (message.type === 'export-pytorch') {
    const { requestId, config, folder, importedTeacher } = message;
    const held = session.importedTeacher;
    const imported = importedTeacher === undefined ? null : held;
    if (importedTeacher !== undefined && held?.info.name !== importedTeacher) {
      const text = `The run distilled from the imported teacher ${importedTeacher}, which this page no longer holds: import it again, then export.`;
      post({ type: 'error', requestId, message: text });
      return;
    }
    pytorchZip(config, folder, { loadDataset: common.loadDataset, imported }).then(
      (zip) => {
        post({ type: 'pytorch-exported', requestId, zip }, [zip.buffer]);
      },
      (e: unknown) => {
        post({ type: 'error', requestId, message: `The PyTorch export failed: ${errorText(e)}` });
      },
    );
    return;
  }
  if (message.type === 'inject-fault') {
    // The end-to-end build only; production bundles drop this branch's import.
    if (import.meta.env.MODE === 'e2e') {
      const { fault } = message;
      void import('./faults').then(({ injectFault }) => {
        injectFault(fault, post);
      });
    }
    return;
  }
  if (message.type === 'init') {
    for (const [key, ranking] of Object.entries(message.speeds ?? {})) speeds.set(key, ranking);
    for (const [key, name] of Object.entries(message.kernelChoices ?? {})) {
      kernelChoices.set(key, name);
    }
    tuneKernels = message.tuneKernels === true;
  }
  session.handle(message);
};
