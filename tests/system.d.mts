// Types of tests/system.mjs (plain JavaScript so that run-all.mjs can use it).
export type SystemPart = 'chromium' | 'firefox' | 'postgresql';
export declare const INSTALL_ALL: string;
export declare function locate(
  part: SystemPart,
  env?: NodeJS.ProcessEnv,
  candidates?: string[],
): { path: string; missing?: undefined } | { path?: undefined; missing: string };
export declare class MissingSystemPart extends Error {}
export declare function requirePart(part: SystemPart): string;
export declare function missingParts(parts: SystemPart[]): string[];
export declare function requireOrExit<P extends SystemPart>(parts: P[], what: string): Record<P, string>;
