// The deadlock as a compact text block for the LLM prompt: facts first, then the analysis's reading.
import type { DeadlockAnalysis } from './analyse';
import type { DeadlockReport } from './types';

const MAX_EDGES = 12;
const MAX_QUERY = 300;

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export function deadlockPromptSection(report: DeadlockReport, analysis: DeadlockAnalysis): string {
  const lines = [
    `## PostgreSQL deadlock (SQLSTATE 40P01)`,
    `Victim process: ${report.victimPid ?? 'unknown'}; server language: ${report.language}; graph ${report.complete ? 'complete' : 'partial (text cut off or no DETAIL)'}.`,
  ];
  for (const cycle of report.cycles.slice(0, 3)) lines.push(`Cycle: ${[...cycle, cycle[0]].join(' → ')}`);
  if (report.edges.length) lines.push('Waits:');
  for (const e of report.edges.slice(0, MAX_EDGES)) {
    lines.push(
      `- ${e.waiterPid} waits for ${e.lockMode} on ${e.target.kind} "${e.target.text}", blocked by ${e.blockerPid}`,
    );
  }
  if (report.edges.length > MAX_EDGES) lines.push(`- … ${report.edges.length - MAX_EDGES} more`);
  const queries = Object.entries(report.queries);
  if (queries.length)
    lines.push('Queries:', ...queries.slice(0, MAX_EDGES).map(([pid, q]) => `- ${pid}: ${clip(q, MAX_QUERY)}`));
  if (report.statement) lines.push(`Victim statement: ${clip(report.statement, MAX_QUERY)}`);
  if (report.context.length) lines.push(`Context: ${clip(report.context.join(' | '), 2 * MAX_QUERY)}`);
  if (report.relations.length) lines.push(`Relations: ${report.relations.slice(0, 20).join(', ')}`);
  lines.push(`Pattern: ${analysis.patternTitle}`);
  lines.push(`Suggested fixes: ${analysis.recommendations.map((r) => r.title).join('; ')}`);
  return lines.join('\n');
}
