import { describe, expect, it } from 'vitest';
import { explainChoice, modelShape, shapeKey } from './backend-choice';
import { DEFAULT_CONFIG } from './config';

describe('backend choice', () => {
  it('keys a choice on input, layers, classes and batch', () => {
    const shape = modelShape(DEFAULT_CONFIG);
    expect(shapeKey(shape)).toBe('784:512,512:32:10@128');
    expect(shapeKey(modelShape({ ...DEFAULT_CONFIG, dataset: 'spiral', studentHidden: [] }))).toBe(
      '2:512,512::3@128',
    );
  });

  it('explains the winner against WebGPU when WebGPU lost, naming a software adapter', () => {
    const ranking = [
      { name: 'webgl', samplesPerSecond: 2150 },
      { name: 'wasm', samplesPerSecond: 900 },
      { name: 'webgpu', samplesPerSecond: 219.4 },
    ];
    expect(explainChoice(ranking, true)).toBe(
      'webgl: 9.8× faster than webgpu on this device (software adapter)',
    );
    expect(explainChoice(ranking, false)).toBe('webgl: 9.8× faster than webgpu on this device');
  });

  it('compares with the runner-up when WebGPU won or was absent', () => {
    expect(
      explainChoice(
        [
          { name: 'webgpu', samplesPerSecond: 5000 },
          { name: 'webgl', samplesPerSecond: 2000 },
        ],
        false,
      ),
    ).toBe('webgpu: 2.5× faster than webgl on this device');
    expect(explainChoice([{ name: 'wasm', samplesPerSecond: 10 }], false)).toBe(
      'wasm: the only backend that started',
    );
    expect(explainChoice([], false)).toBe('no backend could be measured');
  });
});
