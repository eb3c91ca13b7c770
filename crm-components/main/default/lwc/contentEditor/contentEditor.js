import { LightningElement, api } from 'lwc';
import {
    createContent,
    getContent,
    getMe,
    getTaxonomies,
    listUsers,
    proposeFacetValue,
    publishContent,
    submitForReview,
    updateContent
} from 'c/hubApi';
import {
    AUDIENCES,
    CONTENT_TYPES,
    emptyForm,
    FACETS,
    formFromItem,
    inputFromForm,
    proposeNewFacetValues,
    typedShareTotal,
    VISIBILITY_SCOPES
} from 'c/contentModel';
import { issueLabel, issuesOf, issuesUnder, percent, STATUS_LABELS } from 'c/winLossModel';
import { reduceErrors } from 'c/errorMessages';
import { contentTypeLabel } from 'c/knowledgeFormat';
import { UnsavedWork } from 'c/unsavedWork';

const HALF_WIDTH = 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2';
const THIRD_WIDTH = 'slds-col slds-size_1-of-1 slds-medium-size_1-of-3';
/** Half a phone's width, a third of a wider screen (the verify and expiry fields share a line). */
const HALF_THEN_THIRD = 'slds-col slds-size_1-of-2 slds-medium-size_1-of-3';

/**
 * Creates and edits any content item (win/loss analyses have their own composer). The body's
 * preview is rendered by the hub (`/api/content/preview`), so it is what readers will get. Saving
 * names the version the author started from: if someone saved in between, the author sees their
 * change and may reapply their own on top. Fires `saved` with the stored item.
 */
export default class ContentEditor extends LightningElement {
    @api contentId;
    /** A new item's starting title (a content request's query, say). */
    @api initialTitle;

    item;
    form;
    me;
    users = [];
    taxonomies = {};
    isLoading = true;
    loadError;
    loadLabels = { loading: 'Loading the editor', failure: 'This item could not be opened for editing.' };
    isSaving = false;
    issues = [];
    saveError;
    status;
    restoredNotice = false;
    /** The item as someone else saved it, after a 409. */
    conflict;
    /** `kind|value` already proposed from this editor: each new value reaches the admins once. */
    proposedKeys = new Set();

    unsaved = new UnsavedWork(() => (this.item && this.item.id) || this.contentId);

    connectedCallback() {
        this.unsaved.watch();
        this.load();
    }

    disconnectedCallback() {
        this.unsaved.unwatch();
    }

    async load() {
        this.isLoading = true;
        this.loadError = undefined;
        try {
            const [me, users, taxonomies, item] = await Promise.all([
                getMe(),
                listUsers(),
                getTaxonomies(),
                this.contentId ? getContent(this.contentId) : Promise.resolve(undefined)
            ]);
            this.me = me;
            this.users = (users && users.users) || [];
            this.taxonomies = taxonomies || {};
            this.item = item;
            this.form = item ? formFromItem(item) : { ...emptyForm(me.id), title: this.initialTitle || '' };
            this.restoreUnsaved();
        } catch (error) {
            this.loadError = error;
        } finally {
            this.isLoading = false;
        }
    }

    get version() {
        return this.item ? this.item.version : 0;
    }

    /** Work left unsaved for this item (same version) comes back, and the author is told. */
    restoreUnsaved() {
        const kept = this.unsaved.restore(this.version);
        if (kept) {
            this.form = kept;
            this.restoredNotice = true;
        }
    }

    keepUnsaved() {
        this.unsaved.keep(this.version, this.form);
    }

    handleDiscardUnsaved() {
        this.unsaved.forget();
        this.restoredNotice = false;
        this.form = this.item ? formFromItem(this.item) : emptyForm(this.me.id);
    }

    /* The form's parts. */

    /** The form shows once the item has loaded (c-load-status shows the spinner or the failure until then). */
    get showForm() {
        return !this.isLoading && !this.loadError && !!this.form;
    }

    get heading() {
        return this.item ? `Edit: ${this.item.title}` : 'New content';
    }

    get statusLabel() {
        return this.item ? STATUS_LABELS[this.item.status] || this.item.status : 'New';
    }

    get sentBackComment() {
        return this.item && this.item.status === 'draft' && this.item.reviewComment;
    }

