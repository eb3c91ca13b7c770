import fs from 'node:fs';

/**
 * A process identified by its pid *and* its start time: pids are reused, so a pid alone written
 * in a file long ago may now name an unrelated process. Only a recorded identity that still
 * matches proves "this is the same process"; Linux's /proc gives the start time in clock ticks.
 */
export interface ProcessIdentity {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot); null where /proc is unavailable. */
  start: number | null;
}

/** The identity of a running process, or null when it does not exist. */
export function identify(pid: number): ProcessIdentity | null {
  if (!Number.isInteger(pid) || pid <= 1) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name, field 3 (state) is index 0, so field 22 (starttime) is index 19.
    if (fields[0] === 'Z') return null; // a zombie is dead; only its parent has not reaped it yet
    return { pid, start: Number(fields[19]) };
  } catch {
    return alive(pid) ? { pid, start: null } : null;
  }
}

/** Whether the process recorded as `recorded` is still that same process. */
export function isSameProcess(recorded: ProcessIdentity | null | undefined): boolean {
  if (!recorded) return false;
  const now = identify(recorded.pid);
  if (!now) return false;
  // Without /proc we cannot tell a reused pid apart: assume it is the same (never kill on a guess).
  return now.start === null || recorded.start === null || now.start === recorded.start;
}

/** The parent pid of a running process (from /proc), or null. */
export function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The command line of a running process, arguments joined by spaces ('' if unknown). */
export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

export const selfIdentity = (): ProcessIdentity => identify(process.pid) ?? { pid: process.pid, start: null };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
