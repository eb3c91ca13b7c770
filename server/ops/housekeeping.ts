import type { FlowService } from '../flow/service';
import type { Logger } from '../log';
import type { NotificationService } from '../notifications/service';

export interface HousekeepingDeps {
  drainCredits: () => void;
  notifications: NotificationService;
  flow: FlowService;
  /** Re-sends changed documents (the reuse fold changes their reuseCount). */
  relay: { kick(): void };
  logger: Logger;
  /** Run the notification housekeeping once now (off in tests that drive the hub by hand). */
  remindNow: boolean;
}

/**
 * The hub's periodic jobs, in one place so the composition root only starts and stops them.
 * Timers are unref'd: they never keep a process alive that has nothing else to do.
 */
export function startHousekeeping({ drainCredits, notifications, flow, relay, logger, remindNow }: HousekeepingDeps): { stop(): void } {
  // Events stored but not credited (a crash between the two) are credited now, and every minute
  // in case another instance stored them and died before its own drain.
  drainCredits();
  const creditTimer = setInterval(drainCredits, 60_000);
  // Verification reminders (once per item and due date) and the inbox's retention, hourly.
  const housekeepNotifications = () => {
    void notifications
      .remindDue()
      .then(() => notifications.purge())
      .catch((err: unknown) => logger.warn(`notifications housekeeping failed: ${(err as Error).message}`));
  };
  if (remindNow) housekeepNotifications();
  const notificationTimer = setInterval(housekeepNotifications, 3_600_000);
  // Reuse is folded every few minutes even when no leader opens a report, so search's "most
  // reused" order (the index's reuseCount, re-sent by the fold) does not wait for one.
  const reuseTimer = setInterval(() => {
    void flow.facts
      .refresh()
      .then((n) => n > 0 && relay.kick())
      .catch((err: unknown) => logger.warn(`knowledge flow refresh failed: ${(err as Error).message}`));
  }, 300_000);
  const timers = [creditTimer, notificationTimer, reuseTimer];
  for (const timer of timers) timer.unref();
  return { stop: () => timers.forEach((timer) => clearInterval(timer)) };
}
