// Reads the "%s" lock description of a wait line ("tuple (3,7) of relation 16385 of database 5") into a
// LockTarget, using the description formats of the language the message is in, then English ones
// (PostgreSQL prints untranslated descriptions in English).
import { argumentsOf, compileFormat, type CompiledFormat } from './format';
import { SERVER_MESSAGES, type MessageKey } from './messages';
import type { LockTarget } from './types';

type Kind = Exclude<LockTarget['kind'], 'unknown'>;
const KINDS: Kind[] = [
  'transactionid',
  'virtualxid',
  'tuple',
  'relation',
  'advisory',
  'page',
  'extend',
  'object',
  'spectoken',
  'frozenid',
  'userlock',
  'applytransaction',
];

interface TargetFormat {
  kind: Kind;
  compiled: CompiledFormat;
  regex: RegExp;
}

const cache = new Map<string, TargetFormat[]>();

function formatsFor(language: string): TargetFormat[] {
  const cached = cache.get(language);
  if (cached) return cached;
  const formats: TargetFormat[] = [];
  for (const lang of language === 'en' ? ['en'] : [language, 'en']) {
    const messages = SERVER_MESSAGES[lang] ?? {};
    for (const kind of KINDS) {
      const format = messages[kind as MessageKey];
      if (!format) continue;
      const compiled = compileFormat(format);
      formats.push({ kind, compiled, regex: new RegExp(`^${compiled.source}$`, 'iu') });
    }
  }
  cache.set(language, formats);
  return formats;
}

const int4 = (n: number): number => (n > 0x7fffffff ? n - 0x100000000 : n);

function signedBigint(high: number, low: number): string {
  return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low)).toString();
}

function build(kind: Kind, a: number[], text: string): LockTarget {
  const n = (i: number): number => a[i] ?? 0;
  switch (kind) {
    case 'transactionid':
      return { kind, text, xid: n(0) };
    case 'virtualxid':
      return { kind, text, backendId: n(0), localXid: n(1) };
    case 'tuple':
      return { kind, text, block: n(0), offset: n(1), relationOid: n(2), databaseOid: n(3) };
    case 'relation':
      return { kind, text, relationOid: n(0), databaseOid: n(1) };
    case 'page':
      return { kind, text, page: n(0), relationOid: n(1), databaseOid: n(2) };
    case 'extend':
      return { kind, text, relationOid: n(0), databaseOid: n(1) };
    case 'object':
      return { kind, text, objectId: n(0), classId: n(1), databaseOid: n(2) };
    case 'spectoken':
      return { kind, text, token: n(0), xid: n(1) };
    case 'frozenid':
      return { kind, text, databaseOid: n(0) };
    case 'userlock':
      return { kind, text, field1: n(0), field2: n(1), field3: n(2) };
    case 'applytransaction':
      return { kind, text, remoteXid: n(0), subscriptionOid: n(1), databaseOid: n(2) };
    case 'advisory': {
      // lockfuncs.c: pg_advisory_lock(bigint) stores the key's high and low halves with field4 = 1;
      // pg_advisory_lock(int4, int4) stores both keys with field4 = 2.
      const [databaseOid, key1, key2, field4] = [n(0), n(1), n(2), n(3)];
      if (field4 === 1)
        return { kind, text, databaseOid, key1, key2, keyKind: 'bigint', key: signedBigint(key1, key2) };
      if (field4 === 2)
        return { kind, text, databaseOid, key1, key2, keyKind: 'int4pair', keys: [int4(key1), int4(key2)] };
      return { kind, text, databaseOid, key1, key2, keyKind: 'unknown' };
    }
  }
}

export function parseLockTarget(description: string, language: string): LockTarget {
  // Russian and Ukrainian quote the description: "блокировку "транзакция 5"".
  const text = description
    .trim()
    .replace(/^["«»„“]+|["«»“”]+$/g, '')
    .trim();
  for (const format of formatsFor(language)) {
    const match = format.regex.exec(text);
    if (match) return build(format.kind, argumentsOf(format.compiled, match).map(Number), text);
  }
  return { kind: 'unknown', text };
}
