// The hostile-data flows in a world of their own (their seeded issues would change every other flow's numbers).
import { test } from './fixtures';
import { groupOf, scenarioTests } from './scenario-tests';

test.use({ worldKey: 'hostile', worldIssues: groupOf('hostile').issues });
scenarioTests('hostile');
