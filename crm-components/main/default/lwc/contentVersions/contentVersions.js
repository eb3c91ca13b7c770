import { LightningElement, api } from 'lwc';
import { getContent, getContentVersions, listUsers } from 'c/hubApi';
import { formatDate } from 'c/knowledgeFormat';
import { track } from 'c/loadState';

const PICKER_COLUMN = 'slds-col slds-size_1-of-2 slds-medium-size_1-of-4';

/**
 * An item's history: who changed what and when, and a readable diff between any two versions
 * (by default the one before the latest, against the latest).
 */
export default class ContentVersions extends LightningElement {
    @api contentId;

    item;
    versions;
    names = {};
    error;
    isLoading = false;
    fromVersion;
    toVersion;

    connectedCallback() {
        this.load();
    }

    load() {
        return track(this, async () => {
            const [item, history, users] = await Promise.all([
                getContent(this.contentId),
                getContentVersions(this.contentId),
                listUsers().catch(() => ({ users: [] }))
            ]);
            this.item = item;
            this.versions = history.versions || [];
            this.names = Object.fromEntries(((users && users.users) || []).map((u) => [u.id, u.name]));
            const numbers = this.versions.map((v) => v.version);
            this.toVersion = numbers[0];
            this.fromVersion = numbers[1] !== undefined ? numbers[1] : numbers[0];
        });
    }

    get title() {
        return this.item ? `History: ${this.item.title}` : 'History';
    }

    get rows() {
        return (this.versions || []).map((v) => ({
            key: `v${v.version}`,
            version: v.version,
            who: this.names[v.changedBy] || v.changedBy,
            when: formatDate(v.changedAt),
            fields: v.changedFields.join(', '),
            note: v.note
        }));
    }

    /** The two version pickers, as c-field-list renders them. */
    get versionFields() {
        const options = (this.versions || []).map((v) => ({ value: String(v.version), label: `Version ${v.version}` }));
        const picker = (name, label, version) => ({ name, label, options, value: String(version), columnClass: PICKER_COLUMN });
        return [picker('from', 'From', this.fromVersion), picker('to', 'To', this.toVersion)];
    }

    snapshot(n) {
        const v = (this.versions || []).find((x) => x.version === n);
        return v ? v.snapshot : {};
    }

    get fromSnapshot() {
        return this.snapshot(this.fromVersion);
    }

    get toSnapshot() {
        return this.snapshot(this.toVersion);
    }

    get fromLabel() {
        return `Version ${this.fromVersion}`;
    }

    get toLabel() {
        return `Version ${this.toVersion}`;
    }

    get hasVersions() {
        return !!this.versions && this.versions.length > 0;
    }

    handleVersion(event) {
        const { name, value } = event.detail;
        this[`${name}Version`] = Number(value);
    }
}
