import { LightningElement } from 'lwc';
import { getSynonyms, replaceSynonyms, search } from 'c/hubApi';
import { formatDate } from 'c/knowledgeFormat';
import { track } from 'c/loadState';
import { adminSection } from 'c/adminSections';

/** One group a line, its words separated by commas ("k8s, kubernetes"). */
export const groupsToText = (groups) => groups.map((g) => g.join(', ')).join('\n');

export function textToGroups(text) {
    return text
        .split('\n')
        .map((line) =>
            line
                .split(',')
                .map((word) => word.trim())
                .filter(Boolean)
        )
        .filter((group) => group.length > 0);
}

/**
 * Search synonyms: groups of words that mean the same, applied to the index on save (and kept
 * across restarts and reindexing), with a test search to see the effect at once.
 */
export default class AdminSynonyms extends LightningElement {
    synonyms;
    text = '';
    error;
    saveError;
    lineError;
    isLoading = true;
    section = adminSection('synonyms');
    loadLabels = { loading: 'Loading synonyms', failure: 'The synonyms could not be loaded.' };
    saving = false;
    query = '';
    result;
    searchError;
    searching = false;

    connectedCallback() {
        this.load();
    }

    async load() {
        await track(this, async () => {
            this.synonyms = await getSynonyms();
            this.text = groupsToText(this.synonyms.groups);
        });
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get sourceText() {
        if (!this.synonyms) {
            return '';
        }
        return this.synonyms.source === 'admin'
            ? `Saved by ${this.synonyms.updatedBy} on ${formatDate(this.synonyms.updatedAt)}.`
            : 'The shipped sales vocabulary: no admin has edited it yet.';
    }

    get groupCount() {
        const n = textToGroups(this.text).length;
        return `${n} ${n === 1 ? 'group' : 'groups'}`;
    }

    handleText(event) {
        this.text = event.detail.value;
        this.lineError = undefined;
    }

    async handleSave(event) {
        event.preventDefault();
        const groups = textToGroups(this.text);
        const single = groups.findIndex((g) => g.length < 2);
        if (single >= 0) {
            this.lineError = `Group ${single + 1} ("${groups[single][0]}") needs at least two words separated by a comma.`;
            this.template.querySelector('c-form-field').focus();
            return;
        }
        await track(
            this,
            async () => {
                this.synonyms = await replaceSynonyms(groups);
                this.text = groupsToText(this.synonyms.groups);
                this.template
                    .querySelector('c-status-message')
                    .announce('success', `Synonyms saved and applied to the index: ${this.groupCount}.`);
            },
            { busy: 'saving', error: 'saveError' }
        );
    }

    handleQuery(event) {
        this.query = event.target.value;
    }

    async handleTest(event) {
        event.preventDefault();
        if (!this.query.trim()) {
            return;
        }
        this.result = await track(this, () => search({ q: this.query.trim(), limit: 5 }), { busy: 'searching', error: 'searchError' });
    }

    get resultText() {
        if (!this.result) {
            return '';
        }
        const n = this.result.total;
        return n === 0
            ? `Nothing found for "${this.query.trim()}".`
            : `${n} ${n === 1 ? 'item' : 'items'} found for "${this.query.trim()}".`;
    }

    get hits() {
        return this.result ? this.result.hits : [];
    }

    get hasHits() {
        return this.hits.length > 0;
    }
}
