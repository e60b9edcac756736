// Prompt benchmark: size of the Explain prompt for the largest fixture event and a synthetic 10,000-frame event
// (within budget? top frame kept?), build time, and how far the token estimate (the budget's counter) is from cl100k.
// Run alone: npx tsx bench/prompt.ts
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SENTRY_FIXTURES } from '../tests/fixtures/sentry';
import { eventParts } from '../lib/llm/eventText';
import { DEFAULT_TOKEN_BUDGET, buildPrompt } from '../lib/llm/prompt';
import { estimateTokens, rawTokenEstimate } from '../lib/llm/tokens';
// The exact tokenizer, here only to check the estimate (the extension ships without it: see lib/llm/tokens.ts).
import { countTokens as cl100kCount } from 'gpt-tokenizer/encoding/cl100k_base';
import type { BenchRow } from './types';
import { medianMs } from './types';

const FIXTURES = SENTRY_FIXTURES;
// The schema and the page hooks are not events (the schema's examples are in openapi-examples/ already).
const NOT_EVENTS = new Set(['openapi.json', 'dom-hooks.json']);

/** API-shape events (objects with an `entries` array) in every fixture file, with their JSON size. */
function fixtureEvents(): { name: string; event: unknown; bytes: number }[] {
  const out: { name: string; event: unknown; bytes: number }[] = [];
  const walk = (o: unknown, name: string) => {
    if (Array.isArray(o)) o.forEach((v) => walk(v, name));
    else if (o && typeof o === 'object') {
      if (Array.isArray((o as { entries?: unknown }).entries))
        out.push({ name, event: o, bytes: JSON.stringify(o).length });
      else Object.values(o).forEach((v) => walk(v, name));
    }
  };
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) =>
      statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)],
    );
  for (const f of files(FIXTURES).filter((f) => f.endsWith('.json') && !NOT_EVENTS.has(path.relative(FIXTURES, f))))
    walk(JSON.parse(readFileSync(f, 'utf8')), path.relative(FIXTURES, f));
  return out;
}

function syntheticEvent(frames: number) {
  return {
    entries: [
      {
        type: 'exception',
        data: {
          values: [
            {
              type: 'RangeError',
              value: 'Maximum call stack size exceeded',
              stacktrace: {
                frames: Array.from({ length: frames }, (_, i) => ({
                  function: i === frames - 3 ? 'handleOrder' : `f${i}`,
                  filename: i === frames - 3 ? 'src/orders.ts' : 'node_modules/x/y.js',
                  lineNo: i,
                  inApp: i === frames - 3,
                  context: [[i, 'x();']],
                })),
              },
            },
          ],
        },
      },
      {
        type: 'breadcrumbs',
        data: { values: Array.from({ length: frames }, (_, i) => ({ category: 'console', message: `log line ${i}` })) },
      },
    ],
  };
}

function topFrameKept(event: unknown, user: string): boolean {
  const parts = eventParts(event);
  const top = parts.frames.find((f) => f.inApp) ?? parts.frames[0];
  return top ? user.includes(top.line) : true;
}

export async function benchPrompt(): Promise<BenchRow[]> {
  const events = fixtureEvents().sort((a, b) => b.bytes - a.bytes);
  const largest = events[0]!;
  const p = buildPrompt(largest.event);
  const big = syntheticEvent(10_000);
  const bigPrompt = buildPrompt(big);
  const cl100k = (s: string) => cl100kCount(s, { disallowedSpecial: new Set(), allowedSpecial: new Set() });
  const sample = events.map((e) => buildPrompt(e.event).user);
  const exact = sample.reduce((a, s) => a + cl100k(s), 0);
  const raw = sample.reduce((a, s) => a + rawTokenEstimate(s), 0);
  const estimate = sample.reduce((a, s) => a + estimateTokens(s), 0);
  const under = sample.filter((s) => estimateTokens(s) < cl100k(s)).length;
  const largestExact = cl100k(p.system) + cl100k(p.user);
  const budget = `≤ ${DEFAULT_TOKEN_BUDGET}`;
  return [
    {
      name: `prompt tokens, largest fixture event (${largest.name}, ${largest.bytes} B JSON)`,
      value: p.tokens,
      unit: 'tokens',
      target: budget,
      ok: p.tokens <= DEFAULT_TOKEN_BUDGET,
    },
    {
      name: 'largest fixture: top frame kept (1 = yes)',
      value: Number(topFrameKept(largest.event, p.user)),
      unit: 'bool',
      target: '1',
      ok: topFrameKept(largest.event, p.user),
    },
    {
      name: 'largest fixture: build time (median of 20)',
      value: +medianMs(() => buildPrompt(largest.event), 20).toFixed(2),
      unit: 'ms',
    },
    {
      name: 'prompt tokens, synthetic 10,000 frames + 10,000 breadcrumbs',
      value: bigPrompt.tokens,
      unit: 'tokens',
      target: budget,
      ok: bigPrompt.tokens <= DEFAULT_TOKEN_BUDGET,
    },
    {
      name: 'synthetic 10k event: top in-app frame kept (1 = yes)',
      value: Number(bigPrompt.user.includes('at handleOrder (src/orders.ts')),
      unit: 'bool',
      target: '1',
      ok: bigPrompt.user.includes('at handleOrder (src/orders.ts'),
    },
    {
      name: 'synthetic 10k event: build time (median of 5)',
      value: +medianMs(() => buildPrompt(big), 5).toFixed(1),
      unit: 'ms',
    },
    {
      name: 'largest fixture: the same prompt counted by cl100k (system + user, no template)',
      value: largestExact,
      unit: 'tokens',
      target: budget,
      ok: largestExact <= DEFAULT_TOKEN_BUDGET,
    },
    {
      name: `token estimate before its margin vs cl100k over ${events.length} fixture prompts`,
      value: +((100 * (raw - exact)) / exact).toFixed(1),
      unit: '%',
    },
    {
      name: `token estimate with its margin (the budget's count) vs cl100k over ${events.length} fixture prompts`,
      value: +((100 * (estimate - exact)) / exact).toFixed(1),
      unit: '%',
      target: '≥ 0',
      ok: estimate >= exact,
    },
    {
      name: 'fixture prompts the budget count puts below cl100k',
      value: under,
      unit: 'prompts',
      target: '0',
      ok: under === 0,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchPrompt())
    console.log(
      `${r.ok === false ? '✗' : r.ok ? '✓' : ' '} ${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`,
    );
}
