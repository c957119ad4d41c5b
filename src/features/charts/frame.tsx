import type { ReactElement } from 'react';
import { CartesianGrid, ResponsiveContainer } from 'recharts';
import { TOKENS } from '../../ui/tokens';

/** What every chart on the page shares: its frame, grid lines, axis text and usual margin. */

/** Full width at a fixed height: the card sets the width, the chart its own height. */
export function ChartFrame({ height, children }: { height: number; children: ReactElement }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}

/** Grid lines in the page's line colour; a bar chart turns off the lines along its bars. */
export function ChartGrid(props: { vertical?: boolean; horizontal?: boolean }) {
  return <CartesianGrid stroke={TOKENS.line} {...props} />;
}

export const axisTick = { fontSize: 12, fill: TOKENS.muted };

export const CHART_MARGIN = { top: 8, right: 16, bottom: 4, left: 0 };
