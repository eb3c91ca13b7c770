import { LightningElement, api } from 'lwc';
import { getExpertProfile, recordExpertContact } from 'c/hubApi';
import { contentTypeLabel, formatAmountOrBand } from 'c/knowledgeFormat';
import { KeyedLoader } from 'c/keyedLoader';

const TOPIC_KINDS = { competitor: 'Competitor', industry: 'Industry', product: 'Product' };
const CHAT_NAMES = { slack: 'Slack', teams: 'Microsoft Teams' };
/**
 * The link to an expert's profile page from a pattern: `{id}` is the user id, `{opportunityId}`
 * the deal it is opened from (empty when none). Undefined without a pattern: then lists open the
 * profile in place.
 */
export function expertHref(pattern, userId, opportunityId) {
    return pattern
        ? pattern.replace('{id}', encodeURIComponent(userId)).replace('{opportunityId}', encodeURIComponent(opportunityId || ''))
        : undefined;
}

const times = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/**
 * One expert: what they know (topics with their items as evidence), how often others reused it,
 * the won deals it helped (only what the viewer may see: the hub filters), and how to reach them.
 * Contacting them by email or chat opens the mail client or chat app as usual and records the
 * contact with the hub (with the deal when opened from one): knowledge flowing between people.
 */
export default class ExpertProfile extends LightningElement {
    /** Set when the profile is opened from a deal: contacts are recorded against it. */
    @api opportunityId;
    /** Patterns (`{id}`) that link item titles and deal names; without them they are plain text. */
    @api itemHrefPattern;
    @api recordHrefPattern;
    /** The heading level of the name: 2 on its own page, 3 or 4 inside a list (below its heading). */
    @api headingLevel = 2;

    profile;
    error;
    isLoading = false;
    loadLabels = { loading: "Loading the expert's profile", failure: "This expert's profile could not be loaded." };
    /** The channel just used: a quiet confirmation that the contact was noted. */
    contacted;
    profileLoader = new KeyedLoader(getExpertProfile, ({ loading, data, error }) => {
        this.isLoading = loading;
        this.error = error;
        if (!loading) {
            this.profile = data;
        }
    });

    /** The expert's hub user id; another id (the next profile in the same page) loads it. */
    @api
    get userId() {
        return this.profileLoader.key;
    }
    set userId(value) {
        this.profileLoader.update(value);
    }

    connectedCallback() {
        this.profileLoader.connect();
    }

    disconnectedCallback() {
        this.profileLoader.disconnect();
    }

    /** The error panel's retry. */
    load() {
        this.profileLoader.reload();
    }

    /** Neither loading nor failed (c-load-status shows those): the content shows. */
    get loaded() {
        return !this.isLoading && !this.error;
    }

    get profileLabel() {
        return this.profile ? `Expert: ${this.profile.name}` : 'Expert';
    }

    get isPageHeading() {
        return String(this.headingLevel) === '2';
    }

    get isSectionHeading() {
        return String(this.headingLevel) === '3';
    }

    get teamText() {
        return this.profile.team || 'No team';
    }

    get summary() {
        const p = this.profile;
        const won = p.wonDeals.length;
        return `Reused ${times(p.reuseCount, 'time', 'times')} · ${times(won, 'won deal', 'won deals')}${won ? ` (${formatAmountOrBand(p.wonAmount, p.wonAmountBand)})` : ''}`;
    }

    get mailto() {
        const email = this.profile.contact.email;
        if (!email) {
            return undefined;
        }
        const subject = this.opportunityId ? 'A question about a deal I am working on' : 'A question about your knowledge on the hub';
        return `mailto:${email}?subject=${encodeURIComponent(subject)}`;
    }

    get emailName() {
        return `Email ${this.profile.name}`;
    }

    get chat() {
        const chat = this.profile.contact.chat;
        return chat
            ? {
                  url: chat.url,
                  label: `Chat on ${CHAT_NAMES[chat.provider] || chat.provider}`,
                  name: `Chat with ${this.profile.name} on ${CHAT_NAMES[chat.provider] || chat.provider}`
              }
            : undefined;
    }

    get hasContact() {
        return !!(this.mailto || this.chat);
    }

    get contactedText() {
        return this.contacted ? `Noted: you contacted ${this.profile.name}${this.opportunityId ? ' about this deal' : ''}.` : '';
    }

    get items() {
        return this.profile.items.map((item) => ({
            ...item,
            href: this.itemHrefPattern ? this.itemHrefPattern.replace('{id}', encodeURIComponent(item.id)) : undefined,
            meta: `${contentTypeLabel(item.contentType)} · reused ${times(item.reuseCount, 'time', 'times')}`,
            deals: item.wonDeals.map((d) => ({
                ...d,
                href: this.recordHrefPattern ? this.recordHrefPattern.replace('{id}', encodeURIComponent(d.id)) : undefined,
                amountText: formatAmountOrBand(d.amount, d.amountBand)
            })),
            hasDeals: item.wonDeals.length > 0
        }));
    }

    get hasItems() {
        return this.profile.items.length > 0;
    }

    get topics() {
        const titles = new Map(this.profile.items.map((i) => [i.id, i.title]));
        return this.profile.topics.map((t) => ({
            key: `${t.kind}:${t.value}`,
            label: `${TOPIC_KINDS[t.kind] || t.kind}: ${t.value}`,
            evidence: `${times(t.itemIds.length, 'item', 'items')}, reused ${times(t.reuseCount, 'time', 'times')}: ${t.itemIds
                .map((id) => titles.get(id))
                .filter(Boolean)
                .join('; ')}`
        }));
    }

    get hasTopics() {
        return this.profile.topics.length > 0;
    }

    /** The link still opens (mail client, chat app): recording the contact never stands in its way. */
    async handleContact(event) {
        const channel = event.currentTarget.dataset.channel;
        this.contacted = channel;
        try {
            await recordExpertContact(this.userId, { channel, opportunityId: this.opportunityId });
        } catch {
            // The person was contacted all the same; a lost record only costs a figure.
            this.contacted = undefined;
        }
    }
}
