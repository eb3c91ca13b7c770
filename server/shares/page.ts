import crypto from 'node:crypto';
import { renderMarkdown } from '../content/markdown';

/** What a buyer sees: the item's own words, nothing the hub keeps about it. */
export interface SharedItem {
  title: string;
  summary: string;
  body: string;
  updatedAt: string;
}

const STYLE = `body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#181818;background:#f3f3f3;line-height:1.5}
header{background:#032d60;color:#fff;padding:.75rem 1.25rem;font-weight:600}
main{max-width:46rem;margin:1.5rem auto;background:#fff;padding:1.5rem 1.75rem;border-radius:.25rem;box-shadow:0 1px 2px rgba(0,0,0,.1)}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}.summary{color:#444;font-size:1.05rem}
a{color:#0b5cab}img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #c9c9c9;padding:.25rem .5rem}
footer{max-width:46rem;margin:0 auto 2rem;color:#444;font-size:.85rem;padding:0 1.75rem}`;
const STYLE_HASH = crypto.createHash('sha256').update(STYLE).digest('base64');

/**
 * The policy of the public page: no script at all, the one inline style by its hash, images over
 * HTTPS only, no forms, no framing, no referrer. The hub's own page policy is looser (it runs the
 * standalone app), so this page sets its own.
 */
export const SHARE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  'img-src https: data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A clean, read-only page of one item; the body goes through the hub's one Markdown sanitizer. */
export function renderSharePage(item: SharedItem, brand: string): string {
  const updated = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(item.updatedAt));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>${escapeHtml(item.title)}</title><style>${STYLE}</style></head>
<body><header>${escapeHtml(brand)}</header>
<main><h1>${escapeHtml(item.title)}</h1>${item.summary ? `<p class="summary">${escapeHtml(item.summary)}</p>` : ''}
${renderMarkdown(item.body)}</main>
<footer>Updated ${escapeHtml(updated)}. Shared with you by your account team.</footer></body></html>`;
}

/** Link unfurlers, crawlers and scanners: their fetches are not a buyer reading. */
export function isBot(userAgent: string | undefined): boolean {
  if (!userAgent) return true;
  return /bot\b|bot\/|crawler|spider|slurp|facebookexternalhit|linkedinbot|slackbot|twitterbot|whatsapp|telegram|discord|skypeuripreview|embedly|quora link preview|outlook|safelinks|proofpoint|mimecast|barracuda|curl\/|wget\/|python-requests|go-http-client|java\/|okhttp|node-fetch|undici|axios|preview/i.test(
    userAgent,
  );
}
