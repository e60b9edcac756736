// The features the runner knows, one file each.
import listSparkline from './list-sparkline';
import listImpact from './list-impact';
import listPriority from './list-priority';
import explainButton from './explain-button';
import deadlockPanel from './deadlock-panel';
import privacyMode from './privacy-mode';
import type { Feature } from '../registry';

export const FEATURES: readonly Feature[] = [listPriority, listImpact, listSparkline, explainButton, deadlockPanel, privacyMode];
