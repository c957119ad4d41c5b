import { toCanvas } from '../../core/analysis/grid';
import type { BoundarySetup } from '../../protocol/analysis';
import { classColor, cssColor } from './palette';

/**
 * Per cell: the predicted class's colour, strong where the map's model is sure and pale where it
 * is not. With `shade`, the strength comes from `shade` instead (the teacher's certainty).
 */
export function paintMap(
  canvas: HTMLCanvasElement,
  setup: BoundarySetup,
  probabilities: Float32Array,
  shade: Float32Array | null,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { resolution: res, classes } = setup;
  const cells = new ImageData(res, res);
  for (let i = 0; i < res * res; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if ((probabilities[i * classes + c] ?? 0) > (probabilities[i * classes + best] ?? 0))
        best = c;
    }
    const top = probabilities[i * classes + best] ?? 0;
    // 1/classes (a guess) → 0; certainty → 1.
    const sure = shade ? (shade[i] ?? 0) : (top - 1 / classes) / (1 - 1 / classes);
    const strength = 0.15 + 0.6 * Math.max(0, Math.min(1, sure));
    const [r, g, b] = classColor(best);
    cells.data.set(
      [255 + (r - 255) * strength, 255 + (g - 255) * strength, 255 + (b - 255) * strength, 255],
      i * 4,
    );
  }
  const small = new OffscreenCanvas(res, res);
  small.getContext('2d')?.putImageData(cells, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);

  const { points, labels, bounds } = setup;
  for (let i = 0; i < labels.length; i++) {
    const { px, py } = toCanvas(
      bounds,
      points[2 * i] ?? 0,
      points[2 * i + 1] ?? 0,
      canvas.width,
      canvas.height,
    );
    ctx.beginPath();
    ctx.arc(px, py, 2.6, 0, 2 * Math.PI);
    ctx.fillStyle = cssColor(labels[i] ?? 0);
    ctx.fill();
    ctx.lineWidth = 0.8;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
  }
}

/**
 * 1 − the normalized entropy of the teacher's soft targets at temperature T per cell, from its
 * T = 1 probabilities: softmax(z / T) is p^(1/T) renormalized.
 */
export function teacherCertainty(
  probabilities: Float32Array,
  classes: number,
  temperature: number,
): Float32Array {
  const cells = probabilities.length / classes;
  const out = new Float32Array(cells);
  const maxEntropy = Math.log(classes);
  for (let i = 0; i < cells; i++) {
    let sum = 0;
    const soft: number[] = [];
    for (let c = 0; c < classes; c++) {
      const v = Math.pow(Math.max(probabilities[i * classes + c] ?? 0, 1e-30), 1 / temperature);
      soft.push(v);
      sum += v;
    }
    let h = 0;
    for (const v of soft) {
      const p = v / sum;
      if (p > 0) h -= p * Math.log(p);
    }
    out[i] = 1 - h / maxEntropy;
  }
  return out;
}
