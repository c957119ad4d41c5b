/**
 * The benchmark's peer: the same training steps as our fused rows, written in jax-js (a whole-step
 * `jit` of value-and-grad plus Adam, its own fused WebGPU or wasm kernels). Dense networks, ReLU,
 * dropout on the teacher's hidden layers, batch rows resident on the device, Adam as tfjs's
 * (β₁ 0.9, β₂ 0.999, ε 1e-7). The clock belongs to the caller; `read` forces the pending work.
 */
import {
  type Array as JaxArray,
  defaultDevice,
  init,
  jit,
  nn,
  numpy as np,
  random,
  tree,
  valueAndGrad,
} from '@jax-js/jax';
import { createRng } from '../../rng';

type Layer = { w: JaxArray; b: JaxArray };
type Net = Layer[];
type Adam = { m: Net; v: Net };

/** Glorot-uniform weights, zero biases: the networks' start does not change the step's speed. */
function network(widths: readonly number[], seed: number): Net {
  const rng = createRng(seed);
  return widths.slice(1).map((units, i) => {
    const fanIn = widths[i] as number;
    const limit = Math.sqrt(6 / (fanIn + units));
    const w = Float32Array.from({ length: fanIn * units }, () => (rng.next() * 2 - 1) * limit);
    return { w: np.array(w).reshape([fanIn, units]), b: np.zeros([units]) };
  });
}

function disposeNet(net: Net): void {
  for (const l of net) {
    l.w.dispose();
    l.b.dispose();
  }
}

const zerosLike = (net: Net): Net =>
  net.map(({ w, b }) => ({ w: np.zeros(w.shape), b: np.zeros(b.shape) }));

/** Logits of `x`; with a key, inverted dropout at `rate` after every hidden layer. */
function forward(net: Net, x: JaxArray, key: JaxArray | null, rate: number): JaxArray {
  let h = x;
  const keys = key ? random.split(key, net.length) : null;
  net.forEach(({ w, b }, i) => {
    const z = np.matmul(h, w).add(b);
    if (i === net.length - 1) {
      h = z;
      return;
    }
    h = nn.relu(z);
    if (keys && rate > 0) {
      const keep = random.bernoulli(keys.ref.slice(i), 1 - rate, h.shape);
      h = h.mul(keep.astype(np.float32)).mul(1 / (1 - rate));
    }
  });
  keys?.dispose();
  return h;
}

const crossEntropy = (logits: JaxArray, oneHot: JaxArray): JaxArray =>
  np.mean(np.sum(oneHot.mul(nn.logSoftmax(logits, -1)), -1)).mul(-1);

/** Hinton's loss at T, α: α · T² · KL(teacher ‖ student) + (1 − α) · CE, batch means. */
function kdLoss(logits: JaxArray, soft: JaxArray, oneHot: JaxArray, t: number, alpha: number) {
  const p = nn.softmax(soft.ref.mul(1 / t), -1);
  const kl = np.mean(
    np.sum(
      p.ref.mul(nn.logSoftmax(soft.mul(1 / t), -1).sub(nn.logSoftmax(logits.ref.mul(1 / t), -1))),
      -1,
    ),
  );
  return kl.mul(alpha * t * t).add(crossEntropy(logits, oneHot).mul(1 - alpha));
}

/** One Adam update of every leaf; `lr` already carries the bias corrections (tfjs's form). */
function adam(net: Net, grads: Net, state: Adam, lr: JaxArray): { net: Net; state: Adam } {
  const m: Net = [];
  const v: Net = [];
  const next: Net = net.map((layer, i) => {
    const out = {} as Layer;
    for (const key of ['w', 'b'] as const) {
      const g = (grads[i] as Layer)[key];
      const m1 = (state.m[i] as Layer)[key].mul(0.9).add(g.ref.mul(0.1));
      const v1 = (state.v[i] as Layer)[key].mul(0.999).add(g.ref.mul(g).mul(0.001));
      out[key] = layer[key].sub(lr.ref.mul(m1.ref).div(np.sqrt(v1.ref).add(1e-7)));
      (m[i] ??= {} as Layer)[key] = m1;
      (v[i] ??= {} as Layer)[key] = v1;
    }
    return out;
  });
  lr.dispose();
  return { net: next, state: { m, v } };
}

/** The bias-corrected learning rate of Adam's step t (1-based). */
const stepRate = (lr: number, t: number) =>
  np.array([(lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t)]);

/** Random rows and one-hot labels, resident on the device. */
function batchOf(rows: number, features: number, classes: number, seed: number) {
  const rng = createRng(seed);
  const x = np
    .array(Float32Array.from({ length: rows * features }, () => rng.next()))
    .reshape([rows, features]);
  const y = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) y[r * classes + rng.int(classes)] = 1;
  return { x, y: np.array(y).reshape([rows, classes]) };
}

/** Both students' parameters and Adam state, as one tree. */
type Pair = { kd: Net; scratch: Net };

/**
 * The student pair's step: two dense `widths` networks without dropout on the same batch, one
 * distilled (Hinton's loss at T 4, α 0.7, from teacher logits resident on the device), one from
 * scratch; one Adam step each.
 */