    /** Type, audience, title and summary, as c-field-list renders them. */
    get headFields() {
        const f = this.form;
        return [
            { name: 'contentType', label: 'Type', options: this.typeOptions, value: f.contentType, columnClass: HALF_WIDTH },
            { name: 'audience', label: 'Audience', options: AUDIENCES, value: f.audience, columnClass: HALF_WIDTH },
            { name: 'title', label: 'Title', value: f.title, error: this.issueText('title'), required: true, maxLength: 300 },
            {
                name: 'summary',
                label: 'Summary',
                value: f.summary,
                error: this.issueText('summary'),
                multiline: true,
                rows: 2,
                maxLength: 2000
            }
        ];
    }

    /** A win/loss analysis opened here (from a notification, say) keeps its type. */
    get typeOptions() {
        return CONTENT_TYPES.some((t) => t.value === this.form.contentType)
            ? CONTENT_TYPES
            : [...CONTENT_TYPES, { value: this.form.contentType, label: contentTypeLabel(this.form.contentType) }];
    }

    scopeOptions = VISIBILITY_SCOPES;

    /** The choice a scope needs under it, as a c-checkbox-group: its teams, or a confidential item's people (none for the others). */
    get audienceGroups() {
        if (this.form.scope === 'teams') {
            return [{ name: 'teams', choice: { name: 'teams', label: 'Teams', options: this.teamOptions } }];
        }
        if (this.form.scope === 'confidential') {
            return [{ name: 'people', className: 'people', choice: { name: 'people', label: 'People', options: this.peopleOptions } }];
        }
        return [];
    }

    get teamOptions() {
        const teams = [...new Set(this.users.map((u) => u.team).filter(Boolean))].sort();
        return teams.map((team) => ({ value: team, checked: this.form.teams.includes(team) }));
    }

    get peopleOptions() {
        return this.users.map((u) => ({
            value: u.id,
            label: u.name,
            checked: this.form.people.includes(u.id)
        }));
    }

    /** Who keeps it current, how often it is verified and when it expires: read when each field is left. */
    get keepFields() {
        const f = this.form;
        return [
            {
                name: 'owner',
                label: 'Owner (keeps it current)',
                options: this.users.map((u) => ({ value: u.id, label: u.name })),
                value: f.owner,
                columnClass: THIRD_WIDTH
            },
            {
                name: 'verifyEveryDays',
                label: 'Verify every (days)',
                type: 'number',
                min: 1,
                max: 3650,
                value: f.verifyEveryDays,
                updateOn: 'change',
                columnClass: HALF_THEN_THIRD
            },
            { name: 'expiresAt', label: 'Expires on', type: 'date', value: f.expiresAt, updateOn: 'change', columnClass: HALF_THEN_THIRD }
        ];
    }

    get facets() {
        return FACETS.map((f) => ({
            field: f.field,
            // c-facet-picker's properties.
            picker: {
                name: f.field,
                label: f.label,
                values: this.form[f.field],
                options: (this.taxonomies[f.field] || []).map((t) => t.value)
            }
        }));
    }

    get linkIssues() {
        return issuesUnder(this.issues, 'links');
    }

    get shareTotalText() {
        const total = typedShareTotal(this.form.authors);
        return total === null
            ? 'No shares typed: the default split applies.'
            : `Shares total ${percent(total)}${Math.abs(total - 1) < 1e-6 ? '' : ' — they must add up to 100%'}`;
    }

    get bodyError() {
        return this.issueText('body');
    }

