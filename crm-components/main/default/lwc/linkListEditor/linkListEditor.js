import { LightningElement, api } from 'lwc';

/**
 * The links of a content item (text and address per row). Owns no data: every edit fires
 * `linkschange` with the whole new list, and the editor passes it back down. `issues` are the
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
                removeName: `Remove link ${index + 1}`,
                error: issue && issue.message
            };
        });
    }

    handleAddLink() {
        this.emit([...(this.links || []), { title: '', url: '' }]);
    }

    handleLink(event) {
        const index = Number(event.currentTarget.dataset.index);
        const part = event.currentTarget.dataset.part;
        this.emit(this.links.map((l, i) => (i === index ? { ...l, [part]: event.target.value } : l)));
    }

    handleRemoveLink(event) {
        const index = Number(event.currentTarget.dataset.index);
        this.emit(this.links.filter((_, i) => i !== index));
    }

    emit(links) {
        this.dispatchEvent(new CustomEvent('linkschange', { detail: { links } }));
    }
}
