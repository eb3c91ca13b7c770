'use strict';
/**
 * The guardian: a tiny process between the hub and its embedded Meilisearch.
 *
 *   hub ──IPC channel──▶ guardian ──spawns──▶ meilisearch
 *
 * Linux does not stop a child when its parent dies, and Node cannot ask for PR_SET_PDEATHSIG.
 * The guardian holds the other end of an IPC channel to the hub; the kernel closes that channel
 * however the hub ends (even `kill -9`), the guardian sees `disconnect` and stops the engine.
 *
 * Plain CommonJS on purpose: it is started with `node` itself, without the TypeScript loader, so
 * it starts in tens of milliseconds and behaves the same under tsx, jest and plain node.
 *
 * Usage (by search-index/engine.ts only): node guardian.cjs <binary> <args…>; the engine's
 * environment (MEILI_MASTER_KEY among it) is the guardian's own, never its command line.
 */
const { spawn } = require('node:child_process');

const [binary, ...args] = process.argv.slice(2);
if (!binary || typeof process.send !== 'function') {
  console.error('guardian: must be started by the hub with an IPC channel and the engine binary');
  process.exit(2);
}

const engine = spawn(binary, args, { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
let stopping = false;

function stop(why) {
  if (stopping) return;
  stopping = true;
  console.error(`guardian: stopping Meilisearch (pid ${engine.pid}): ${why}`);
  engine.kill('SIGTERM');
  // Meilisearch stops in well under a second; a hung one is not allowed to outlive us.
  setTimeout(() => engine.kill('SIGKILL'), 3000).unref();
}

engine.once('spawn', () => {
  try {
    process.send({ enginePid: engine.pid });
  } catch {
    stop('the hub went away before the engine started');
  }
});
engine.once('error', (err) => {
  console.error(`guardian: cannot start ${binary}: ${err.message}`);
  process.exit(1);
});
// The engine's end is the guardian's end: the hub's supervisor sees one exit and restarts both.
engine.once('exit', (code, signal) => {
  if (signal) console.error(`guardian: Meilisearch ended by ${signal}`);
  const done = () => process.exit(code ?? 1);
  // Tell the hub how the engine ended (its own log line names the signal), then go.
  if (process.connected) process.send({ engineEnded: String(signal ?? code) }, done);
  else done();
});

process.on('disconnect', () => stop('the hub is gone'));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
