import { LightningElement, api } from 'lwc';

/** A link's two parts, read when the author leaves each field. */
const TITLE_FIELD = {
    name: 'title',
    label: 'Link text',
    updateOn: 'change',
    columnClass: 'slds-col slds-size_1-of-1 slds-medium-size_4-of-12'
};
const URL_FIELD = {
    name: 'url',
    label: 'Address (https://…)',
    type: 'url',
    updateOn: 'change',
    columnClass: 'slds-col slds-size_1-of-1 slds-medium-size_6-of-12'
};

/**
 * The links of a content item (text and address per row). Owns no data: every edit fires
 * `valuechange` with `{ name: 'links', value }` (the whole new list), as every form field reports,
 * and the editor passes it back down. `issues` are the
 * hub's validation issues re-rooted at the list (`1.url`).
 */
export default class LinkListEditor extends LightningElement {
    @api links = [];
    @api issues = [];

    get rows() {
        return (this.links || []).map((link, index) => {
            const issue = (this.issues || []).find((i) => i.path === String(index) || i.path.startsWith(`${index}.`));
            return {
                ...link,
                index,
                key: `link-${index}`,
                legend: `Link ${index + 1}`,
                actions: [{ name: 'remove', label: `Remove link ${index + 1}`, variant: 'text-destructive' }],
                fields: [
                    { ...TITLE_FIELD, value: link.title },
                    { ...URL_FIELD, value: link.url }
                ],
                error: issue && issue.message
            };
        });
    }

    handleAddLink() {
        this.emit([...(this.links || []), { title: '', url: '' }]);
    }

    /** A row's field list names the row in `data-index`; the field's name is the link's part. */
    handleLink(event) {
        const index = Number(event.currentTarget.dataset.index);
        const { name, value } = event.detail;
        this.emit(this.links.map((l, i) => (i === index ? { ...l, [name]: value } : l)));
    }

    handleRemoveLink(event) {
        const index = event.detail.id;
        this.emit(this.links.filter((_, i) => i !== index));
    }

    emit(links) {
        this.dispatchEvent(new CustomEvent('valuechange', { detail: { name: 'links', value: links } }));
    }
}
