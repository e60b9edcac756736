// The suspected-cause categories and their words, without zod, so the list overlay can name them and stay small.
export const CAUSES = [
  'code-defect',
  'bad-input',
  'dependency',
  'database',
  'resource',
  'configuration',
  'network',
  'unknown',
] as const;
export type Cause = (typeof CAUSES)[number];

export const CAUSE_LABELS: Record<Cause, string> = {
  'code-defect': 'code defect',
  'bad-input': 'bad input',
  dependency: 'failed request to a dependency',
  database: 'database',
  resource: 'resource exhaustion',
  configuration: 'configuration',
  network: 'network',
  unknown: 'unknown',
};
