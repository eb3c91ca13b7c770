import { JSDOM } from 'jsdom';
import { bearer, startTestHub, type TestHub } from './support/hub';

/**
 * An XSS corpus through the two places the hub hands out HTML: the rendered Markdown body
 * (`bodyHtml`) and search highlights. The HTML is parsed the way a browser parses it (jsdom, the
 * engine the LWC tests already use) and every element and attribute is inspected; a real-browser
 * execution check comes later in the browser tests.
 */

const MARKDOWN_CORPUS: [string, string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['script tag, odd case and attributes', '<ScRiPt type="text/javascript" src="https://evil.example/x.js"></sCrIpT>'],
  ['script split by a newline', '<scr\nipt>alert(1)</script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror without spaces', '<img/src="x"/onerror="alert(1)">'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg with nested script', '<svg><script>alert(1)</script></svg>'],
  ['math with an xlink', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['iframe javascript src', '<iframe src="javascript:alert(1)"></iframe>'],
  ['object and embed', '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">'],
  ['anchor with entity-encoded javascript', '<a href="jav&#x61;script:alert(1)">click</a>'],
  ['anchor with decimal entities', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>'],
  ['anchor with a tab inside the scheme', '<a href="java\tscript:alert(1)">click</a>'],
  ['anchor with leading whitespace and case', '<a href="  JaVaScRiPt:alert(1)">click</a>'],
  ['anchor with vbscript', '<a href="vbscript:msgbox(1)">click</a>'],
  ['anchor with a data URL', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>'],
  ['event handler attributes', '<div onclick="alert(1)" onmouseover="alert(2)">hover</div><p onfocus=alert(3) tabindex=0 autofocus>x</p>'],
  ['event handler on an allowed tag', '<a href="https://example.com" onclick="alert(1)">ok</a>'],
  ['style tag with expression', '<style>body{background:url("javascript:alert(1)");width:expression(alert(1))}</style>'],
  ['style attribute with expression', '<p style="width:expression(alert(1));background:url(javascript:alert(1))">x</p>'],
  ['HTML comment trick', '<!--<img src="--><img src=x onerror=alert(1)//">'],
  ['conditional comment', '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->'],
  ['CDATA trick', '<![CDATA[<]]><script>alert(1)</script>'],
  ['markdown link with javascript', '[click me](javascript:alert(1))'],
  ['markdown link with encoded javascript', '[click me](javascript&#58;alert(1))'],
  ['markdown link with spaces and case', '[click me]( JAVASCRIPT:alert(1) )'],
  ['markdown link with a data URL', '[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['markdown link with vbscript', '[click me](vbscript:msgbox(1))'],
  ['markdown image with javascript', '![alt](javascript:alert(1))'],
  ['markdown image with a data URL', '![alt](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['markdown image with a quote in the title', '![alt](https://example.com/x.png "a\\" onerror=\\"alert(1)")'],
  ['markdown reference link with javascript', '[click me][evil]\n\n[evil]: javascript:alert(1)'],
  ['markdown reference image with a data URL', '![alt][evil]\n\n[evil]: data:text/html,<script>alert(1)</script>'],
  ['autolink with javascript', '<javascript:alert(1)>'],
  ['link text carrying HTML', '[<img src=x onerror=alert(1)>](https://example.com)'],
  [
    'form with formaction',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button><input type="image" src="x" onerror="alert(1)"></form>',
  ],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="javascript:alert(1)//">'],
  ['link stylesheet', '<link rel="stylesheet" href="javascript:alert(1)">'],
  ['details ontoggle', '<details open ontoggle=alert(1)><summary>x</summary></details>'],
  ['video and audio sources', '<video><source onerror="alert(1)"></video><audio src=x onerror=alert(1)>'],
  [
    'template and noscript',
    '<template><img src=x onerror=alert(1)></template><noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  ],
  ['textarea breakout', '<textarea></textarea><img src=x onerror=alert(1)></textarea>'],
  ['table background', '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>'],
  ['code span keeps text inert', '`<script>alert(1)</script>` and ```\n<img src=x onerror=alert(1)>\n```'],
  ['html inside a list and a quote', '- <img src=x onerror=alert(1)>\n\n> <svg onload=alert(1)>'],
  ['protocol-relative image', '![alt](//evil.example/x.png)'],
  ['srcset', '<img src="https://example.com/a.png" srcset="javascript:alert(1) 1x">'],
  ['xlink on an anchor', '<a xlink:href="javascript:alert(1)">x</a>'],
  ['unclosed tag eats the rest', '<img src="https://example.com/a.png" alt="x" onerror="alert(1)" '],
  ['null byte in a scheme', '<a href="java\u0000script:alert(1)">x</a>'],
];

/** What the sanitizer may emit; everything else is a finding. */
const ALLOWED_TAGS = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'del',
  's',
  'ul',
  'ol',
  'li',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'img',
  'sup',
  'sub',
  'mark',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'background',
  'poster',
  'data',
  'xlink:href',
  'cite',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'content',
]);
const DANGEROUS_SCHEME = /^(?:javascript|data|vbscript|file):/i;

/** Parses like a browser and lists everything that could run script. */
function findings(html: string): string[] {
  const out: string[] = [];
  if (/<\s*\/?\s*(script|iframe|object|embed|style|svg|math|form|meta|base|link|template|noscript|frame|frameset)\b/i.test(html))
    out.push(`forbidden tag in source: ${html}`);
  const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) out.push(`tag <${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) out.push(`event handler ${name} on <${tag}>`);
      if (name === 'srcdoc' || name === 'style' || name.includes(':')) out.push(`attribute ${name} on <${tag}>`);
      // Browsers drop tabs, newlines and control characters inside a scheme; so do we before comparing.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point here
      const value = attr.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
      if (URL_ATTRIBUTES.has(name) && DANGEROUS_SCHEME.test(value)) out.push(`${name}="${attr.value}" on <${tag}>`);
      // Relative URLs stay on the hub's origin (and carry no token); any other scheme is a finding.
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
      if (name === 'src' && (value.startsWith('//') || (scheme && scheme !== 'https'))) out.push(`image from ${attr.value}`);
      if (name === 'href' && (value.startsWith('//') || (scheme && !['http', 'https', 'mailto'].includes(scheme))))
        out.push(`href="${attr.value}"`);
    }
  }
  return out;
}

describe('XSS corpus through Markdown bodies and search highlights', () => {
  let hub: TestHub;
  let author: string;
  let rep: string;

  beforeAll(async () => {
    hub = await startTestHub();
    author = await hub.user('author-1', 'author');
    rep = await hub.user('rep-1', 'rep');
  });
  afterAll(() => hub.stop());

  const item = (over: Record<string, unknown>) => ({
    kind: 'capability',
    contentType: 'faq',
    title: 'XSS sample',
    summary: '',
    body: '',
    status: 'published',
    authors: [{ userId: 'author-1', role: 'author', share: 1 }],
    ...over,
  });

  it('when the finder looks at known-bad HTML, then it reports it (the check itself works)', () => {
    expect(findings('<img src=x onerror=alert(1)>')).not.toEqual([]);
    expect(findings('<a href="jav&#x61;script:alert(1)">x</a>')).not.toEqual([]);
    expect(findings('<iframe srcdoc="x"></iframe>')).not.toEqual([]);
    expect(findings('<p>fine <a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">link</a></p>')).toEqual([]);
  });

  it.each(MARKDOWN_CORPUS)('when a body holds %s, then bodyHtml keeps nothing executable', async (_name, payload) => {
    const body = `Intro paragraph.\n\n${payload}\n\nClosing paragraph.`;
    const created = await hub.api
      .post('/api/content')
      .set(bearer(author))
      .send(item({ body, status: 'draft' }));
    expect(created.status).toBe(201);
    const res = await hub.api.get(`/api/content/${created.body.id}`).set(bearer(author));
    expect(res.status).toBe(200);
    expect(res.body.body).toBe(body);
    const html = res.body.bodyHtml as string;
    expect(findings(html)).toEqual([]);
    // Attributes are judged on the parsed DOM above: an escaped quote inside a title is text, not an attribute.
    expect(html).not.toMatch(/<\s*(script|iframe|object|embed|style)\b/i);
    // The harmless parts of the body still render.
    expect(html).toContain('<p>Intro paragraph.</p>');
    expect(html).toContain('Closing paragraph.');
  });

  it.each(MARKDOWN_CORPUS)(
    'when the editor previews %s, then the preview is what the item will show, and nothing executes',
    async (_name, payload) => {
      const body = `Intro paragraph.\n\n${payload}\n\nClosing paragraph.`;
      const preview = await hub.api.post('/api/content/preview').set(bearer(author)).send({ body });
      expect(preview.status).toBe(200);
      expect(findings(preview.body.html as string)).toEqual([]);
      const created = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send(item({ body, status: 'draft' }));
      expect(preview.body.html).toBe(created.body.bodyHtml);
    },
  );

  it('when a rep or an anonymous caller asks for a preview, or the body is not a string, then it is refused naming the field', async () => {
    expect((await hub.api.post('/api/content/preview').set(bearer(rep)).send({ body: '# x' })).status).toBe(403);
    expect((await hub.api.post('/api/content/preview').send({ body: '# x' })).status).toBe(401);
    const bad = await hub.api.post('/api/content/preview').set(bearer(author)).send({ body: 42 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body');
  });

  it('when a body holds ordinary Markdown, then it still renders with safe links', async () => {
    const body =
      '# Title\n\nSome **bold** and [a link](https://example.com/page) and ![logo](https://example.com/logo.png).\n\n| a | b |\n|---|---|\n| 1 | 2 |';
    const created = await hub.api.post('/api/content').set(bearer(author)).send(item({ body }));
    const html = created.body.bodyHtml as string;
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toMatch(/<a href="https:\/\/example\.com\/page" rel="noopener noreferrer nofollow" target="_blank">a link<\/a>/);
    expect(html).toContain('<img src="https://example.com/logo.png" alt="logo" />');
    expect(html).toContain('<td>1</td>');
    expect(findings(html)).toEqual([]);
  });

  const HIGHLIGHT_PAYLOADS = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<svg onload=alert(1)>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">alert</a>',
    '<iframe srcdoc="<script>alert(1)</script>">',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '</mark><script>alert(1)</script><mark>',
    '<mark onmouseover=alert(1)>alert</mark>',
    '\uE000<img src=x onerror=alert(1)>\uE001',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
  ];

  /** Removes the highlight tags and undoes the escaping: the result must be the original text. */
  const unescape = (s: string) =>
    s
      .replace(/<\/?mark>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');

  it('when titles and summaries hold HTML payloads, then highlights contain no tag but <mark> and lose no text', async () => {
    const ids: string[] = [];
    for (const [i, payload] of HIGHLIGHT_PAYLOADS.entries()) {
      const res = await hub.api
        .post('/api/content')
        .set(bearer(author))
        .send(item({ title: `Payload alert onerror ${i} ${payload}`, summary: `Summary alert script ${payload} onload` }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    await hub.relay.drain();

    const queries = [
      'alert',
      'onerror',
      'script',
      'img',
      'mark',
      'svg onload',
      'javascript',
      'iframe srcdoc',
      'alert onerror script img',
      ...HIGHLIGHT_PAYLOADS,
    ];
    let highlighted = 0;
    for (const q of queries) {
      const res = await hub.api.get(`/api/search?q=${encodeURIComponent(q)}&limit=100`).set(bearer(rep));
      expect(res.status).toBe(200);
      for (const hit of res.body.hits as { id: string; title: string; summary: string; highlight: { title: string; summary: string } }[]) {
        if (!ids.includes(hit.id)) continue;
        for (const [field, text] of [
          ['title', hit.highlight.title],
          ['summary', hit.highlight.summary],
        ] as const) {
          const withoutMarks = text.replace(/<mark>|<\/mark>/g, '');
          expect({
            q,
            field,
            text,
            lt: withoutMarks.includes('<'),
            gt: withoutMarks.includes('>'),
            quote: withoutMarks.includes('"'),
          }).toEqual({ q, field, text, lt: false, gt: false, quote: false });
          expect(findings(text)).toEqual([]);
          // Every <mark> opens and closes in order: no tag soup a browser could re-nest.
          expect((text.match(/<\/?mark>/g) ?? []).join('')).toMatch(/^(?:<mark><\/mark>)*$/);
          expect(unescape(text)).toBe(hit[field].replace(/[\uE000\uE001]/g, ''));
          if (text.includes('<mark>')) highlighted++;
        }
      }
    }
    // The corpus really was found and highlighted, or the loop above proved nothing.
    expect(highlighted).toBeGreaterThan(HIGHLIGHT_PAYLOADS.length);
  });
});
