import PeriodTeamFilter from 'c/periodTeamFilter';
import { deepText, fixClock, mount, resetDom, selectIn } from 'jest-utils';

function choose(select, value) {
    select.value = value;
    select.dispatchEvent(new CustomEvent('change', { bubbles: true }));
}

describe('c-period-team-filter', () => {
    beforeEach(() => fixClock('2026-11-23T10:00:00Z'));
    afterEach(() => {
        resetDom();
        jest.useRealTimers();
    });

    it('when given teams, then the team select offers "All teams" and each team, with the chosen one selected', async () => {
        const element = await mount('c-period-team-filter', PeriodTeamFilter, {
            teams: ['APAC Growth', 'DACH Enterprise'],
            team: 'DACH Enterprise'
        });
        const team = selectIn(element.shadowRoot, 'Team');
        expect(Array.from(team.options, (o) => o.textContent)).toEqual(['All teams', 'APAC Growth', 'DACH Enterprise']);
        expect(team.value).toBe('DACH Enterprise');
        expect(selectIn(element.shadowRoot, 'Period').value).toBe('this_quarter');
        await expect(element).toBeAccessible();
    });

    it('when the team or the period changes, then teamchange and periodchange say what was chosen', async () => {
        const element = await mount('c-period-team-filter', PeriodTeamFilter, { teams: ['APAC Growth'] });
        const onTeam = jest.fn();
        const onPeriod = jest.fn();
        element.addEventListener('teamchange', onTeam);
        element.addEventListener('periodchange', onPeriod);
        choose(selectIn(element.shadowRoot, 'Team'), 'APAC Growth');
        choose(selectIn(element.shadowRoot, 'Period'), 'last_quarter');
        expect(onTeam.mock.calls[0][0].detail).toEqual({ value: 'APAC Growth' });
        expect(onPeriod.mock.calls[0][0].detail).toMatchObject({ preset: 'last_quarter', from: '2026-07-01', to: '2026-09-30' });
    });

    it('when a note is given, then it shows beside the choices', async () => {
        const element = await mount('c-period-team-filter', PeriodTeamFilter, { note: 'All teams you can see' });
        expect(deepText(element)).toContain('All teams you can see');
    });
});
