/**
 * A hub process that dies between storing a usage event and crediting it: it records one event
 * and is SIGKILLed by the first event listener, before the credit relay runs. Used by
 * test/write-path.test.ts to prove that crediting survives the crash.
 * Input (environment): HUB_TEST_CONFIG (the hub's Config as JSON), CRASH_ACTOR, CRASH_CONTENT.
 */
import type { Config } from '../../server/config';
import { actorOf } from '../../server/auth/service';
import { buildHub } from '../../server/hub';
import { silentLogger } from '../../server/log';

async function main(): Promise<void> {
  const config = JSON.parse(process.env.HUB_TEST_CONFIG as string) as Config;
  const hub = await buildHub(config, { logger: silentLogger, startRelay: false });
  const user = await hub.auth.users.get(process.env.CRASH_ACTOR as string);
  if (!user) throw new Error('unknown actor');
  hub.events.listeners.unshift(async () => {
    process.stdout.write('stored\n');
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => undefined);
  });
  await hub.events.record(actorOf(user), 'crash-between-event-and-credit', {
    type: 'helpful',
    contentId: process.env.CRASH_CONTENT as string,
  });
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
