// The triage flows in a world of their own (they resolve and ignore issues, and page through 150 of them).
import { test } from './fixtures';
import { groupOf, scenarioTests } from './scenario-tests';

test.use({ worldKey: 'triage', worldIssues: groupOf('triage').issues });
scenarioTests('triage');
