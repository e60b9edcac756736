// The wait-for graph of one PostgreSQL deadlock as SVG: processes (pid) as nodes, waiter→blocker edges labelled
// with lock mode and target, the cycle in red, the victim ringed. All text is SVG text, never markup.
import { useId } from 'react';
import type { DeadlockReport } from '@/lib/deadlock';
import { layoutWaitGraph } from './waitGraph';

const CYCLE = '#e03131';
const EDGE = '#868e96';
const MAX_LABEL = 56;

export function DeadlockGraph({ report, width = 560 }: { report: DeadlockReport; width?: number }) {
  const graph = layoutWaitGraph(report, width);
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const description = `Wait-for graph: ${graph.nodes.length} processes, ${graph.edges.length} waits${report.victimPid !== null ? `; process ${report.victimPid} received the error` : ''}.`;
  return (
    <svg
      viewBox={`0 0 ${graph.width} ${graph.height}`}
      width="100%"
      role="img"
      aria-label={description}
      data-testid="deadlock-graph"
      style={{ maxWidth: graph.width, fontFamily: 'system-ui, sans-serif', overflow: 'visible' }}
    >
      <defs>
        {[
          ['cycle', CYCLE],
          ['plain', EDGE],
        ].map(([name, color]) => (
          <marker
            key={name}
            id={`${id}-${name}`}
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
          </marker>
        ))}
      </defs>
      {graph.edges.map((e, i) => (
        <g key={i} data-edge={`${e.edge.waiterPid}->${e.edge.blockerPid}`} data-cycle={e.inCycle ? 'true' : 'false'}>
          <title>{`Process ${e.edge.waiterPid} waits for ${e.edge.lockMode} on ${e.edge.target.text}; blocked by process ${e.edge.blockerPid}`}</title>
          <path
            d={e.path}
            fill="none"
            stroke={e.inCycle ? CYCLE : EDGE}
            strokeWidth={e.inCycle ? 2.5 : 1.5}
            markerEnd={`url(#${id}-${e.inCycle ? 'cycle' : 'plain'})`}
          />
          <text
            x={e.labelX}
            y={e.labelY}
            textAnchor="middle"
            fontSize="11"
            fill="currentColor"
            paintOrder="stroke"
            stroke="var(--mantine-color-body, #fff)"
            strokeWidth={4}
          >
            {e.label.length > MAX_LABEL ? `${e.label.slice(0, MAX_LABEL - 1)}…` : e.label}
          </text>
        </g>
      ))}
      {graph.nodes.map((n) => (
        <g
          key={n.pid}
          data-pid={n.pid}
          data-victim={n.victim ? 'true' : 'false'}
          data-cycle={n.inCycle ? 'true' : 'false'}
        >
          {n.victim && (
            <circle
              cx={n.x}
              cy={n.y}
              r={graph.nodeRadius + 5}
              fill="none"
              stroke={CYCLE}
              strokeWidth={2}
              strokeDasharray="4 3"
            />
          )}
          <circle
            cx={n.x}
            cy={n.y}
            r={graph.nodeRadius}
            fill={n.victim ? '#fff5f5' : '#f1f3f5'}
            stroke={n.inCycle ? CYCLE : EDGE}
            strokeWidth={2}
          />
          <text x={n.x} y={n.y + 4} textAnchor="middle" fontSize="12" fontWeight={600} fill="#212529">
            {n.pid}
          </text>
          {n.victim && (
            <text x={n.x} y={n.y + graph.nodeRadius + 18} textAnchor="middle" fontSize="11" fill={CYCLE}>
              received the error
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
