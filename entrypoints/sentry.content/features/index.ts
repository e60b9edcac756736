// Every file in this folder is a feature (registry.ts): found here, so adding one is adding its file.
import { compareMeta, type Feature } from '../registry';

const modules = import.meta.glob<Feature>(['./*.ts', '!./index.ts', '!./catalog.ts', '!./*.test.ts'], { eager: true });

export const FEATURES: readonly Feature[] = Object.values(modules).sort((a, b) => compareMeta(a.meta, b.meta));
