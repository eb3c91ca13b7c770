import type { RunningHub } from './runningHub';

/** A maintenance script refused to work under a running hub; its message says what to do instead. */
export class HubIsRunningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubIsRunningError';
  }
}

/**
 * Calls a running hub's admin API on behalf of a maintenance script (the script's own
 * HUB_ADMIN_TOKEN must be the hub's). Throws HubIsRunningError with the manual alternative when
 * there is no token or the hub refuses it.
 */
export async function callRunningHub<T>(
  hub: RunningHub,
  adminToken: string | undefined,
  method: 'GET' | 'POST',
  apiPath: string,
  task: string,
): Promise<T> {
  const manual = `curl -X ${method} -H 'Authorization: Bearer <admin token>' ${hub.url}${apiPath}`;
  if (!adminToken) {
    throw new HubIsRunningError(
      `A hub (pid ${hub.hub.pid}, ${hub.url}) is running on this data folder; nothing was changed. ` +
        `Set HUB_ADMIN_TOKEN to the hub's admin token to ${task} through its admin API, or run: ${manual}`,
    );
  }
  const res = await fetch(hub.url + apiPath, { method, headers: { authorization: `Bearer ${adminToken}` } });
  const text = await res.text();
  if (!res.ok) {
    throw new HubIsRunningError(
      `The running hub (pid ${hub.hub.pid}, ${hub.url}) answered ${res.status} to ${method} ${apiPath}: ${text.slice(0, 300)}. Nothing else was changed.`,
    );
  }
  return JSON.parse(text) as T;
}
