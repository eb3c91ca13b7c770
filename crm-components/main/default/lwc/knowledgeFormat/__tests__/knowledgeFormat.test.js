import { contentTypeLabel, formatAmount, formatDate, kindLabel, parseHighlight, timeAgo } from 'c/knowledgeFormat';

const NOW = Date.parse('2025-11-22T12:00:00.000Z');

describe('c/knowledgeFormat', () => {
    it('when given a known or unknown content type, then it returns a readable label', () => {
        expect(contentTypeLabel('win_loss_analysis')).toBe('Win/loss analysis');
        expect(contentTypeLabel('faq')).toBe('FAQ');
        expect(contentTypeLabel('partner_brief')).toBe('Partner brief');
        expect(kindLabel('situational')).toBe('Situational');
    });

    it.each([
        ['2025-11-10T12:00:00.000Z', '12 days ago'],
        ['2025-11-21T12:00:00.000Z', 'yesterday'],
        ['2025-11-22T09:00:00.000Z', '3 hours ago'],
        ['2025-11-22T11:59:30.000Z', 'just now'],
        ['2025-05-22T12:00:00.000Z', '6 months ago'],
        ['2023-11-22T12:00:00.000Z', '2 years ago'],
        ['not a date', '']
    ])('when the date is %s, then timeAgo says "%s"', (iso, expected) => {
        expect(timeAgo(iso, NOW)).toBe(expected);
    });

    it('when formatting dates and amounts, then they read naturally', () => {
        expect(formatDate('2025-12-19')).toBe('Dec 19, 2025');
        expect(formatDate(null)).toBe('');
        expect(formatAmount(420000, 'EUR')).toBe('€420,000');
        expect(formatAmount(null, 'EUR')).toBe('');
        expect(formatAmount(1000, 'XXXX')).toBe('XXXX 1,000');
    });

    it('when parsing a highlight, then only <mark> marks and entities are decoded', () => {
        expect(parseHighlight('a &lt;b&gt; <mark>c &amp; d</mark> e&#39;s &#x27;f&#x27;')).toEqual([
            { key: '0', text: 'a <b> ', marked: false },
            { key: '1', text: 'c & d', marked: true },
            { key: '2', text: " e's 'f'", marked: false }
        ]);
    });

    it('when a highlight holds raw tags, then they stay text', () => {
        expect(parseHighlight('<img src=x onerror=alert(1)><MARK>x</MARK>')).toEqual([
            { key: '0', text: '<img src=x onerror=alert(1)>', marked: false },
            { key: '1', text: 'x', marked: true }
        ]);
        expect(parseHighlight(null)).toEqual([]);
    });
});
