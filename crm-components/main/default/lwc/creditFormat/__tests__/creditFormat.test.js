import { creditTypeLabel, defaultPeriod, formatPoints, formatShare, isForbidden, periodRange } from 'c/creditFormat';

describe('c/creditFormat', () => {
    it.each([
        ['this_quarter', '2026-11-23', { from: '2026-10-01', to: '2026-12-31' }],
        ['last_quarter', '2026-11-23', { from: '2026-07-01', to: '2026-09-30' }],
        ['this_year', '2026-11-23', { from: '2026-01-01', to: '2026-12-31' }],
        ['this_quarter', '2028-02-29', { from: '2028-01-01', to: '2028-03-31' }],
        ['last_quarter', '2027-01-15', { from: '2026-10-01', to: '2026-12-31' }],
        ['last_quarter', '2026-04-01', { from: '2026-01-01', to: '2026-03-31' }]
    ])('when the preset is %s on %s, then the period is %p', (preset, today, range) => {
        expect(periodRange(preset, new Date(`${today}T12:00:00Z`))).toEqual(range);
    });

    it('when nothing was chosen yet, then the period is this quarter', () => {
        expect(defaultPeriod(new Date('2026-05-05T00:00:00Z'))).toEqual({ preset: 'this_quarter', from: '2026-04-01', to: '2026-06-30' });
    });

    it.each([
        [12500, '12.5 pts'],
        [0, '0.0 pts'],
        [-7500, '-7.5 pts'],
        [3333, '3.3 pts'],
        [1234567, '1,234.6 pts']
    ])('when there are %d milli-points, then they read "%s"', (milli, text) => {
        expect(formatPoints(milli)).toBe(text);
    });

    it.each([
        [1, '100%'],
        [0.5, '50%'],
        [0.333333, '33.3%'],
        [null, '']
    ])('when the share is %p, then it reads "%s"', (share, text) => {
        expect(formatShare(share)).toBe(text);
    });

    it.each([
        ['view', 'View'],
        ['attach', 'Attached to a deal'],
        ['helpful', 'Marked helpful'],
        ['derive', 'Derived'],
        ['influence', 'Won-deal influence'],
        ['influence_reversal', 'Reversal'],
        ['share_external', 'Shared with a client'],
        ['flag_outdated', 'Flag outdated']
    ])('when the line type is %s, then it is labelled "%s"', (type, label) => {
        expect(creditTypeLabel(type)).toBe(label);
    });

    it.each([
        [{ status: 403, body: { message: 'No' } }, true],
        [{ body: { code: 'forbidden', message: 'No' } }, true],
        [{ status: 404, body: { code: 'not_found' } }, false],
        [{ body: { message: 'You may only see your own credit statement' } }, false],
        [undefined, false]
    ])('when the error is %p, then forbidden is %s', (error, forbidden) => {
        expect(isForbidden(error)).toBe(forbidden);
    });
});
