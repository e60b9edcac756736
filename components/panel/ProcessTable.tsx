// One row per process in a deadlock: its query (masked per privacy settings), the lock it waited for, who held
// it, and the rows and tables involved.
import { Badge, Code, Table, Text } from '@mantine/core';
import type { DeadlockReport, LockTarget } from '@/lib/deadlock';
import type { PiiRule } from '@/lib/pii';
import { MaskedText } from './MaskedText';
import { targetLabel } from './waitGraph';

/** The rows/tables a lock names, in words ("row (0,8) of relation 16385"). */
export function lockObject(target: LockTarget): string {
  switch (target.kind) {
    case 'tuple':
      return `row (${target.block},${target.offset}) of relation ${target.relationOid}`;
    case 'relation':
    case 'extend':
      return `relation ${target.relationOid}`;
    case 'page':
      return `page ${target.page} of relation ${target.relationOid}`;
    case 'transactionid':
      return `rows written by transaction ${target.xid}`;
    case 'advisory':
      return `advisory key ${target.key ?? target.keys?.join(', ') ?? `${target.key1}/${target.key2}`}`;
    default:
      return targetLabel(target);
  }
}

export function processPids(report: DeadlockReport): number[] {
  const pids: number[] = [];
  for (const pid of [report.victimPid, ...report.edges.flatMap((e) => [e.waiterPid, e.blockerPid])]) {
    if (pid !== null && !pids.includes(pid)) pids.push(pid);
  }
  return pids;
}

export function ProcessTable({
  report,
  maskRules,
}: {
  report: DeadlockReport;
  maskRules: Partial<Record<PiiRule, boolean>>;
}) {
  const pids = processPids(report);
  return (
    <Table withTableBorder striped fz="xs" data-testid="process-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Process</Table.Th>
          <Table.Th>Query</Table.Th>
          <Table.Th>Waits for</Table.Th>
          <Table.Th>Rows / tables</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {pids.map((pid) => {
          const waits = report.edges.filter((e) => e.waiterPid === pid);
          const query = report.queries[pid] ?? (pid === report.victimPid ? report.statement : null);
          const victimRows =
            pid === report.victimPid && report.tupleContext
              ? [`row (${report.tupleContext.block},${report.tupleContext.offset}) in ${report.tupleContext.relation}`]
              : [];
          const objects = [...new Set([...waits.map((e) => lockObject(e.target)), ...victimRows])];
          return (
            <Table.Tr key={pid} data-pid={pid}>
              <Table.Td>
                <Text size="xs" fw={600}>
                  {pid}
                </Text>
                {pid === report.victimPid && (
                  <Badge size="xs" color="red" variant="light">
                    received the error
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {query ? (
                  <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    <MaskedText text={query} rules={maskRules} />
                  </Code>
                ) : (
                  <Text size="xs" c="dimmed">
                    not in this text (the server log has it)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {waits.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    —
                  </Text>
                ) : (
                  waits.map((e, i) => (
                    <Text
                      size="xs"
                      key={i}
                    >{`${e.lockMode} on ${targetLabel(e.target)}, held by ${e.blockerPid}`}</Text>
                  ))
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{objects.join('; ') || '—'}</Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
