import { useEffect, useRef } from 'react';
import { DIGIT_SIDE } from '../../core/datasets';
import s from './analysis.module.css';

/** A 28×28 intensity image in [0, 1], drawn dark on light and scaled without smoothing. */
export function DigitImage({
  pixels,
  size = 56,
  label,
}: {
  pixels: Float32Array;
  size?: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(DIGIT_SIDE, DIGIT_SIDE);
    for (let i = 0; i < DIGIT_SIDE * DIGIT_SIDE; i++) {
      const v = 255 - Math.round((pixels[i] ?? 0) * 255);
      image.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={ref}
      className={s.digitImage}
      width={DIGIT_SIDE}
      height={DIGIT_SIDE}
      style={{ width: size, height: size }}
      role="img"
      aria-label={label}
    />
  );
}

/** A test row as a person can read it: the digit image, or the point's coordinates. */
export function SampleView({
  features,
  label,
  size,
}: {
  features: Float32Array;
  label: string;
  size?: number;
}) {
  if (features.length === DIGIT_SIDE * DIGIT_SIDE) {
    return <DigitImage pixels={features} label={label} size={size} />;
  }
  return (
    <span className={s.samplePoint} aria-label={label}>
      ({Array.from(features, (v) => v.toFixed(2)).join(', ')})
    </span>
  );
}
