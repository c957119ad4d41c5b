import { useRunStore } from '../../state/run-store';
import { BackendPicker } from './BackendPicker';
import s from './backend.module.css';

/** Which tfjs backend trains, on which adapter, and a banner when WebGPU could not be used. */
export function BackendStatus() {
  const backend = useRunStore((s) => s.backend);
  const notice = useRunStore((s) => s.notice);
  // WebGPU and wasm each have a fused engine; the run's announcement says which one trains.
  const engine = useRunStore((s) =>
    s.backend?.name === 'webgpu' || s.backend?.name === 'wasm' ? s.run?.engine : undefined,
  );
  const fusedCpu = backend?.name === 'wasm' && engine?.engine === 'fused';
  const cpuThreads = fusedCpu ? engine.threads : undefined;
  const preparing = useRunStore((s) =>
    s.backend?.name === 'webgpu' ? s.run?.preparing : undefined,
  );
  return (
    <div className={s.backend}>
      <p
        role="status"
        className={
          backend?.name === 'webgpu' ? `${s.backendStatus} ${s.backendWebgpu}` : s.backendStatus
        }
      >
        {backend ? (
          <>
            Backend: <strong>{backend.name}</strong>
            {engine?.engine === 'fused' && (
              <strong>{fusedCpu ? ', fused wasm kernels' : ', fused kernels'}</strong>
            )}
            {backend.adapter && <span className={s.adapter}> — {backend.adapter}</span>}
            {cpuThreads !== undefined && (
              <span className={s.adapter}>
                {' '}
                — {cpuThreads} thread{cpuThreads === 1 ? '' : 's'}
                {cpuThreads === 1 && !crossOriginIsolated && ' (page not cross-origin isolated)'}
              </span>
            )}
            {!fusedCpu && backend.threads !== undefined && (
              <span className={s.adapter}>
                {' '}
                — {backend.threads} thread{backend.threads === 1 ? '' : 's'}
                {backend.threads === 1 &&
                  !crossOriginIsolated &&
                  ' (page not cross-origin isolated)'}
              </span>
            )}
            {backend.auto && (
              <span className={s.autoReason}>
                {' '}
                · auto: {backend.auto.reason}
                {backend.auto.cached && ' (measured on an earlier visit)'}
              </span>
            )}
          </>
        ) : (
          'Starting the training worker and choosing a backend…'
        )}
      </p>
      {preparing?.what === 'self-check' && (
        <p className={s.engineReason}>
          Checking the fused kernels against tfjs’s on this GPU: one step of a small network on
          both, compared (once per GPU)…
        </p>
      )}
      {preparing?.what === 'tuning' && (
        <p className={s.engineReason}>
          Tuning the fused kernels for this GPU: timing the matmul variants on {preparing.shapes}{' '}
          shape{preparing.shapes === 1 ? '' : 's'} (once per GPU and shape)…
        </p>
      )}
      {engine?.tuned && <p className={s.engineReason}>Fused {engine.tuned}.</p>}
      {engine?.reason && (
        <p className={s.engineReason}>
          This run trains on tfjs’s {backend?.name === 'wasm' ? 'wasm' : 'WebGPU'} kernels, not the
          fused ones: {engine.reason}.
        </p>
      )}
      <BackendPicker />
      {backend?.fallbackReason && (
        <div className="banner warning" role="alert">
          {backend.name === 'webgpu' ? (
            <>
              Training runs on <strong>webgpu</strong>, not the backend you picked.
            </>
          ) : (
            <>
              WebGPU is not available here, so training runs on <strong>{backend.name}</strong>{' '}
              instead.
            </>
          )}{' '}
          Reason: {backend.fallbackReason}.
        </div>
      )}
      {notice && (
        <div className="banner error" role="alert">
          {notice}
        </div>
      )}
    </div>
  );
}
