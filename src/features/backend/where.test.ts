import { describe, expect, it } from 'vitest';
import { whereTrainingRuns } from './where';

describe('whereTrainingRuns', () => {
  it('says GPU only where there is one', () => {
    expect(whereTrainingRuns({ name: 'webgpu', adapter: 'nvidia · hopper' })).toBe(
      'on your GPU (WebGPU)',
    );
    expect(
      whereTrainingRuns({
        name: 'webgpu',
        adapter: 'google · swiftshader (software fallback adapter)',
      }),
    ).toMatch(/^on WebGPU through a software adapter/);
    expect(whereTrainingRuns({ name: 'webgl' })).toBe('on your GPU (WebGL)');
  });
  it('names the CPU, and why WebGPU was passed over', () => {
    const ranking = [
      { name: 'wasm' as const, samplesPerSecond: 900 },
      { name: 'webgpu' as const, samplesPerSecond: 150 },
    ];
    const reason = 'wasm trains 6.0× faster here than webgpu, which this browser runs in software';
    expect(whereTrainingRuns({ name: 'wasm', auto: { ranking, reason, cached: false } })).toBe(
      'on this computer’s CPU (wasm): this browser’s WebGPU is a software fallback, slower here',
    );
    expect(
      whereTrainingRuns({ name: 'wasm', auto: { ranking, reason: 'faster', cached: false } }),
    ).toBe('on this computer’s CPU (wasm): WebGPU measured slower here for these networks');
    expect(whereTrainingRuns({ name: 'cpu', fallbackReason: 'webgpu: missing' })).toBe(
      'on this computer’s CPU (plain JavaScript): WebGPU is not available here',
    );
    expect(whereTrainingRuns(null)).toMatch(/choosing one now/);
  });
});
