import { LightningElement, api } from 'lwc';
import { expertHref } from 'c/expertProfile';
import { findExperts, getTaxonomies } from 'c/hubApi';
import { formatAmountOrBand } from 'c/knowledgeFormat';
import { trackLatest } from 'c/loadState';

const FIELDS = ['competitor', 'industry', 'product', 'q'];
/** The three lists a search can narrow by, each a select of its taxonomy. */
const FACET_FIELDS = [
    { name: 'competitor', label: 'Competitor', taxonomy: 'competitors' },
    { name: 'industry', label: 'Industry', taxonomy: 'industries' },
    { name: 'product', label: 'Product', taxonomy: 'products' }
];
/** Whatever else the expert wrote about, typed. */
const TOPIC_FIELD = { name: 'q', label: 'Topic', type: 'search', maxLength: 500, placeholder: 'e.g. key custody', updateOn: 'change' };

/**
 * "Who knows what": people whose published content on a competitor, industry, product or
 * free-text topic was reused and influenced won deals, with the items and deals as evidence.
 */
export default class ExpertFinder extends LightningElement {
    /** Links a name to the expert's profile page (`{id}`); without it the profile opens in place. */
    @api expertHrefPattern;
    /** Links evidence titles to the item (`{id}`); without it they are plain text. */
    @api itemHrefPattern;
    /** The expert whose profile is open in place. */
    openUserId;
    taxonomies = { competitors: [], industries: [], products: [] };
    taxonomyError;
    criteria = { competitor: '', industry: '', product: '', q: '' };
    experts;
    error;
    isLoading = false;
    needsCriterion = false;
    requestSeq = 0;

    async connectedCallback() {
        try {
            const taxonomies = await getTaxonomies();
            this.taxonomies = {
                competitors: taxonomies.competitors || [],
                industries: taxonomies.industries || [],
                products: taxonomies.products || []
            };
        } catch (error) {
            // Free text still works without the lists, so this is shown but not blocking.
            this.taxonomyError = error;
        }
    }

    /** The three selects, then the topic typed. */
    get searchFields() {
        const selects = FACET_FIELDS.map((field) => ({
            name: field.name,
            label: field.label,
            placeholder: 'Any',
            columnClass: 'slds-col slds-no-flex',
            value: this.criteria[field.name],
            options: this.taxonomies[field.taxonomy].map((t) => ({ value: t.value }))
        }));
        return [...selects, { ...TOPIC_FIELD, value: this.criteria.q }];
    }

    get people() {
        return (this.experts || []).map((expert) => ({
            ...expert,
            teamText: expert.team || 'No team',
            href: expertHref(this.expertHrefPattern, expert.userId),
            isOpen: this.openUserId === expert.userId,
            summary: `Reused ${expert.reuseCount} ${expert.reuseCount === 1 ? 'time' : 'times'} · ${expert.wonDeals} won ${expert.wonDeals === 1 ? 'deal' : 'deals'}${expert.wonDeals ? ` (${formatAmountOrBand(expert.wonAmount, expert.wonAmountBand)})` : ''}`,
            evidence: expert.items.map((item) => ({
                ...item,
                href: this.itemHrefPattern ? this.itemHrefPattern.replace('{id}', encodeURIComponent(item.id)) : undefined,
                reuseText: `reused ${item.reuseCount} ${item.reuseCount === 1 ? 'time' : 'times'}`,
                dealsText: item.wonDeals.length ? `won: ${item.wonDeals.map((d) => d.name).join('; ')}` : ''
            }))
        }));
    }

    /** Announced when a search answers (the region stays in the page between searches). */
    get resultStatus() {
        if (this.isLoading || this.error || this.experts === undefined) {
            return '';
        }
        const n = this.experts.length;
        return n === 0 ? 'No experts found.' : `${n} ${n === 1 ? 'expert' : 'experts'} found.`;
    }

    get hasPeople() {
        return this.people.length > 0;
    }

    get hasSearched() {
        return this.experts !== undefined;
    }

    handleToggle(event) {
        const id = event.currentTarget.dataset.userId;
        this.openUserId = this.openUserId === id ? undefined : id;
    }

    handleChange(event) {
        this.criteria = { ...this.criteria, [event.detail.name]: event.detail.value };
    }

    async handleSearch(event) {
        event.preventDefault();
        const query = Object.fromEntries(FIELDS.map((f) => [f, this.criteria[f].trim() || undefined]));
        this.needsCriterion = FIELDS.every((f) => !query[f]);
        if (this.needsCriterion) {
            return;
        }
        await trackLatest(
            this,
            () => findExperts(query),
            (report) => {
                this.experts = report ? report.experts || [] : undefined;
            }
        );
    }
}
