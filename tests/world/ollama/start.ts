// Standalone: `npx tsx tests/world/ollama/start.ts --port 11434 [--models a,b] [--allow-origin chrome-extension://*] [--mode slow-first-token]
//   [--api-key KEY] [--n-ctx 8192]` (the last two: a llama.cpp-like server with --api-key, /props and a fixed context)`
import { parseArgs } from 'node:util';
import { startOllamaServer, type OllamaMode } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '11434' },
    host: { type: 'string', default: '127.0.0.1' },
    models: { type: 'string' },
    'allow-origin': { type: 'string', multiple: true },
    mode: { type: 'string', default: 'normal' },
    'api-key': { type: 'string' },
    'n-ctx': { type: 'string' },
  },
});
const MODES = ['normal', 'slow-first-token', 'error-mid-stream', 'stall', 'down'];
if (!MODES.includes(values.mode!)) throw new Error(`--mode must be one of ${MODES.join(', ')}, got ${values.mode}`);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
const server = await startOllamaServer({
  port,
  host: values.host,
  models: values.models
    ?.split(',')
    .map((m) => m.trim())
    .filter(Boolean),
  allowedOrigins: [
    ...(values['allow-origin'] ?? []),
    ...(process.env.OLLAMA_ORIGINS?.split(',').filter(Boolean) ?? []),
  ],
  apiKey: values['api-key'],
  llamaCppContext: values['n-ctx'] ? Number(values['n-ctx']) : undefined,
});
server.setMode(values.mode as OllamaMode);
console.log(`fake Ollama listening on ${server.url} (mode ${values.mode})`);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
