import type { ReactElement } from 'react';
import type { Series } from './series';
import { TOKENS } from '../../ui/tokens';

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
}

/**
 * A model's marker on its curve — circle, square, triangle and six more shapes for the other
 * students — so the curves stay apart for people who do not tell the colours apart. Recharts
 * calls it with each point's position.
 */
export function markerOf(look: Series): (props: DotProps) => ReactElement {
  return (props) => marker(look, props);
}

function marker({ color, shape }: Series, { cx = 0, cy = 0, index = 0 }: DotProps): ReactElement {
  // React takes `key` on its own, never spread in with the other props.
  const common = { fill: TOKENS.card, stroke: color, strokeWidth: 2 };
  const poly = (points: [number, number][]) => (
    <polygon
      key={index}
      points={points.map(([x, y]) => `${cx + x},${cy + y}`).join(' ')}
      {...common}
    />
  );
  const path = (d: string) => <path key={index} d={d} {...common} />;
  switch (shape) {
    case 'square':
      return <rect key={index} x={cx - 3.5} y={cy - 3.5} width={7} height={7} {...common} />;
    case 'triangle':
      return poly([
        [0, -4.5],
        [4.5, 3.5],
        [-4.5, 3.5],
      ]);
    case 'down':
      return poly([
        [0, 4.5],
        [4.5, -3.5],
        [-4.5, -3.5],
      ]);
    case 'diamond':
      return poly([
        [0, -5],
        [5, 0],
        [0, 5],
        [-5, 0],
      ]);
    case 'plus':
      return path(`M${cx - 5},${cy}H${cx + 5}M${cx},${cy - 5}V${cy + 5}`);
    case 'cross':
      return path(
        `M${cx - 4},${cy - 4}L${cx + 4},${cy + 4}M${cx + 4},${cy - 4}L${cx - 4},${cy + 4}`,
      );
    case 'ring':
      return <circle key={index} cx={cx} cy={cy} r={5} {...common} strokeWidth={1.5} />;
    case 'bar':
      return <rect key={index} x={cx - 5} y={cy - 2} width={10} height={4} {...common} />;
    case 'circle':
      return <circle key={index} cx={cx} cy={cy} r={3.5} {...common} />;
  }
}
