import { LightningElement, api } from 'lwc';

export const ROLE_OPTIONS = [
    { value: 'rep', label: 'Salesperson' },
    { value: 'author', label: 'Author' },
    { value: 'leader', label: 'Sales leader' },
    { value: 'admin', label: 'Admin' }
];

export const CHAT_OPTIONS = [
    { value: '', label: 'None' },
    { value: 'slack', label: 'Slack' },
    { value: 'teams', label: 'Microsoft Teams' }
];

/** The form's fields in order; those with `options` are selects. Email only on creation, the chat id only with a chat. */
const FIELDS = [
    { name: 'name', label: 'Name', required: true, maxLength: 200 },
    { name: 'email', label: 'Email', required: true, maxLength: 320, onlyNew: true },
    { name: 'role', label: 'Role', options: ROLE_OPTIONS },
    { name: 'team', label: 'Team', required: true, maxLength: 100 },
    { name: 'leadsTeams', label: 'Leads teams', help: "Team names separated by commas; leaders see these teams' credits and reviews." },
    { name: 'salesforceUserId', label: 'Salesforce user id', help: '15 or 18 letters and digits, as Salesforce shows it.', maxLength: 18 },
    { name: 'chatProvider', label: 'Chat', options: CHAT_OPTIONS },
    { name: 'chatUserId', label: 'Chat user id', required: true, maxLength: 320, onlyWithChat: true }
];

const HALF_WIDTH = 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2';

const REQUIRED = {
    name: 'Enter a name.',
    email: 'Enter an email address.',
    team: 'Enter a team.',
    chatUserId: 'Enter the chat user id, or choose None.'
};

/**
 * Creates a user, or edits one (`user` given): name, email (on creation only: it is the sign-in
 * identity), role, team, the teams they lead, their Salesforce user id and their chat account
 * (the expert profile's chat link opens it). Fires `save` with
 * the values the hub expects; the parent calls the hub and passes back `error`.
 */
export default class AdminUserForm extends LightningElement {
    @api saving = false;
    @api error;
    values = { name: '', email: '', role: 'rep', team: '', leadsTeams: '', salesforceUserId: '', chatProvider: '', chatUserId: '' };
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
                salesforceUserId: value.salesforceUserId || '',
                chatProvider: value.chatProvider || '',
                chatUserId: value.chatUserId || ''
            };
        }
    }

    get isNew() {
        return !this.editing;
    }

    get title() {
        return this.editing ? `Edit ${this.editing.name}` : 'New user';
    }

    get fields() {
        return FIELDS.filter((f) => (!f.onlyNew || this.isNew) && (!f.onlyWithChat || this.hasChat)).map((f) => ({
            ...f,
            help: f.name === 'chatUserId' ? this.chatHelp : f.help,
            value: this.values[f.name],
            error: this.fieldErrors[f.name],
            columnClass: HALF_WIDTH
        }));
    }

    get hasChat() {
        return !!this.values.chatProvider;
    }

    get chatHelp() {
        return this.values.chatProvider === 'slack'
            ? 'The Slack member id (U… or W…): in Slack, the profile’s “Copy member ID”.'
            : 'The Teams sign-in name, usually the work email.';
    }

    get saveLabel() {
        return this.saving ? 'Saving…' : this.editing ? 'Save changes' : 'Create user';
    }

    handleValue(event) {
        this.values = { ...this.values, [event.detail.name]: event.detail.value };
    }

    handleSubmit(event) {
        event.preventDefault();
        const fields = [...(this.isNew ? ['name', 'email', 'team'] : ['name', 'team']), ...(this.hasChat ? ['chatUserId'] : [])];
        this.fieldErrors = Object.fromEntries(fields.filter((f) => !this.values[f].trim()).map((f) => [f, REQUIRED[f]]));
        const firstInvalid = fields.find((f) => this.fieldErrors[f]);
        if (firstInvalid) {
            // After the re-render, so the field already carries its error.
            Promise.resolve().then(() => this.template.querySelector('c-field-list').focusField(firstInvalid));
            return;
        }
        const v = this.values;
        const changes = {
            name: v.name.trim(),
            role: v.role,
            team: v.team.trim(),
            leadsTeams: v.leadsTeams
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            salesforceUserId: v.salesforceUserId.trim() || (this.isNew ? undefined : null)
        };
        if (this.isNew) {
            changes.email = v.email.trim();
        }
        // The hub takes provider and id together, and only when they change; None clears both.
        const chatUserId = v.chatProvider ? v.chatUserId.trim() : null;
        const before = this.editing || {};
        if ((v.chatProvider || null) !== (before.chatProvider || null) || chatUserId !== (before.chatUserId || null)) {
            changes.chatProvider = v.chatProvider || null;
            changes.chatUserId = chatUserId;
        }
        this.dispatchEvent(new CustomEvent('save', { detail: changes }));
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    @api
    focus() {
        this.template.querySelector('c-field-list').focus();
    }
}
