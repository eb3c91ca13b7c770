/**
 * The front matter subset the demo content files use (server/demo/frontMatter.ts): what it reads,
 * that what it writes reads back unchanged, and that anything outside the subset is refused with
 * its line number instead of being read as something else.
 */
import fc from 'fast-check';
import { parseFrontMatter, stringifyFrontMatter, type FrontMatter } from '../server/demo/frontMatter';

const file = (...lines: string[]) => ['---', ...lines, '---', '', 'Body *text*.', ''].join('\n');

describe('demo front matter', () => {
  it('when a file has every supported form, then each is read as YAML would read it', () => {
    const { data, body } = parseFrontMatter(
      file(
        'id: demo-0001',
        '# a comment',
        'title: "Battlecard: Snowcrest"',
        'share: 0.6',
        'days: -25',
        'draft: false',
        'products: [Lakehouse Core, "A, B", 3]',
        'empty: []',
        'deal: { account: Golden Wattle Bank, amount: 1200000 }',
        'authors:',
        '  - { userId: u-a, role: author, share: 0.5 }',
        '  - plain item',
      ),
    );
    expect(data).toEqual({
      id: 'demo-0001',
      title: 'Battlecard: Snowcrest',
      share: 0.6,
      days: -25,
      draft: false,
      products: ['Lakehouse Core', 'A, B', 3],
      empty: [],
      deal: { account: 'Golden Wattle Bank', amount: 1_200_000 },
      authors: [{ userId: 'u-a', role: 'author', share: 0.5 }, 'plain item'],
    });
    expect(body).toBe('Body *text*.');
  });

  it('when a file has Windows line endings, then it reads the same', () => {
    expect(parseFrontMatter(file('a: b', 'c: [1, 2]').replace(/\n/g, '\r\n'))).toEqual(parseFrontMatter(file('a: b', 'c: [1, 2]')));
  });

  it.each([
    [['title: Battlecard: Snowcrest'], /line 2: quote "Battlecard: Snowcrest"/],
    [['title: a # b'], /line 2: quote/],
    [['flag: yes'], /line 2: quote "yes"/],
    [['value: null'], /line 2: quote "null"/],
    [['a: 1', 'a: 2'], /line 3: "a" appears twice/],
    [['list:'], /line 2: "list" has no value/],
    [['  - orphan'], /line 2: a list item must follow/],
    [['nested: [a, [b]]'], /line 2: .*nested/],
    [['deal: { a: 1 } extra'], /line 2: unexpected text/],
    [['text: "unterminated'], /line 2: an unterminated quoted string/],
    [['just words'], /line 2: expected `key: value`/],
  ])('when the front matter is %j, then it is refused with its line', (lines, message) => {
    expect(() => parseFrontMatter(file(...lines))).toThrow(message);
  });

  it('when a file has no front matter or no closing line, then it is refused', () => {
    expect(() => parseFrontMatter('# Title\n')).toThrow(/line 1: the file must start with a `---` line/);
    expect(() => parseFrontMatter('---\na: b\n')).toThrow(/no closing `---` line/);
  });

  it('when any front matter is written, then it reads back unchanged', () => {
    // Random text, and text made of the characters that decide between plain and quoted.
    const tricky = fc.constantFrom('a', 'B', ' ', ':', '#', ',', '[', ']', '{', '}', '"', "'", '\\', '\n', '-', '1', '.', 'e', 'é');
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: tricky, maxLength: 12 }),
      fc.constantFrom('true', 'null', 'yes', 'No', '12', '1e5', '-3'),
    );
    const scalar = fc.oneof(
      text,
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
    );
    const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/);
    const map = fc.dictionary(key, scalar, { maxKeys: 4 });
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 4 }),
      map,
      fc.array(fc.oneof(scalar, map), { minLength: 1, maxLength: 3 }).filter((l) => l.some((v) => typeof v === 'object')),
    );
    const body = fc.string({ maxLength: 200 }).map((b) => b.replace(/\r/g, '').replace(/^\n+|\n+$/g, ''));
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), body, (data, b) => {
        const parsed = parseFrontMatter(stringifyFrontMatter(data as FrontMatter, b));
        expect(parsed.data).toEqual(data);
        expect(parsed.body).toBe(b);
      }),
      { numRuns: 300 },
    );
  });
});
