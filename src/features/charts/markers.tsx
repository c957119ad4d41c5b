import type { ReactElement } from 'react';
import { MODEL_ROLES, type ModelRole } from '../../protocol/messages';
import { SERIES } from './series';
import { TOKENS } from '../../ui/tokens';

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
}

/**
 * Each model's marker on its curve: circle, square or triangle, so the curves stay apart for
 * people who do not tell the colours apart. Recharts calls these with each point's position.
 */
export const MARKERS = Object.fromEntries(
  MODEL_ROLES.map((role) => [role, (props: DotProps) => marker(role, props)]),
) as Record<ModelRole, (props: DotProps) => ReactElement>;

function marker(role: ModelRole, { cx = 0, cy = 0, index = 0 }: DotProps): ReactElement {
  const { color, shape } = SERIES[role];
  // React takes `key` on its own, never spread in with the other props.
  const common = { fill: TOKENS.card, stroke: color, strokeWidth: 2 };
  if (shape === 'square') {
    return <rect key={index} x={cx - 3.5} y={cy - 3.5} width={7} height={7} {...common} />;
  }
  if (shape === 'triangle') {
    const points = `${cx},${cy - 4.5} ${cx + 4.5},${cy + 3.5} ${cx - 4.5},${cy + 3.5}`;
    return <polygon key={index} points={points} {...common} />;
  }
  return <circle key={index} cx={cx} cy={cy} r={3.5} {...common} />;
}
