// The features' declarations alone, for the settings screen: only each file's `meta` is imported, so the popup and
// the Explorer do not carry the overlay's code.
import { compareMeta, type FeatureMeta } from '../registry';

const metas = import.meta.glob<FeatureMeta>(['./*.ts', '!./index.ts', '!./catalog.ts', '!./*.test.ts'], {
  eager: true,
  import: 'meta',
});

export const FEATURE_CATALOG: readonly FeatureMeta[] = Object.values(metas).sort(compareMeta);
