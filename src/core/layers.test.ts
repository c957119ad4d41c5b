import { describe, expect, it } from 'vitest';
import {
  conv,
  dense,
  denseStack,
  describeNetwork,
  formatLayers,
  layersProblem,
  macCount,
  trainingMacCount,
  parameterCount,
  parseLayers,
  weightShapes,
  withAddedLayer,
} from './layers';
import { fp32Bytes, formatBytes } from './size';
import { DEFAULT_CONFIG } from './config';
import { validateConfig } from './config-check';

const MNIST = { features: 784, imageSide: 28 };
const TABLE = { features: 2 };

describe('parseLayers / formatLayers', () => {
  it('reads units, activations, dropout and conv blocks, and writes them back', () => {
    expect(parseLayers(' 512, 512 ')).toEqual({ ok: true, layers: denseStack([512, 512]) });
    const text = 'c8x3, c16x5, 128gelu/0.25, 64tanh, 10sigmoid, 32/0.5';
    const parsed = parseLayers(text);
    expect(parsed).toEqual({
      ok: true,
      layers: [
        conv(8, 3),
        conv(16, 5),
        dense(128, 'gelu', 0.25),
        dense(64, 'tanh'),
        dense(10, 'sigmoid'),
        dense(32, 'relu', 0.5),
      ],
    });
    if (parsed.ok) expect(formatLayers(parsed.layers)).toBe(text);
  });

  it('treats an empty field as no hidden layer', () => {
    expect(parseLayers('   ')).toEqual({ ok: true, layers: [] });
  });

  it.each([
    ['12,,x', /Empty entry at layer 2/],
    ['12, x', /"x" at layer 2 is neither units/],
    ['1.5', /"1.5" at layer 1/],
    ['-4', /"-4" at layer 1/],
    ['64swish', /"64swish" at layer 1/],
    ['c8', /"c8" at layer 1 .* conv block \(e\.g\. c8x3\)/],
    ['1,1,1,1,1,1,1,1,1', /At most 8 hidden layers \(got 9\)/],
  ])('rejects %j with a message naming the entry', (text, message) => {
    const result = parseLayers(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('layersProblem', () => {
  it.each([
    [[dense(0)], TABLE, /^Layer 1: units must be a whole number from 1 to 4096/],
    [[dense(8), dense(100_000)], TABLE, /^Layer 2: units/],
    [[dense(8, 'relu', 0.95)], TABLE, /^Layer 1: dropout must be between 0 and 0.9/],
    [[conv(8)], TABLE, /^Layer 1: conv blocks need image data/],
    [[dense(8), conv(8)], MNIST, /^Layer 2: conv blocks must come before the dense layers/],
    [[conv(0)], MNIST, /^Layer 1: filters must be a whole number from 1 to 256/],
    [[conv(8, 4)], MNIST, /^Layer 1: kernel must be 1, 3, 5, 7/],
    // 28 → 14 → 7 → 3 → 1 → 0
    [[conv(2), conv(2), conv(2), conv(2), conv(2)], MNIST, /^Layer 5: the image is pooled down/],
  ])('names the layer and the problem (%#)', (layers, input, message) => {
    expect(layersProblem(layers, input)).toMatch(message);
  });

  it('accepts conv blocks then dense layers on images, and plain stacks anywhere', () => {
    expect(layersProblem([conv(8), conv(16), dense(64, 'gelu', 0.3)], MNIST)).toBeNull();
    expect(layersProblem([conv(2), conv(2), conv(2), conv(2)], MNIST)).toBeNull();
    expect(layersProblem(denseStack([512, 512], 0.3), TABLE)).toBeNull();
    expect(layersProblem([], TABLE)).toBeNull();
  });
});

describe('network shapes and sizes', () => {
  it('counts weights and biases of every dense layer', () => {
    // The reference MNIST teacher (docs/architecture.md): 784·512+512 + 512·512+512 + 512·10+10.
    expect(parameterCount(MNIST, denseStack([512, 512]), 10)).toBe(669_706);
    expect(parameterCount(MNIST, denseStack([32]), 10)).toBe(25_450);
    expect(parameterCount(TABLE, [], 3)).toBe(9);
    expect(fp32Bytes(25_450)).toBe(101_800);
  });

  it('gives a CNN its kernel shapes and parameter count (same padding, 2×2 pooling)', () => {
    const cnn = [conv(8, 3), conv(16, 5), dense(64)];
    expect(weightShapes(MNIST, cnn, 10)).toEqual([
      { kernel: [3, 3, 1, 8], bias: 8 },
      { kernel: [5, 5, 8, 16], bias: 16 },
      // 28 → 14 → 7: the flattened 7·7·16 feeds the dense layer.
      { kernel: [784, 64], bias: 64 },
      { kernel: [64, 10], bias: 10 },
    ]);
    expect(parameterCount(MNIST, cnn, 10)).toBe(
      3 * 3 * 8 + 8 + 5 * 5 * 8 * 16 + 16 + 784 * 64 + 64 + 650,
    );
    // Conv straight into the output layer.
    expect(weightShapes(MNIST, [conv(4)], 10).at(-1)).toEqual({
      kernel: [14 * 14 * 4, 10],
      bias: 10,
    });
  });

  it('describes the network as the hint shows it', () => {
    expect(describeNetwork(MNIST, [conv(8), dense(64, 'tanh')], 10)).toBe(
      '28×28 → conv8 3×3 → 64 tanh → 10',
    );
    expect(describeNetwork(TABLE, denseStack([4]), 3)).toBe('2 → 4 → 3');
  });

  it('adds dense layers at the end and conv blocks after the last conv block', () => {
    expect(withAddedLayer([dense(16, 'tanh')], 'dense')).toEqual([dense(16, 'tanh'), dense(16)]);
    expect(withAddedLayer([conv(8), dense(64)], 'conv')).toEqual([conv(8), conv(16), dense(64)]);
    expect(withAddedLayer([dense(64)], 'conv')).toEqual([conv(8), dense(64)]);
  });

  it('formats bytes with decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(101_800)).toBe('101.8 KB');
    expect(formatBytes(2_678_824)).toBe('2.68 MB');
  });
});

describe('macCount', () => {
  const image = { features: 784, imageSide: 28 };

  it('counts a dense network’s matmuls: in × out, layer by layer', () => {
    // 784·512 + 512·512 + 512·10, the MNIST teacher; 2·4 + 4·2 a Moons student.
    expect(macCount(image, denseStack([512, 512], 0.3), 10)).toBe(401_408 + 262_144 + 5_120);
    expect(macCount({ features: 2 }, denseStack([4]), 2)).toBe(16);
  });

  it('counts each conv block at every output position of its image, before pooling', () => {
    // 28²·3²·1·8, then 14²·3²·8·16, then 7·7·16 = 784 inputs to 64 units, then 64·10.
    const cnn = [conv(8, 3), conv(16, 3), dense(64, 'relu', 0.3)];
    expect(macCount(image, cnn, 10)).toBe(56_448 + 225_792 + 50_176 + 640);
    // A 5 × 5 kernel: 28²·5²·1·4, then 14·14·4 = 784 inputs to the 10 classes.
    expect(macCount(image, [conv(4, 5)], 10)).toBe(78_400 + 7_840);
  });
});

describe('trainingMacCount', () => {
  const image = { features: 784, imageSide: 28 };

  it('adds the weights’ gradients and every input gradient but the first layer’s', () => {
    // 2-4-2: forward 8 + 8, weight gradients 8 + 8, the second layer's input gradient 8.
    expect(trainingMacCount({ features: 2 }, denseStack([4]), 2)).toBe(16 + 16 + 8);
    // The conv net above: three times its forward count, less the first block's.
    const forward = 56_448 + 225_792 + 50_176 + 640;
    const cnn = [conv(8, 3), conv(16, 3), dense(64, 'relu', 0.3)];
    expect(trainingMacCount(image, cnn, 10)).toBe(3 * forward - 56_448);
  });
});

describe('validateConfig', () => {
  it('accepts the defaults', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual({});
  });

  it('names each out-of-range or non-integer field', () => {
    const errors = validateConfig({
      ...DEFAULT_CONFIG,
      temperature: 0.5,
      batchSize: 12.5,
      learningRate: Number.NaN,
      teacherHidden: denseStack([4096, 4096, 4096]),
      studentHidden: [dense(32), conv(4)],
    });
    expect(errors.temperature).toMatch(/between 1 and 20/);
    expect(errors.batchSize).toMatch(/whole number/);
    expect(errors.learningRate).toMatch(/Enter a number/);
    expect(errors.teacherHidden).toMatch(/more than the limit/);
    expect(errors.studentHidden).toMatch(/must come before the dense layers/);
    expect(errors.alpha).toBeUndefined();
  });
});
