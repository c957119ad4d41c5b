import { useEffect, useMemo, useRef, useState } from 'react';
import type { BoundarySetup } from '../../protocol/analysis';
import type { ModelId } from '../../protocol/messages';
import { useModels } from '../charts/useSeries';
import { useConfigStore } from '../../state/config-store';
import { useRunStore } from '../../state/run-store';
import { Figure } from '../../ui/Figure';
import { paintMap, teacherCertainty } from './paint';
import { cssColor } from './palette';
import s from './boundary.module.css';

const SIZE = 240;

/** Three maps of the 2-D plane, side by side, redrawn as the worker sends new ones. */
export function DecisionBoundaries() {
  const boundary = useRunStore((s) => s.run?.boundary ?? null);
  const temperature = useConfigStore((s) => s.config.temperature);
  const [shade, setShade] = useState(false);
  const { ids } = useModels();
  const teacher = boundary?.maps.teacher;
  const classes = boundary?.setup.classes ?? 0;
  const certainty = useMemo(
    () => (shade && teacher ? teacherCertainty(teacher, classes, temperature) : null),
    [shade, teacher, classes, temperature],
  );
  if (!boundary) return null;
  const { setup, maps } = boundary;
  return (
    <section className="boundaries" aria-labelledby="boundaries-title">
      <h2 id="boundaries-title" className="visually-hidden">
        Decision boundaries
      </h2>
      <div className={s.boundariesHead}>
        <span className={s.legend}>
          {Array.from({ length: setup.classes }, (_, c) => (
            <span key={c}>
              <span className="swatch" style={{ background: cssColor(c) }} aria-hidden="true" />
              class {c}
            </span>
          ))}
        </span>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={shade}
            onChange={(e) => {
              setShade(e.target.checked);
            }}
          />
          Shade by the teacher’s soft-target entropy at T = {temperature}
        </label>
      </div>
      <div className={s.boundaryMaps}>
        {ids.map((role) => (
          <BoundaryMap key={role} role={role} setup={setup} map={maps[role]} shade={certainty} />
        ))}
      </div>
    </section>
  );
}

function BoundaryMap({
  role,
  setup,
  map,
  shade,
}: {
  role: ModelId;
  setup: BoundarySetup;
  map: Float32Array | undefined;
  shade: Float32Array | null;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { look } = useModels();
  useEffect(() => {
    if (canvas.current && map) paintMap(canvas.current, setup, map, shade);
  }, [setup, map, shade]);
  return (
    <Figure
      caption={`Decision boundary — ${look(role).name.toLowerCase()}`}
      empty={
        !map &&
        (role === 'teacher' ? 'Appears as the teacher trains.' : 'Appears once the students train.')
      }
    >
      <canvas
        ref={canvas}
        width={SIZE}
        height={SIZE}
        className={s.boundaryCanvas}
        role="img"
        aria-label={`Decision boundary — ${look(role).name.toLowerCase()}: predicted class over the plane, with the training points`}
      />
    </Figure>
  );
}
