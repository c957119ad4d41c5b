import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { explainChoice, modelShape, shapeKey, trainingKernels } from './backend-choice';
import { DEFAULT_CONFIG } from './config';
import { conv, dense } from './layers';

describe('backend choice', () => {
  it('keys a choice on input, layers, classes and batch', () => {
    const shape = modelShape(DEFAULT_CONFIG);
    expect(shapeKey(shape)).toBe('w784:512,512:32:10@128');
    expect(shapeKey(modelShape({ ...DEFAULT_CONFIG, dataset: 'spiral', studentHidden: [] }))).toBe(
      'w2:512,512::3@128',
    );
    const cnn = { ...DEFAULT_CONFIG, teacherHidden: [conv(8), dense(64, 'gelu')] };
    expect(shapeKey(modelShape(cnn))).toBe('w784:c8x3,64gelu:32:10@128');
  });

  it('explains the winner against WebGPU when WebGPU lost, naming a software adapter', () => {
    const ranking = [
      { name: 'webgl', samplesPerSecond: 2150 },
      { name: 'wasm', samplesPerSecond: 900 },
      { name: 'webgpu', samplesPerSecond: 219.4 },
    ];
    expect(explainChoice(ranking, true)).toBe(
      'webgl trains 9.8× faster here than webgpu, which this browser runs in software (no GPU access)',
    );
    expect(explainChoice(ranking, false)).toBe('webgl trains 9.8× faster here than webgpu');
  });

  it('names the fused engine a backend was measured on', () => {
    const ranking = [
      { name: 'wasm', samplesPerSecond: 3540, fused: true },
      { name: 'webgpu', samplesPerSecond: 200, fused: true },
      { name: 'webgl', samplesPerSecond: 150 },
    ];
    expect(explainChoice(ranking, true)).toBe(
      'wasm (fused CPU engine) trains 17.7× faster here than webgpu (fused kernels), which this browser runs in software (no GPU access)',
    );
    expect(explainChoice(ranking.slice(0, 1), true)).toBe(
      'wasm (fused CPU engine) is the only backend that started',
    );
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
    ).toBe('webgpu trains 2.5× faster here than webgl');
    expect(explainChoice([{ name: 'wasm', samplesPerSecond: 10 }], false)).toBe(
      'wasm is the only backend that started',
    );
    expect(explainChoice([], false)).toBe('no backend could be measured');
  });
});

describe('conv training per backend', () => {
  it('names the kernels a conv block needs, which tfjs has on cpu and webgl and not on wasm', () => {
    const needed = trainingKernels({ teacherHidden: [conv(4)], studentHidden: [] });
    expect(needed).toContain('Conv2DBackpropFilter');
    expect(trainingKernels({ teacherHidden: [dense(4)], studentHidden: [] })).toEqual([]);
    // On wasm the fused CPU engine trains conv blocks (engine-choice.ts); tfjs's kernels cannot.
    for (const backend of ['cpu', 'webgl', 'wasm']) {
      const lacks = needed.some((k) => !(tf.getKernel(k, backend) as tf.KernelConfig | undefined));
      expect([backend, lacks]).toEqual([backend, backend === 'wasm']);
    }
  });
});
