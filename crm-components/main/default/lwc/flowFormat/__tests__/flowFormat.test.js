import { csvCell, deadReasonLabel, flowCsv, formatDays, formatPercent, rolesText, toCsv } from 'c/flowFormat';

const METRICS = require('../../knowledgeFlowDashboard/__tests__/data/metrics.json');

describe('c/flowFormat', () => {
    it.each([
        [0.4762, '47.6%'],
        [1, '100%'],
        [0, '0%'],
        [null, '–']
    ])('when formatting the share %p, then it reads %s', (share, text) => {
        expect(formatPercent(share)).toBe(text);
    });

    it('when formatting days, then one day is singular and none is a dash', () => {
        expect([formatDays(18.59), formatDays(1), formatDays(null)]).toEqual(['18.6 days', '1 day', '–']);
    });

    it.each([
        ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
        ['+1', "'+1"],
        ['-2+3', "'-2+3"],
        ['@SUM(A1)', "'@SUM(A1)"],
        ['\tcmd', "'\tcmd"],
        ['plain, with comma', '"plain, with comma"'],
        [-5, '-5'],
        [null, '']
    ])('when a cell holds %p, then it is written as %s', (value, cell) => {
        expect(csvCell(value)).toBe(cell);
    });

    it('when rows become CSV, then lines end with CRLF', () => {
        expect(
            toCsv([
                ['a', 1],
                ['b', 2]
            ])
        ).toBe('a,1\r\nb,2\r\n');
    });

    it('when roles are listed, then the most frequent comes first', () => {
        expect(rolesText({ author: 1, rep: 3, leader: 1 })).toBe('Reps: 3 searches · Authors: 1 search · Leaders: 1 search');
    });

    it('when a reason is unknown, then it still reads as words', () => {
        expect([deadReasonLabel('verification_overdue'), deadReasonLabel('brand_new')]).toEqual(['Verification overdue', 'brand new']);
    });

    it('when the dashboard figures are exported, then overall and team rows carry the metric values', () => {
        const csv = flowCsv({ metrics: METRICS, period: { from: '2026-10-01', to: '2026-12-31' }, team: '' });
        const lines = csv.split('\r\n');
        expect(lines[0]).toBe('Knowledge flow,from 2026-10-01 to 2026-12-31,all teams');
        expect(lines[3].startsWith('overall,All teams,135,84,0.6222,9.81,')).toBe(true);
    });
});
