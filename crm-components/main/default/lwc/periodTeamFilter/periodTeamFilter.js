import { LightningElement, api } from 'lwc';
import { defaultPeriod } from 'c/creditFormat';

/**
 * What a team report is about: a credit period and a team ("All teams" is the empty value), with
 * an optional note beside them (what the figures cover). Fires `periodchange` with the period and
 * `teamchange` with `{ value }`.
 */
export default class PeriodTeamFilter extends LightningElement {
    @api period = defaultPeriod();
    /** The team names to choose from. */
    @api teams = [];
    @api team = '';
    @api note;

    get teamFields() {
        const options = (this.teams || []).map((value) => ({ value }));
        return [{ name: 'team', label: 'Team', placeholder: 'All teams', options, value: this.team }];
    }

    handlePeriodChange(event) {
        this.dispatchEvent(new CustomEvent('periodchange', { detail: event.detail }));
    }

    handleTeamChange(event) {
        this.dispatchEvent(new CustomEvent('teamchange', { detail: { value: event.detail.value } }));
    }
}
