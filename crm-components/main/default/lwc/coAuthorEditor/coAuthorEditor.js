import { LightningElement, api } from 'lwc';
import { defaultShares, focusIssueIn, issueAt, issuesUnder, percent } from 'c/winLossModel';

const ROLES = [
    { value: 'author', label: 'Author' },
    { value: 'co_author', label: 'Co-author' },
    { value: 'contributor', label: 'Contributor' }
];

/**
 * Who wrote the analysis and how its credit is split. Shares are optional: left empty, the
 * hub splits equally between author and co-authors and gives contributors a small share,
 * which this editor shows as each row's placeholder. Fires `valuechange` with `{ name: 'authors', value }`
 * (the new list), as every form field reports, so a form handles it with its other fields.
 */
export default class CoAuthorEditor extends LightningElement {
    @api authors = [];
    @api users = [];
    /** The whole form's validation issues: this editor shows those about `authors`. */
    @api formIssues = [];

    /** Issues about one author, re-rooted at the list (`1.share`). */
    get issues() {
        return issuesUnder(this.formIssues || [], 'authors');
    }

    /** An issue about the list as a whole (no author, shares not adding up). */
    get error() {
        const issue = (this.formIssues || []).find((i) => i.path === 'authors');
        return issue && issue.message;
    }

    get list() {
        return this.authors || [];
    }

    get rows() {
        const defaults = defaultShares(this.list);
        const userOptions = this.userOptions;
        return this.list.map((author, index) => {
            const at = (field) => issueAt(this.issues, `${index}.${field}`);
            const shareError = at('share');
            const userError = at('userId');
            const rowError = userError || shareError || at('role');
            // The person and the share are what the row's error is about; the message describes both fields.
            const invalid = !!(userError || shareError);
            return {
                ...author,
                index,
                key: `author-${index}`,
                legend: `Author ${index + 1}`,
                removeLabel: `Remove author ${index + 1}`,
                shareValue: typeof author.share === 'number' ? String(Math.round(author.share * 1000) / 10) : '',
                sharePlaceholder: `Default ${percent(defaults[index])}`,
                rowError,
                invalid,
                // The row's two choices, person then role, each a c-select-field with these properties.
                choices: [
                    {
                        field: 'userId',
                        className: 'slds-col slds-size_1-of-1 slds-medium-size_5-of-12',
                        select: {
                            label: 'Person',
                            placeholder: 'Choose a colleague…',
                            options: userOptions,
                            value: author.userId,
                            invalid,
                            description: rowError
                        }
                    },
                    {
                        field: 'role',
                        className: 'slds-col slds-size_1-of-2 slds-medium-size_3-of-12',
                        select: { label: 'Role', options: ROLES, value: author.role }
                    }
                ]
            };
        });
    }

    get userOptions() {
        return (this.users || []).map((u) => ({ value: u.id, label: u.team ? `${u.name} (${u.team})` : u.name }));
    }

    get hasCustomShares() {
        return this.list.some((a) => typeof a.share === 'number');
    }

    get totalText() {
        const total = this.list.reduce((sum, a) => sum + (typeof a.share === 'number' ? a.share : 0), 0);
        return `Shares set: ${percent(total)} of 100%`;
    }

    get defaultSplitText() {
        const names = new Map((this.users || []).map((u) => [u.id, u.name]));
        const defaults = defaultShares(this.list);
        const parts = this.list
            .filter((a) => a.userId)
            .map((a) => `${names.get(a.userId) || a.userId} ${percent(defaults[this.list.indexOf(a)])}`);
        return parts.length ? `Default split: ${parts.join(' · ')}` : '';
    }

    get groupError() {
        // Errors about the whole list (`authors`: "shares must sum to 1") belong to the group.
        return this.error;
    }

    handleAdd() {
        this.emit([...this.list, { userId: '', role: 'co_author' }]);
    }

    handleRemove(event) {
        const index = Number(event.currentTarget.dataset.index);
        this.emit(this.list.filter((_, i) => i !== index));
    }

    handleChange(event) {
        const index = Number(event.currentTarget.dataset.index);
        const field = event.currentTarget.dataset.field;
        const raw = event.target.value;
        const value = field === 'share' ? (raw === '' ? undefined : Number(raw) / 100) : raw;
        this.emit(this.list.map((a, i) => (i === index ? { ...a, [field]: value } : a)));
    }

    emit(authors) {
        this.dispatchEvent(new CustomEvent('valuechange', { detail: { name: 'authors', value: authors } }));
    }

    /**
     * Focuses the control an issue path points at (`1.stance`, `0.share`; the first control for
     * the list itself), so the form's error summary can link to it.
     */
    @api
    focusIssue(path = '') {
        focusIssueIn(this.template, path);
    }
}
