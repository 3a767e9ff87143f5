import type { CriterionModeration } from '../../../../shared/scoring';
import { describeSpread, spreadDots } from './spread';

const RADIUS = 5;
const GAP = 2;
const PAD = 12;

/**
 * The spread of a criterion's scores on the 0–3 scale: one dot per member's score, stacked where
 * scores are equal, and a dashed line at the median. The words read out instead say the same.
 */
export function DotPlot({ row, width = 150 }: { row: CriterionModeration; width?: number }) {
  const dots = spreadDots(row.scores.map((s) => s.score));
  const tallest = dots.reduce((most, dot) => Math.max(most, dot.stack + 1), 1);
  const step = (width - 2 * PAD) / 3;
  const x = (score: number) => PAD + score * step;
  const axisY = 6 + tallest * (2 * RADIUS + GAP);
  const height = axisY + 20;
  return (
    <svg
      className="dot-plot"
      role="img"
      aria-label={describeSpread(row)}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <line x1={PAD} x2={width - PAD} y1={axisY} y2={axisY} stroke="currentColor" strokeWidth={1.5} />
      {[0, 1, 2, 3].map((score) => (
        <g key={score}>
          <line
            x1={x(score)}
            x2={x(score)}
            y1={axisY}
            y2={axisY + 4}
            stroke="currentColor"
            strokeWidth={1.5}
          />
          <text x={x(score)} y={axisY + 17} textAnchor="middle" fontSize={13} fill="currentColor">
            {score}
          </text>
        </g>
      ))}
      {row.median !== null && (
        <line
          x1={x(row.median)}
          x2={x(row.median)}
          y1={2}
          y2={axisY}
          stroke="currentColor"
          strokeWidth={1.5}
          strokeDasharray="3 3"
          className="dot-plot-median"
        />
      )}
      {dots.map((dot, i) => (
        <circle
          key={i}
          cx={x(dot.score)}
          cy={axisY - RADIUS - GAP - dot.stack * (2 * RADIUS + GAP)}
          r={RADIUS}
          className="dot-plot-dot"
          fill="currentColor"
        />
      ))}
    </svg>
  );
}
