import { LightningElement, api } from 'lwc';
import { ADMIN_SECTIONS as SECTIONS } from 'c/adminSections';

/**
 * The admin's home: a section menu and the chosen section. The standalone shell routes each
 * section (`sectionHrefPattern` fills `{section}`); inside Salesforce, without a pattern, the
 * menu switches sections in place.
 */
export default class AdminHome extends LightningElement {
    @api sectionHrefPattern;
    chosen = 'users';

    @api
    get section() {
        return this.chosen;
    }
    set section(value) {
        this.chosen = SECTIONS.some((s) => s.name === value) ? value : 'users';
    }

    get sections() {
        return SECTIONS.map((s) => ({
            ...s,
            href: this.sectionHrefPattern ? this.sectionHrefPattern.replace('{section}', s.name) : `#${s.name}`,
            current: s.name === this.chosen ? 'page' : 'false',
            itemClass: `slds-nav-vertical__item${s.name === this.chosen ? ' slds-is-active' : ''}`
        }));
    }

    handleSelect(event) {
        if (!this.sectionHrefPattern) {
            event.preventDefault();
            this.chosen = event.currentTarget.dataset.section;
        }
    }

    get isUsers() {
        return this.chosen === 'users';
    }
    get isTokens() {
        return this.chosen === 'tokens';
    }
    get isTaxonomies() {
        return this.chosen === 'taxonomies';
    }
    get isSynonyms() {
        return this.chosen === 'synonyms';
    }
    get isIndex() {
        return this.chosen === 'index';
    }
    get isAudit() {
        return this.chosen === 'audit';
    }
}