    issueText(path) {
        const issue = this.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`));
        return issue && issue.message;
    }

    get hasIssues() {
        return this.issues.length > 0;
    }

    get issueList() {
        return this.issues.map((i, index) => ({ key: `issue-${index}`, text: `${issueLabel(i.path)}: ${i.message}` }));
    }

    /** Admins may publish any type at once; everyone else submits (types without review publish on submit). */
    get mayPublishNow() {
        return !!this.me && this.me.role === 'admin';
    }

    get isInReview() {
        return !!this.item && this.item.status === 'in_review';
    }

    get submitLabel() {
        return this.isInReview ? 'Save (stays in review)' : 'Submit for review';
    }

    get names() {
        return Object.fromEntries(this.users.map((u) => [u.id, u.name]));
    }

    /* Changes. */

    setField(name, value) {
        this.form = { ...this.form, [name]: value };
        this.keepUnsaved();
    }

    handleValue(event) {
        this.setField(event.detail.name, event.detail.value);
    }

    handlePreviewFailed(event) {
        this.status = event.detail.message;
    }

    handleFacet(event) {
        this.setField(event.detail.name, event.detail.values);
    }

    handleScope(event) {
        this.setField('scope', event.detail.value);
    }

    /** A team or a person ticked or cleared (the group's name is the form field). */
    handleTick(event) {
        const { name, value, checked } = event.detail;
        const list = this.form[name].filter((v) => v !== value);
        this.setField(name, checked ? [...list, value] : list);
    }

    /* Saving. */

    handleSaveDraft() {
        this.save('draft');
    }

    handleSubmit() {
        this.save('submit');
    }

    handlePublish() {
        this.save('publish');
    }

    async save(intent) {
        if (this.isSaving) {
            return;
        }
        this.isSaving = true;
        this.issues = [];
        this.saveError = undefined;
        this.status = undefined;
        try {
            const input = inputFromForm(this.form);
            let item;
            if (this.item) {
                const { kind, contentType, ...changes } = input;
                item = await updateContent(this.item.id, this.item.version, { kind, contentType, ...changes });
            } else {
                item = await createContent(input);
            }
            this.adopt(item);
            if (intent === 'submit' && item.status === 'draft') {
                this.adopt(await submitForReview(item.id, item.version));
            } else if (intent === 'publish' && item.status !== 'published') {
                this.adopt(await publishContent(item.id, item.version));
            }
            this.unsaved.forget();
            this.restoredNotice = false;
            // Values the taxonomies lack reach the admins once the item is saved (it carries them meanwhile).
            const proposed = await proposeNewFacetValues(this.form, this.taxonomies, this.proposedKeys, (kind, value) =>
                proposeFacetValue(kind, value, this.item.id)
            );
            this.status =
                this.item.status === 'in_review'
                    ? 'Submitted for review.'
                    : this.item.status === 'published'
                      ? 'Published.'
                      : 'Draft saved.';
            if (proposed.length) {
                this.status += ` Proposed to the admins as new values: ${proposed.join(', ')}.`;
            }
            this.dispatchEvent(new CustomEvent('saved', { detail: { id: this.item.id, status: this.item.status } }));
        } catch (error) {
            this.failed(error);
        } finally {
            this.isSaving = false;
        }
    }

    /** The stored item becomes the base of further edits (its version, its key for unsaved work). */
    adopt(item) {
        const wasNew = !this.item;
        if (wasNew) {
            this.unsaved.forget();
        }
        this.item = item;
    }

    failed(error) {
        if (error && error.status === 409 && error.body && error.body.details && error.body.details.currentVersion) {
            this.loadConflict();
            return;
        }
        this.issues = issuesOf(error);
        this.saveError = this.issues.length ? 'Some fields need attention.' : reduceErrors(error).join(' ');
        Promise.resolve().then(() => {
            const summary = this.template.querySelector('.save-error');
            if (summary) {
                summary.focus();
            }
        });
    }

    async loadConflict() {
        try {
            this.conflict = await getContent(this.item.id);
        } catch (error) {
            this.saveError = reduceErrors(error).join(' ');
        }
    }

    /** Keeps the author's form and bases it on their version: the next save writes mine over theirs. */
    handleReapply() {
        this.item = this.conflict;
        this.conflict = undefined;
        this.keepUnsaved();
        this.status = 'Your changes are now based on their version. Check them, then save again.';
    }

    handleTakeTheirs() {
        this.item = this.conflict;
        this.conflict = undefined;
        this.unsaved.forget();
        this.form = formFromItem(this.item);
        this.status = 'Their version is loaded; your changes were discarded.';
    }

    /** The shell focuses the page's heading after a navigation. */
    @api
    focusHeading() {
        const heading = this.template.querySelector('h1');
        if (heading) {
            heading.focus();
        } else {
            this.headingFocusWanted = true;
        }
    }

    renderedCallback() {
        if (this.headingFocusWanted) {
            const heading = this.template.querySelector('h1');
            if (heading) {
                this.headingFocusWanted = false;
                heading.focus();
            }
        }
    }
}
