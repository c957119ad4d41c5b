/**
 * A trained network as an ONNX model (opset 17), for the runtimes that ship small models (ONNX
 * Runtime on phones, the web and servers; TensorRT; OpenVINO). Input `input` [batch, features]
 * float32, output `probabilities` [batch, classes]. Dense layers with every activation the editor
 * offers, the conv–pool blocks (Conv + Relu + MaxPool, then the NHWC flatten tfjs uses); dropout
 * is an identity at inference and left out. Written with ONNX's published schema (onnx-proto).
 */
import onnxProto from 'onnx-proto';
import type { Activation, InputShape, Layer } from '../layers';

const { onnx } = onnxProto;

export const ONNX_OPSET = 17;

export interface OnnxSource {
  input: InputShape;
  hidden: readonly Layer[];
  classes: number;
  /** Kernel then bias of each layer, output layer last, in tfjs's layouts ([k, k, in, out] for conv). */
  weights: readonly Float32Array[];
  /** The graph's name, e.g. "distilled student". */
  name: string;
}

/** The .onnx file's bytes. */
export function onnxModel(source: OnnxSource): Uint8Array {
  const g = new GraphBuilder();
  const { input, hidden, classes, weights } = source;
  const side = input.imageSide ?? 0;
  let x = 'input';
  let channels = 1;
  /** Whether `x` is an NCHW image (after conv blocks) rather than [batch, features]. */
  let image = false;
  let w = 0;
  const next = () => {
    const kernel = weights[w++];
    const bias = weights[w++];
    if (!kernel || !bias) throw new Error(`${source.name}: fewer weights than layers.`);
    return { kernel, bias };
  };
  for (const layer of hidden) {
    const { kernel, bias } = next();
    if (layer.kind === 'conv') {
      if (!image) {
        x = g.node('Reshape', [x, g.int64s('image_shape', [-1, 1, side, side])]);
        image = true;
      }
      const k = layer.kernel;
      const filters = layer.filters;
      const weight = g.floats(
        'conv_w',
        [filters, channels, k, k],
        toOihw(kernel, k, channels, filters),
      );
      const pad = (k - 1) / 2;
      x = g.node('Conv', [x, weight, g.floats('conv_b', [filters], bias)], {
        kernel_shape: [k, k],
        pads: [pad, pad, pad, pad],
        strides: [1, 1],
      });
      x = g.node('Relu', [x]);
      x = g.node('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] });
      channels = filters;
      continue;
    }
    x = dense(g, flat(g, x, image), kernel, bias, layer.units);
    image = false;
    x = activate(g, x, layer.activation);
  }
  const { kernel, bias } = next();
  const logits = dense(g, flat(g, x, image), kernel, bias, classes);
  g.node('Softmax', [logits], { axis: 1 }, 'probabilities');
  if (w !== weights.length) throw new Error(`${source.name}: more weights than layers.`);

  const valueInfo = (name: string, width: number) => ({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'batch' }, { dimValue: width }] },
      },
    },
  });
  const graph = onnx.GraphProto.create({
    name: source.name,
    node: g.nodes,
    initializer: g.initializers,
    input: [valueInfo('input', input.features)],
    output: [valueInfo('probabilities', classes)],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'distill-playground',
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Before a dense layer: conv output (NCHW) goes back to tfjs's NHWC order, then flat. */
function flat(g: GraphBuilder, x: string, image: boolean): string {
  if (!image) return x;
  const nhwc = g.node('Transpose', [x], { perm: [0, 2, 3, 1] });
  return g.node('Flatten', [nhwc], { axis: 1 });
}

function dense(
  g: GraphBuilder,
  x: string,
  kernel: Float32Array,
  bias: Float32Array,
  units: number,
): string {
  const fanIn = kernel.length / units;
  const z = g.node('MatMul', [x, g.floats('dense_w', [fanIn, units], kernel)]);
  return g.node('Add', [z, g.floats('dense_b', [units], bias)]);
}

function activate(g: GraphBuilder, z: string, activation: Activation): string {
  switch (activation) {
    case 'relu':
      return g.node('Relu', [z]);
    case 'tanh':
      return g.node('Tanh', [z]);
    case 'sigmoid':
      return g.node('Sigmoid', [z]);
    case 'gelu': {
      // Gelu is an operator from opset 20 only: z · ½ · (1 + erf(z / √2)), exact, as Keras's.
      const erf = g.node('Erf', [g.node('Div', [z, g.scalar('sqrt2', Math.SQRT2)])]);
      const half = g.node('Mul', [g.node('Add', [erf, g.scalar('one', 1)]), g.scalar('half', 0.5)]);
      return g.node('Mul', [z, half]);
    }
  }
}

/** tfjs's conv kernel [k, k, in, out] as ONNX's [out, in, k, k]. */
function toOihw(kernel: Float32Array, k: number, inC: number, outC: number): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let y = 0; y < k; y++) {
    for (let x = 0; x < k; x++) {
      for (let i = 0; i < inC; i++) {
        for (let o = 0; o < outC; o++) {
          out[((o * inC + i) * k + y) * k + x] = kernel[((y * k + x) * inC + i) * outC + o] ?? 0;
        }
      }
    }
  }
  return out;
}

type AttributeValue = number | number[];

/** Nodes and initializers with unique names. */
class GraphBuilder {
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private count = 0;

  /** Adds a node; returns its output's name. */
  node(
    opType: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    output = `${opType.toLowerCase()}_${this.count++}`,
  ): string {
    const attribute = Object.entries(attributes).map(([name, value]) =>
      Array.isArray(value)
        ? { name, type: onnx.AttributeProto.AttributeType.INTS, ints: value }
        : { name, type: onnx.AttributeProto.AttributeType.INT, i: value },
    );
    this.nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [output], attribute }));
    return output;
  }

  floats(stem: string, dims: number[], values: Float32Array): string {
    const name = `${stem}_${this.count++}`;
    // Little-endian float32, as ONNX's raw_data is.
    const rawData = new Uint8Array(
      values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength),
    );
    this.initializers.push(
      onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData }),
    );
    return name;
  }

  scalar(stem: string, value: number): string {
    return this.floats(stem, [], Float32Array.of(value));
  }

  int64s(stem: string, values: number[]): string {
    const name = `${stem}_${this.count++}`;
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims: [values.length],
        dataType: onnx.TensorProto.DataType.INT64,
        int64Data: values,
      }),
    );
    return name;
  }
}
