import { LightningElement, api } from 'lwc';
import { createWinLoss, getMe, getTaxonomies, getWinLoss, getWinLossDraft, listUsers, submitForReview, updateWinLoss } from 'c/hubApi';
import {
    MAX_REASONS,
    OUTCOMES,
    STATUS_LABELS,
    checkForm,
    formFromInput,
    formFromItem,
    inputFromForm,
    issueAt,
    issueLabel,
    issuesOf,
    issuesUnder
} from 'c/winLossModel';
import { KeyedLoader } from 'c/keyedLoader';

/**
 * The text fields in the order the form shows them, by section (the first has no heading; the
 * stakeholders follow the customer's situation). `name` is the API path, so a 400 issue finds its
 * field by name.
 */
const SECTIONS = [
    {
        key: 'summary',
        fields: [
            {
                name: 'title',
                label: 'Title',
                required: true,
                help: 'What a seller should learn from this deal, e.g. "Lost to Geotab on telematics price in mid-market logistics".'
            },
            { name: 'summary', label: 'Summary', multiline: true, rows: 3 }
        ]
    },
    {
        key: 'competition',
        heading: 'Competition',
        fields: [
            { name: 'competitorAnalysis.winner', label: 'Who won (if not us)' },
            { name: 'competitorAnalysis.why', label: 'Why they won, or why we beat them', multiline: true, rows: 3 }
        ]
    },
    {
        key: 'situation',
        heading: 'The customer',
        withStakeholders: true,
        fields: [
            { name: 'situation', label: 'Customer situation', multiline: true, rows: 3 },
            { name: 'challenges', label: 'Challenges they needed solved', multiline: true, rows: 3 }
        ]
    },
    {
        key: 'decision',
        heading: 'The decision',
        fields: [
            { name: 'decisionCriteria', label: 'Decision criteria', help: 'One per line.', multiline: true, rows: 3 },
            { name: 'decisionProcess.timeline', label: 'Decision timeline' },
            { name: 'decisionProcess.committee', label: 'Decision committee' }
        ]
    },
    {
        key: 'lessons',
        heading: 'Lessons',
        fields: [
            { name: 'whatWorked', label: 'What worked', help: 'One per line.', multiline: true, rows: 3 },
            { name: 'whatToAvoid', label: 'What to avoid', help: 'One per line.', multiline: true, rows: 3 },
            { name: 'lessons', label: 'Lessons for the next seller', help: 'One per line.', multiline: true, rows: 3 }
        ]
    }
];

/**
 * The win/loss analysis of a closed opportunity: starts from the hub's CRM-filled draft (or
 * the analysis already written), saves drafts, submits for review, and puts the hub's 400
 * issues next to the fields they are about. A quick close-out mode creates a short draft.
 */
export default class WinLossComposer extends LightningElement {
    isLoading = false;
    loadError;
    loadLabels = { loading: 'Loading the win/loss analysis', failure: 'The win/loss analysis could not be loaded.' };
    opportunity;
    form;
    /** The saved analysis: `{ id, version, status, reviewComment }`; undefined until first save. */
    item;
    reasonCodes = [];
    users = [];
    issues = [];
    saveError;
    saveErrorMessage;
    isConflict = false;
    busyAction;
    isQuickMode = false;
    /** Someone else's analysis the viewer may not open: `{ ownerName, status }`. */
    othersAnalysis;
    /** Where an item opens (`{id}` is replaced); the standalone page's route by default. */
    @api contentHrefPattern = './#/content/{id}';
    /** Set when the error summary appears: the next render moves focus onto it. */
    summaryFocusPending = false;

    draftLoader = new KeyedLoader(loadAnalysis, (state) => this.showAnalysis(state));

    /** The record page may set or change the id after we connect; a new id loads that deal's analysis. */
    @api
    get recordId() {
        return this.draftLoader.key;
    }
    set recordId(value) {
        this.draftLoader.update(value);
    }

    connectedCallback() {
        this.draftLoader.connect();
    }

    disconnectedCallback() {
        this.draftLoader.disconnect();
    }

    /** The error panel's retry, and the reload after a conflicting save. */
    load() {
        this.draftLoader.reload();
    }

    showAnalysis({ loading, data, error }) {
        this.isLoading = loading;
        this.loadError = error;
        if (loading) {
            this.clearSaveError();
        }
        if (!data) {
            return;
        }
        this.opportunity = data.opportunity;
        this.reasonCodes = data.reasonCodes;
        this.users = data.users;
        this.othersAnalysis = data.othersAnalysis;
        this.item = data.item ? itemState(data.item) : undefined;
        this.form = data.form;
    }

    get isClosed() {
        return !!(this.opportunity && this.opportunity.isClosed);
    }

    /** Neither loading nor failed (c-load-status shows those): the analysis or its explanation shows. */
    get isSettled() {
        return !this.isLoading && !this.loadError;
    }

    get isReady() {
        return this.isClosed && !!this.form;
    }

