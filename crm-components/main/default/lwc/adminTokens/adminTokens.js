import { LightningElement } from 'lwc';
import { issueToken, listTokens, listUsers, revokeToken } from 'c/hubApi';
import { formatDate } from 'c/knowledgeFormat';
import { track } from 'c/loadState';
import { adminSection } from 'c/adminSections';

const COLUMNS = [
    { fieldName: 'labelText', label: 'Label', rowHeader: true },
    { fieldName: 'createdText', label: 'Issued' },
    { fieldName: 'expiresText', label: 'Expires' },
    { fieldName: 'statusText', label: 'Status' },
    { fieldName: 'actions', label: 'Actions', hiddenLabel: true, type: 'actions' }
];

/** A new token's label and lifetime, read when it is issued. */
const LABEL_FIELD = { name: 'label', label: 'Label', maxLength: 100, placeholder: 'e.g. Salesforce integration', updateOn: 'change' };
const EXPIRES_FIELD = {
    name: 'expiresInDays',
    label: 'Expires in days',
    type: 'number',
    min: 1,
    max: 3650,
    placeholder: 'never',
    updateOn: 'change',
    columnClass: 'slds-col slds-no-flex'
};

/**
 * API tokens per user: issue one (its secret is shown here once: the hub keeps only a hash),
 * see which exist, revoke one. Each issue and revocation is audited by the hub.
 */
export default class AdminTokens extends LightningElement {
    users;
    userId = '';
    tokens;
    error;
    isLoading = true;
    section = adminSection('tokens');
    loadLabels = { loading: 'Loading users' };
    tokensLoading = false;
    label = '';
    expiresInDays = '';
    issued;
    issueError;
    issuing = false;
    columns = COLUMNS;

    async connectedCallback() {
        await track(this, async () => {
            this.users = (await listUsers()).users.filter((u) => u.active);
        });
    }

    /** The user whose tokens are shown, as a c-field-list field (it gives the select its margin below). */
    get userFields() {
        const options = (this.users || []).map((u) => ({ value: u.id, label: `${u.name} (${u.email || u.id})` }));
        return [{ name: 'userId', label: 'User', placeholder: 'Choose a user…', options, value: this.userId }];
    }

    /** The users answered (a failure shows with the tokens' error, under the user choice). */
    get loaded() {
        return !this.isLoading;
    }

    get hasUser() {
        return !!this.userId;
    }

    get selectedName() {
        const user = (this.users || []).find((u) => u.id === this.userId);
        return user ? user.name : '';
    }

    get rows() {
        return (this.tokens || []).map((t) => ({
            key: t.id,
            labelText: t.label || 'No label',
            createdText: formatDate(t.createdAt),
            expiresText: t.expiresAt ? formatDate(t.expiresAt) : 'Never',
            statusText: t.revokedAt ? `Revoked ${formatDate(t.revokedAt)}` : 'Active',
            actions: t.revokedAt
                ? []
                : [{ name: 'revoke', label: 'Revoke', ariaLabel: `Revoke token ${t.label || t.id}`, variant: 'destructive' }]
        }));
    }

    get tableCaption() {
        return `Tokens of ${this.selectedName}`;
    }

    get hasTokens() {
        return this.rows.length > 0;
    }

    async handleUser(event) {
        this.userId = event.detail.value;
        this.issued = undefined;
        await this.loadTokens();
    }

    async loadTokens() {
        if (!this.userId) {
            this.tokens = undefined;
            return;
        }
        await track(
            this,
            async () => {
                this.tokens = (await listTokens(this.userId)).tokens;
            },
            { busy: 'tokensLoading' }
        );
    }

    get issueFields() {
        return [
            { ...LABEL_FIELD, value: this.label },
            { ...EXPIRES_FIELD, value: this.expiresInDays }
        ];
    }

    /** `label` or `expiresInDays`, as the fields are named. */
    handleIssueField(event) {
        this[event.detail.name] = event.detail.value;
    }

    async handleIssue(event) {
        event.preventDefault();
        const days = Number.parseInt(this.expiresInDays, 10);
        const issued = await track(
            this,
            () => issueToken(this.userId, { label: this.label.trim(), expiresInDays: Number.isFinite(days) ? days : undefined }),
            { busy: 'issuing', error: 'issueError' }
        );
        if (issued) {
            this.issued = issued;
            this.label = '';
            this.expiresInDays = '';
            await this.loadTokens();
            // The secret is what the admin came for: move them to it.
            Promise.resolve().then(() => this.template.querySelector('.issued-token').focus());
        }
    }

    handleCopied() {
        this.issued = undefined;
    }

    handleSelectToken(event) {
        event.target.select();
    }

    async handleRevoke(event) {
        const tokenId = event.detail.key;
        try {
            await revokeToken(this.userId, tokenId);
            this.template.querySelector('c-status-message').announce('success', 'Token revoked: it no longer works.');
            await this.loadTokens();
        } catch (error) {
            this.template
                .querySelector('c-status-message')
                .announce('error', `The token could not be revoked: ${(error.body && error.body.message) || error.message}`);
        }
    }
}