export function peerStudents(widths: readonly number[], batch: number): PeerTrainer {
  const classes = widths.at(-1) as number;
  const { x, y } = batchOf(batch, widths[0] as number, classes, 4);
  const rng = createRng(5);
  const soft = np
    .array(Float32Array.from({ length: batch * classes }, () => rng.next() * 4 - 2))
    .reshape([batch, classes]);
  let nets: Pair = { kd: network(widths, 2), scratch: network(widths, 3) };
  let m: Pair = { kd: zerosLike(nets.kd), scratch: zerosLike(nets.scratch) };
  let v: Pair = { kd: zerosLike(nets.kd), scratch: zerosLike(nets.scratch) };
  // The two losses add: each network's gradient is its own loss's.
  const lossOf = (p: Pair, xb: JaxArray, yb: JaxArray, sb: JaxArray) =>
    kdLoss(forward(p.kd, xb.ref, null, 0), sb, yb.ref, 4, 0.7).add(
      crossEntropy(forward(p.scratch, xb, null, 0), yb),
    );
  const update = jit(
    (p: Pair, mp: Pair, vp: Pair, xb: JaxArray, yb: JaxArray, sb: JaxArray, lr: JaxArray) => {
      const [value, grads] = valueAndGrad(lossOf)(tree.ref(p), xb, yb, sb);
      const kd = adam(p.kd, grads.kd, { m: mp.kd, v: vp.kd }, lr.ref);
      const scratch = adam(p.scratch, grads.scratch, { m: mp.scratch, v: vp.scratch }, lr);
      return {
        value,
        nets: { kd: kd.net, scratch: scratch.net },
        m: { kd: kd.state.m, scratch: scratch.state.m },
        v: { kd: kd.state.v, scratch: scratch.state.v },
      };
    },
  );
  return trainer(
    (t) => {
      const out = update(nets, m, v, x.ref, y.ref, soft.ref, stepRate(1e-3, t));
      ({ nets, m, v } = out);
      return out.value;
    },
    () => {
      for (const pair of [nets, m, v]) {
        for (const net of [pair.kd, pair.scratch]) disposeNet(net);
      }
      for (const a of [x, y, soft]) a.dispose();
    },
  );
}

export interface PeerTrainer {
  /** Queues one training step. */
  step(): void;
  /** Waits until every queued step is done (a read-back of the loss). */
  read(): Promise<number>;
  dispose(): void;
}

/** A trainer of `stepAt` (Adam's step t, 1-based, in; the step's loss out), `release` its arrays. */
function trainer(stepAt: (t: number) => JaxArray, release: () => void): PeerTrainer {
  let t = 0;
  let loss: JaxArray | null = null;
  return {
    step() {
      t += 1;
      loss?.dispose();
      loss = stepAt(t);
    },
    async read() {
      if (!loss) return 0;
      return ((await loss.ref.data()) as Float32Array)[0] ?? 0;
    },
    dispose() {
      loss?.dispose();
      release();
    },
  };
}

/** The teacher's step: dense `widths` with dropout `rate`, cross-entropy, Adam 1e-3. */
export function peerTeacher(widths: readonly number[], rate: number, batch: number): PeerTrainer {
  const { x, y } = batchOf(batch, widths[0] as number, widths.at(-1) as number, 3);
  let net = network(widths, 1);
  let state: Adam = { m: zerosLike(net), v: zerosLike(net) };
  const seed = 7;
  const lossOf = (p: Net, xb: JaxArray, yb: JaxArray, k: JaxArray) =>
    crossEntropy(forward(p, xb, k, rate), yb);
  const update = jit((p: Net, s: Adam, xb: JaxArray, yb: JaxArray, k: JaxArray, lr: JaxArray) => {
    const [value, grads] = valueAndGrad(lossOf)(tree.ref(p), xb, yb, k);
    return { value, ...adam(p, grads, s, lr) };
  });
  return trainer(
    (t) => {
      // A fresh key a step: the masks differ, as tfjs's do, at the cost of one tiny upload.
      const out = update(net, state, x.ref, y.ref, random.key(seed + t), stepRate(1e-3, t));
      ({ net, state } = out);
      return out.value;
    },
    () => {
      for (const tree of [net, state.m, state.v]) disposeNet(tree);
      x.dispose();
      y.dispose();
    },
  );
}

/** Samples a second of `trainer` after `warmup` steps: `steps` steps, the clock stopped on a read. */
export async function timePeer(
  trainer: PeerTrainer,
  opts: { warmup: number; steps: number; batch: number },
): Promise<number> {
  for (let i = 0; i < opts.warmup; i++) trainer.step();
  await trainer.read();
  const start = performance.now();
  for (let i = 0; i < opts.steps; i++) trainer.step();
  const loss = await trainer.read();
  if (!Number.isFinite(loss)) throw new Error(`jax-js's loss is ${loss}`);
  return (opts.steps * opts.batch * 1000) / (performance.now() - start);
}

/** Starts jax-js on `device` ('webgpu': the adapter navigator.gpu gives, Dawn's in Node). */
export async function startPeer(device: 'webgpu' | 'wasm'): Promise<void> {
  const available = await init(device);
  if (!available.includes(device)) throw new Error(`jax-js could not start ${device}`);
  defaultDevice(device);
}

/**
 * jax-js's samples a second, on WebGPU, on the teacher's step (dense `teacher` widths, dropout
 * `rate`) and on the student pair's (`student` widths): what the Chromium bench's worker reports.
 */
export async function timePeerPair(
  nets: { teacher: readonly number[]; rate: number; student: readonly number[] },
  opts: { warmup: number; steps: number; batch: number },
): Promise<{ teacher: number; students: number }> {
  await startPeer('webgpu');
  const time = async (trainer: PeerTrainer) => {
    try {
      return await timePeer(trainer, opts);
    } finally {
      trainer.dispose();
    }
  };
  const teacher = await time(peerTeacher(nets.teacher, nets.rate, opts.batch));
  return { teacher, students: await time(peerStudents(nets.student, opts.batch)) };
}
