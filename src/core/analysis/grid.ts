/** The plane a 2-D dataset lives in, sampled as a grid for decision-boundary maps. Pure. */

export interface GridBounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Share of the data's extent added on each side, so points never sit on the map's edge. */
const MARGIN = 0.1;

/** The data's bounding box (x = feature 0, y = feature 1) widened by the margin. */
export function gridBounds(points: Float32Array): GridBounds {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i] as number;
    const y = points[i + 1] as number;
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  if (!Number.isFinite(xMin)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const padX = Math.max((xMax - xMin) * MARGIN, 1e-3);
  const padY = Math.max((yMax - yMin) * MARGIN, 1e-3);
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

/**
 * Cell centres of a `resolution`² grid, row-major from the top (largest y) down, as [x, y] pairs:
 * row r of the map is drawn as row r of the canvas.
 */
export function gridPoints(bounds: GridBounds, resolution: number): Float32Array {
  const out = new Float32Array(resolution * resolution * 2);
  const dx = (bounds.xMax - bounds.xMin) / resolution;
  const dy = (bounds.yMax - bounds.yMin) / resolution;
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      const i = (r * resolution + c) * 2;
      out[i] = bounds.xMin + (c + 0.5) * dx;
      out[i + 1] = bounds.yMax - (r + 0.5) * dy;
    }
  }
  return out;
}

/** Where a data point falls on a canvas of `width` × `height` showing `bounds`. */
export function toCanvas(
  bounds: GridBounds,
  x: number,
  y: number,
  width: number,
  height: number,
): { px: number; py: number } {
  return {
    px: ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * width,
    py: ((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * height,
  };
}