    get statusLabel() {
        return this.item ? STATUS_LABELS[this.item.status] || this.item.status : 'Not saved yet';
    }

    /** Once submitted the reviewers own the text; a rejection brings it back as a draft. */
    get isEditable() {
        return !this.item || this.item.status === 'draft';
    }

    get lockedMessage() {
        return this.item && this.item.status === 'in_review'
            ? 'This analysis is waiting for a leader’s review. It can be edited again if it is returned.'
            : 'This analysis is published. Sellers on similar deals can find it.';
    }

    get othersMessage() {
        const a = this.othersAnalysis;
        return a.status === 'published'
            ? `${a.ownerName} published the analysis of this deal; it is not shared with you.`
            : `The analysis of this deal is being written by ${a.ownerName}.`;
    }

    /** A published analysis is linked, so a teammate can read it rather than a status line. */
    get publishedHref() {
        return this.item && this.item.status === 'published'
            ? this.contentHrefPattern.replace('{id}', encodeURIComponent(this.item.id))
            : null;
    }

    get publishedTitle() {
        return this.form ? this.form.title : '';
    }

    get reviewComment() {
        return this.item && this.item.status === 'draft' ? this.item.reviewComment : null;
    }

    get canQuickCloseOut() {
        return !this.item;
    }

    get quickPressed() {
        return this.isQuickMode ? 'true' : 'false';
    }

    get isSaving() {
        return !!this.busyAction;
    }

    get saveLabel() {
        return this.busyAction === 'save' ? 'Saving…' : 'Save draft';
    }

    get submitLabel() {
        return this.busyAction === 'submit' ? 'Submitting…' : 'Submit for review';
    }

    get fieldSections() {
        return SECTIONS.map((section) => ({
            ...section,
            fields: section.fields.map((field) => ({ ...field, value: this.form[field.name], error: issueAt(this.issues, field.name) }))
        }));
    }

    outcomes = OUTCOMES;

    get reasonOptions() {
        const full = this.form.reasons.length >= MAX_REASONS;
        return this.reasonCodes.map((code) => {
            const reason = this.form.reasons.find((r) => r.code === code);
            return {
                value: code,
                checked: !!reason,
                disabled: full && !reason,
                detail: reason ? reason.text : '',
                detailLabel: `Detail for “${code}” (optional)`
            };
        });
    }

    get reasonsHelp() {
        return `Choose 1 to ${MAX_REASONS}. ${this.form.reasons.length} selected.`;
    }

    get outcomeError() {
        return issueAt(this.issues, 'outcome');
    }
    get reasonsError() {
        return issueAt(this.issues, 'reasons');
    }
    get stakeholderIssues() {
        return issuesUnder(this.issues, 'stakeholders');
    }
    get stakeholdersError() {
        return exactIssue(this.issues, 'stakeholders');
    }

    /** An edited field's old error no longer describes it. */
    update(path, value) {
        this.form = { ...this.form, [path]: value };
        this.issues = this.issues.filter((i) => i.path !== path && !i.path.startsWith(`${path}.`));
    }

    handleFieldChange(event) {
        this.update(event.detail.name, event.detail.value);
    }

    handleOutcome(event) {
        this.update('outcome', event.detail.value);
    }

    handleReasonToggle(event) {
        const { value, checked } = event.detail;
        const rest = this.form.reasons.filter((r) => r.code !== value);
        this.update('reasons', checked ? [...rest, { code: value, text: '' }] : rest);
    }

    handleReasonText(event) {
        const { value, text } = event.detail;
        this.update(
            'reasons',
            this.form.reasons.map((r) => (r.code === value ? { ...r, text } : r))
        );
    }

    handleStakeholders(event) {
        this.update('stakeholders', event.detail.stakeholders);
    }

    toggleQuickMode() {
        this.isQuickMode = !this.isQuickMode;
    }

    handleQuickSaved(event) {
        const { item } = event.detail;
        const authors = this.form.authors;
        this.item = itemState(item);
        this.form = formFromItem(item);
        if (!this.form.authors.length) {
            this.form = { ...this.form, authors };
        }
        this.isQuickMode = false;
        this.announce('success', 'Close-out saved as a draft. Add the full analysis below whenever you can.');
    }

    handleFormSubmit(event) {
        event.preventDefault();
        this.handleSave();
    }

    async handleSave() {
        await this.run('save', async () => {
            await this.save();
            this.announce('success', 'Draft saved.');
        });
    }

    async handleSubmit() {
        await this.run('submit', async () => {
            await this.save();
            this.item = itemState(await submitForReview(this.item.id, this.item.version));
            this.announce('success', 'Submitted for review. A leader will approve it or send it back with a comment.');
        });
    }

    /** POST the first time, then PATCH with the version we edited so nobody's save is lost. */
    async save() {
        const input = inputFromForm(this.form, this.recordId);
        if (this.item) {
            // An analysis stays with its deal; the PATCH schema does not take the opportunity.
            const changes = { ...input };
            delete changes.opportunityId;
            this.item = itemState(await updateWinLoss(this.item.id, this.item.version, changes));
        } else {
            this.item = itemState(await createWinLoss(input));
        }
    }

