import type { BackendReport } from '../../protocol/messages';

/**
 * Where training actually runs, in plain words: the GPU only when WebGPU or WebGL has one, the
 * CPU otherwise, and why when the automatic choice passed over a software WebGPU.
 */
export function whereTrainingRuns(backend: BackendReport | null): string {
  if (!backend) return 'on the fastest backend this browser offers (choosing one now)';
  const software = backend.adapter?.includes('software') === true;
  switch (backend.name) {
    case 'webgpu':
      return software
        ? 'on WebGPU through a software adapter: this browser has no GPU access, so expect it to be slow'
        : 'on your GPU (WebGPU)';
    case 'webgl':
      return 'on your GPU (WebGL)';
    case 'wasm':
    case 'cpu': {
      const engine = backend.name === 'wasm' ? 'wasm' : 'plain JavaScript';
      const auto = backend.auto;
      const skipped = auto?.ranking.some((r) => r.name === 'webgpu')
        ? auto.reason.includes('software')
          ? ': this browser’s WebGPU is a software fallback, slower here'
          : ': WebGPU measured slower here for these networks'
        : backend.fallbackReason
          ? ': WebGPU is not available here'
          : '';
      return `on this computer’s CPU (${engine})${skipped}`;
    }
  }
}
