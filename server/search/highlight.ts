/**
 * Meilisearch returns highlights with our tags inserted into the *raw* text. We ask for private-use
 * sentinels instead of `<mark>`, escape everything, then turn only the sentinels into `<mark>`:
 * indexed text such as `<img src=x onerror=...>` comes out inert.
 */
export const PRE = '\uE000';
export const POST = '\uE001';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function safeHighlight(formatted: unknown, fallback: string): string {
  const text = typeof formatted === 'string' ? formatted : fallback;
  let open = false;
  let out = '';
  for (const part of escapeHtml(text).split(/([\uE000\uE001])/)) {
    if (part === PRE) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === POST) {
      if (open) out += '</mark>';
      open = false;
    } else out += part;
  }
  return open ? out + '</mark>' : out;
}
