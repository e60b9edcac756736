// The repository is the whole product: no tracked file (docs aside) may read the reference folder that sat beside
// it while Dexter was built, nor any absolute path of the machine it was built on. A fresh clone has neither.
// Comments may name where something came from; code may not go there.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Built from pieces so that this file does not match itself.
const OUTSIDE = [
  new RegExp(['\\.\\.', 'shared\\b'].join('/')), // the reference folder beside the repo, from any depth
  new RegExp(['', 'work', ''].join('/')), // /work/…: the build machine's work folder
  new RegExp(['', 'root', ''].join('/')), // /root/…: its home folder
  new RegExp(['DEXTER', 'SHARED', 'DIR'].join('_')), // the old variable that pointed at it
];

const COMMENT = /^\s*(\/\/|#|\*|\/\*|<!--)/;

/** The lines of `text` that reach outside the repository (comment lines aside), as `line: text`. */
export function outsideReferences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, i) =>
      !COMMENT.test(line) && OUTSIDE.some((re) => re.test(line)) ? [`${i + 1}: ${line.trim().slice(0, 160)}`] : [],
    );
}

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\0').filter(Boolean);
}

describe('self-contained repository', () => {
  it('the check finds what it looks for', () => {
    const dotdot = ['..', 'shared'].join('/');
    expect(outsideReferences(`const a = 1;\nreadFileSync('${dotdot}/sentry/openapi.json')`)).toHaveLength(1);
    expect(outsideReferences(`x = '${['', 'work', 'shared', 'x'].join('/')}'`)).toHaveLength(1);
    expect(outsideReferences(`process.env.${['DEXTER', 'SHARED', 'DIR'].join('_')}`)).toHaveLength(1);
    expect(outsideReferences("import x from '@/tests/fixtures/sentry/openapi.json';\nconst shared = 1;")).toEqual([]);
    expect(outsideReferences(`// copied from ${dotdot}/sentry/openapi.json\n# see ${dotdot}`)).toEqual([]);
  });

  it('no tracked file outside *.md reads the reference folder beside the repo or an absolute path of the build machine', () => {
    const self = path.relative(ROOT, import.meta.filename ?? path.join(import.meta.dirname, 'self-contained.test.ts'));
    const files = trackedFiles().filter(
      (f) => f !== self && !f.endsWith('.md') && !/\.(png|jpe?g|gif|ico|zip|woff2?)$/.test(f),
    );
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const f of files) {
      let text: string;
      try {
        text = readFileSync(path.join(ROOT, f), 'utf8');
      } catch {
        continue;
      } // deleted in the work tree
      for (const hit of outsideReferences(text)) found.push(`${f}:${hit}`);
    }
    expect(found).toEqual([]);
  });
});
