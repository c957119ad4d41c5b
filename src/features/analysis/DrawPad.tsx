import { useRef, useState } from 'react';
import { preprocessDigit } from '../../core/data/digit';
import type { ModelId } from '../../protocol/messages';
import { useWorkerRequest } from '../../worker-client/use-request';
import { DigitImage } from './DigitImage';
import { PredictionStrips } from './PredictionStrips';
import s from './draw.module.css';

const PAD = 280;
/** About MNIST's stroke once the digit is scaled into its 20×20 box. */
const STROKE = 18;
/** Predictions while drawing, at most this often; one more when the stroke ends. */
const PREDICT_INTERVAL_MS = 120;

/**
 * A 280×280 drawing pad. The ink is prepared like an MNIST digit (core/data/digit) and every
 * trained model of run `runId` predicts it in the worker while the person draws.
 */
export function DrawPad({ runId }: { runId: number }) {
  const { error, send } = useWorkerRequest();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const lastPoint = useRef<{ x: number; y: number } | null>(null);
  const lastSent = useRef(0);
  /** Bumped by Clear, so a prediction of the cleared drawing is not shown. */
  const drawingId = useRef(0);
  const [digit, setDigit] = useState<Float32Array | null>(null);
  const [probabilities, setProbabilities] = useState<Partial<Record<ModelId, number[]>> | null>(
    null,
  );

  const context = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  const predict = () => {
    const ctx = context();
    if (!ctx) return;
    lastSent.current = performance.now();
    const { data } = ctx.getImageData(0, 0, PAD, PAD);
    const ink = new Float32Array(PAD * PAD);
    for (let i = 0; i < ink.length; i++) ink[i] = (data[i * 4 + 3] ?? 0) / 255;
    const prepared = preprocessDigit(ink, PAD, PAD);
    setDigit(prepared);
    if (!prepared) return;
    const id = drawingId.current;
    void send({ type: 'predict', runId, features: prepared }).then((answer) => {
      if (answer && id === drawingId.current) setProbabilities(answer.probabilities);
    });
  };

  const pointAt = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return {
      x: ((e.clientX - box.left) / box.width) * PAD,
      y: ((e.clientY - box.top) / box.height) * PAD,
    };
  };

  const strokeTo = (p: { x: number; y: number }) => {
    const ctx = context();
    if (!ctx) return;
    const from = lastPoint.current ?? p;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = STROKE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    lastPoint.current = p;
  };

  const clear = () => {
    context()?.clearRect(0, 0, PAD, PAD);
    drawingId.current += 1;
    setDigit(null);
    setProbabilities(null);
  };

  return (
    <section className={`chart ${s.draw}`} aria-label="Draw a digit">
      <h3 className="caption-title">Draw a digit</h3>
      <p className="caption-note">
        Draw with the mouse, a pen or a finger. The stroke is prepared like MNIST (ink box scaled to
        20×20, centred by mass in 28×28) and every model predicts it live.
      </p>
      <div className={s.drawBody}>
        <div>
          <canvas
            ref={canvas}
            className={s.drawPad}
            width={PAD}
            height={PAD}
            aria-label="Drawing pad"
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              drawing.current = true;
              lastPoint.current = null;
              strokeTo(pointAt(e));
            }}
            onPointerMove={(e) => {
              if (!drawing.current) return;
              strokeTo(pointAt(e));
              if (performance.now() - lastSent.current > PREDICT_INTERVAL_MS) predict();
            }}
            onPointerUp={() => {
              drawing.current = false;
              predict();
            }}
          />
          <div className={s.drawActions}>
            <button type="button" onClick={clear}>
              Clear
            </button>
            {digit && <DigitImage pixels={digit} label="What the models see" size={56} />}
          </div>
        </div>
        <PredictionStrips probabilities={probabilities} drawn={digit !== null} />
      </div>
      {error && (
        <p className="field-error" role="alert">
          The models could not predict this drawing: {error}
        </p>
      )}
    </section>
  );
}
