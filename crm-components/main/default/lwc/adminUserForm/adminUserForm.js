import { LightningElement, api } from 'lwc';

export const ROLE_OPTIONS = [
    { value: 'rep', label: 'Salesperson' },
    { value: 'author', label: 'Author' },
    { value: 'leader', label: 'Sales leader' },
    { value: 'admin', label: 'Admin' }
];

const REQUIRED = { name: 'Enter a name.', email: 'Enter an email address.', team: 'Enter a team.' };

/**
 * Creates a user, or edits one (`user` given): name, email (on creation only: it is the sign-in
 * identity), role, team, the teams they lead and their Salesforce user id. Fires `save` with
 * the values the hub expects; the parent calls the hub and passes back `error`.
 */
export default class AdminUserForm extends LightningElement {
    @api saving = false;
    @api error;
    values = { name: '', email: '', role: 'rep', team: '', leadsTeams: '', salesforceUserId: '' };
    fieldErrors = {};
    editing;

    @api
    get user() {
        return this.editing;
    }
    set user(value) {
        this.editing = value;
        if (value) {
            this.values = {
                name: value.name,
                email: value.email || '',
                role: value.role,
                team: value.team,
                leadsTeams: (value.leadsTeams || []).join(', '),
                salesforceUserId: value.salesforceUserId || ''
            };
        }
    }

    get isNew() {
        return !this.editing;
    }

    get title() {
        return this.editing ? `Edit ${this.editing.name}` : 'New user';
    }

    get roleOptions() {
        return ROLE_OPTIONS.map((o) => ({ ...o, selected: o.value === this.values.role }));
    }

    get saveLabel() {
        return this.saving ? 'Saving…' : this.editing ? 'Save changes' : 'Create user';
    }

    handleValue(event) {
        this.values = { ...this.values, [event.detail.name]: event.detail.value };
    }

    handleRole(event) {
        this.values = { ...this.values, role: event.target.value };
    }

    handleSubmit(event) {
        event.preventDefault();
        const fields = this.isNew ? ['name', 'email', 'team'] : ['name', 'team'];
        this.fieldErrors = Object.fromEntries(fields.filter((f) => !this.values[f].trim()).map((f) => [f, REQUIRED[f]]));
        const firstInvalid = fields.find((f) => this.fieldErrors[f]);
        if (firstInvalid) {
            // After the re-render, so the field already carries its error.
            Promise.resolve().then(() => this.template.querySelector(`c-form-field[data-name="${firstInvalid}"]`).focus());
            return;
        }
        const v = this.values;
        const changes = {
            name: v.name.trim(),
            role: v.role,
            team: v.team.trim(),
            leadsTeams: v.leadsTeams.split(',').map((t) => t.trim()).filter(Boolean),
            salesforceUserId: v.salesforceUserId.trim() || (this.isNew ? undefined : null)
        };
        if (this.isNew) {
            changes.email = v.email.trim();
        }
        this.dispatchEvent(new CustomEvent('save', { detail: changes }));
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    @api
    focus() {
        const first = this.template.querySelector('c-form-field');
        if (first) {
            first.focus();
        }
    }
}
