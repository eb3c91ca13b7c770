/**
 * One-line JSON logs. Callers pass structured fields; tokens, passwords and request bodies are
 * never passed here, and `redact` removes anything that looks like a bearer token from messages.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function redact(text: string): string {
  return text.replace(/khub_[A-Za-z0-9_-]{10,}/g, 'khub_***').replace(/(Bearer\s+)[^\s"]+/gi, '$1***');
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const at =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[lvl] < ORDER[level]) return;
      write(redact(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields })));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = createLogger('silent');