    async run(action, work) {
        if (this.busyAction) {
            return;
        }
        this.clearSaveError();
        // The hub's own checks, made here first: nothing is sent while a field is wrong.
        const local = checkForm(this.form);
        if (local.length) {
            this.issues = local;
            this.saveErrorMessage = `${local.length === 1 ? 'One field needs' : `${local.length} fields need`} attention before this can be ${action === 'submit' ? 'submitted' : 'saved'}.`;
            this.summaryFocusPending = true;
            return;
        }
        this.busyAction = action;
        try {
            await work();
        } catch (error) {
            this.showSaveError(action, error);
        } finally {
            this.busyAction = undefined;
        }
    }

    clearSaveError() {
        this.saveError = undefined;
        this.isConflict = false;
        this.issues = [];
    }

    showSaveError(action, error) {
        const status = error && (error.status || (error.body && error.body.status));
        const code = error && error.body && error.body.code;
        this.issues = issuesOf(error);
        this.saveError = error;
        this.isConflict = status === 409 || code === 'conflict';
        if (this.isConflict) {
            this.saveErrorMessage =
                'Someone saved this analysis after you opened it. Reload it to see their changes; your edits here were not saved.';
        } else if (this.issues.length) {
            this.saveErrorMessage = `${this.issues.length === 1 ? 'One field needs' : `${this.issues.length} fields need`} attention. Nothing was saved.`;
            this.summaryFocusPending = true;
        } else if (action === 'submit' && this.item && this.item.status === 'draft') {
            this.saveErrorMessage = 'The draft was saved, but it could not be submitted for review.';
        } else {
            this.saveErrorMessage = 'The analysis could not be saved.';
        }
    }

    announce(variant, message) {
        this.template.querySelector('c-status-message').announce(variant, message);
    }

    /** Field issues, as the summary lists them: "Title: Give the analysis a title." */
    get hasIssues() {
        return this.issues.length > 0;
    }

    get issueLinks() {
        return this.issues.map((issue, index) => ({
            key: `${index}-${issue.path}`,
            path: issue.path,
            text: `${issueLabel(issue.path)}: ${issue.message}`
        }));
    }

    /** Errors that are not about a field (conflict, network) keep the error panel. */
    get showErrorPanel() {
        return !!this.saveError && !this.hasIssues;
    }

    /**
     * After Submit at the bottom of a long form, the summary at its top takes focus (and so
     * scrolls into view), so a keyboard or screen-reader user learns what is wrong at once.
     */
    renderedCallback() {
        if (this.summaryFocusPending) {
            const summary = this.template.querySelector('.error-summary');
            if (summary) {
                this.summaryFocusPending = false;
                summary.focus();
            }
        }
    }

    /** A summary link: focus the field it names. */
    handleIssueLink(event) {
        const path = event.currentTarget.dataset.path;
        const [top, ...rest] = path.split('.');
        if (top === 'stakeholders' || top === 'authors') {
            this.template.querySelector(top === 'stakeholders' ? 'c-stakeholder-editor' : 'c-co-author-editor').focusIssue(rest.join('.'));
            return;
        }
        if (top === 'outcome' || top === 'reasons') {
            this.template.querySelector(`[data-name="${top}"]`).focus();
            return;
        }
        [...this.template.querySelectorAll('c-field-list')].some((list) => list.focusField(path));
    }
}

/**
 * What the composer starts from for one deal: the hub's CRM-filled draft or the analysis already
 * written (or only who is writing it, when it is a teammate's), the reason codes, the directory
 * for co-authors, and the viewer as the first author of a new analysis.
 */
async function loadAnalysis(recordId) {
    const [draft, taxonomies, usersResponse, me] = await Promise.all([
        getWinLossDraft(recordId),
        getTaxonomies(),
        // Without the directory only co-author picking suffers; the form still works.
        listUsers().catch(() => ({ users: [] })),
        getMe()
    ]);
    const loaded = {
        opportunity: draft.opportunity,
        reasonCodes: (taxonomies.reasonCodes || []).map((r) => r.value),
        users: usersResponse.users || []
    };
    if (draft.existing && draft.existing.visible === false) {
        // A teammate's draft: not ours to open, so say who is writing it rather than fail.
        return { ...loaded, othersAnalysis: draft.existing };
    }
    const item = draft.existing ? await getWinLoss(draft.existing.id) : undefined;
    const form = item ? formFromItem(item) : formFromInput(draft.draft);
    if (!form.authors.length && me) {
        form.authors = [{ userId: me.id, role: 'author' }];
    }
    return { ...loaded, item, form };
}

function itemState(item) {
    return { id: item.id, version: item.version, status: item.status, reviewComment: item.reviewComment || null };
}

function exactIssue(issues, path) {
    const issue = issues.find((i) => i.path === path);
    return issue ? issue.message : undefined;
}
