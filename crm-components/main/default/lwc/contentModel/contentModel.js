/**
 * The content editor's data rules, kept out of the components so they stay about markup: an item
 * ⇄ the flat values the form edits, the credit split the hub must receive (shares summing to 1),
 * and the readable differences between two versions (fields, and the body line by line).
 */
import { contentTypeLabel, formatDate } from 'c/knowledgeFormat';
import { fieldLabel } from 'c/searchState';
import { defaultShares, STATUS_LABELS } from 'c/winLossModel';

/** Which kind each content type belongs to (server/content/schema.ts KIND_OF_TYPE). */
const KIND_OF_TYPE = {
    battlecard: 'capability',
    product_sheet: 'capability',
    pitch_deck: 'capability',
    demo_script: 'capability',
    pricing_guide: 'capability',
    faq: 'capability',
    best_practice: 'capability',
    case_study: 'capability',
    win_loss_analysis: 'situational',
    account_insight: 'situational',
    stakeholder_map: 'situational',
    deal_story: 'situational',
    objection_handling: 'situational'
};

/** Win/loss analyses have their own composer (structured, from the deal), so the editor offers the rest. */
export const CONTENT_TYPES = Object.keys(KIND_OF_TYPE)
    .filter((t) => t !== 'win_loss_analysis')
    .map((value) => ({ value, label: contentTypeLabel(value) }));
export const kindOf = (type) => KIND_OF_TYPE[type] || 'capability';

/** The facet lists, each picked from the taxonomy of its name and labelled as search labels that facet. */
const FACET_FIELDS = ['products', 'industries', 'competitors', 'segments', 'regions', 'stages', 'personas'];
export const FACETS = FACET_FIELDS.map((field) => ({ field, label: fieldLabel(field) }));

/** The facet values on the form that their taxonomy lacks, each once: `[{ kind, value }]` to propose. */
export function newFacetValues(form, taxonomies) {
    return FACETS.flatMap(({ field }) => {
        const known = new Set(((taxonomies && taxonomies[field]) || []).map((t) => t.value.toLowerCase()));
        return (form[field] || []).filter((value) => !known.has(value.toLowerCase())).map((value) => ({ kind: field, value }));
    });
}

/**
 * Sends `propose(kind, value)` for each new facet value on the form not proposed before
 * (`proposedKeys` remembers them across saves). Best effort: a refused proposal is left for the
 * next save, and the save it follows stands. Resolves to the values sent.
 */
export async function proposeNewFacetValues(form, taxonomies, proposedKeys, propose) {
    const keyOf = (p) => `${p.kind}|${p.value.toLowerCase()}`;
    const fresh = newFacetValues(form, taxonomies).filter((p) => !proposedKeys.has(keyOf(p)));
    const results = await Promise.allSettled(fresh.map((p) => Promise.resolve().then(() => propose(p.kind, p.value))));
    const sent = fresh.filter((p, i) => results[i].status === 'fulfilled');
    sent.forEach((p) => proposedKeys.add(keyOf(p)));
    return sent.map((p) => p.value);
}

export const AUDIENCES = [
    { value: 'internal', label: 'Internal' },
    { value: 'client_facing', label: 'Client-facing' },
    { value: 'partner', label: 'Partner' }
];

export const VISIBILITY_SCOPES = [
    { value: 'everyone', label: 'Everyone' },
    { value: 'teams', label: 'Listed teams' },
    { value: 'confidential', label: 'Named people only' }
];

/** A new item's form: the signed-in author holds the whole credit until co-authors are added. */
export function emptyForm(userId) {
    const form = {
        contentType: 'battlecard',
        title: '',
        summary: '',
        body: '',
        links: [],
        audience: 'internal',
        scope: 'everyone',
        teams: [],
        people: [],
        authors: userId ? [{ userId, role: 'author' }] : [],
        owner: userId || '',
        verifyEveryDays: '',
        expiresAt: ''
    };
    FACETS.forEach(({ field }) => {
        form[field] = [];
    });
    return form;
}

/** An item from `GET /api/content/:id` as form values. */
export function formFromItem(item) {
    const v = item.visibility || { scope: 'everyone' };
    const form = {
        contentType: item.contentType,
        title: item.title || '',
        summary: item.summary || '',
        body: item.body || '',
        links: (item.links || []).map((l) => ({ title: l.title, url: l.url })),
        audience: item.audience || 'internal',
        scope: v.scope,
        teams: v.scope === 'teams' ? [...v.teams] : [],
        people: v.scope === 'confidential' ? [...v.users] : [],
        authors: (item.authors || []).map(({ userId, role, share }) => ({ userId, role, share })),
        owner: item.owner || '',
        verifyEveryDays: item.verifyEveryDays ? String(item.verifyEveryDays) : '',
        expiresAt: item.expiresAt ? item.expiresAt.slice(0, 10) : ''
    };
    FACETS.forEach(({ field }) => {
        form[field] = [...(item[field] || [])];
    });
    return form;
}

/**
 * The shares the hub stores: as typed when any is set (empty ones count as 0), else the default
 * split; rounded to millionths with the remainder on the first author, as the hub rounds derive.
 */
export function resolveShares(authors) {
    const list = (authors || []).filter((a) => a.userId);
    if (!list.length) {
        return [];
    }
    const typed = list.some((a) => typeof a.share === 'number');
    const defaults = defaultShares(list);
    const shares = list.map((a, i) => Math.round((typed ? (typeof a.share === 'number' ? a.share : 0) : defaults[i]) * 1e6) / 1e6);
    if (!typed) {
        const rest = 1 - shares.reduce((s, x) => s + x, 0);
        shares[0] = Math.round((shares[0] + rest) * 1e6) / 1e6;
    }
    return list.map((a, i) => ({ userId: a.userId, role: a.role, share: shares[i] }));
}

/** The sum of typed shares, for "shown as you type"; null when none is typed (the default split). */
export function typedShareTotal(authors) {
    const typed = (authors || []).filter((a) => typeof a.share === 'number');
    return typed.length ? typed.reduce((s, a) => s + a.share, 0) : null;
}

/** The request body for POST /api/content (PATCH takes the same fields but kind and type). */
export function inputFromForm(form) {
    const visibility =
        form.scope === 'teams'
            ? { scope: 'teams', teams: form.teams }
            : form.scope === 'confidential'
              ? { scope: 'confidential', users: form.people }
              : { scope: 'everyone' };
    const input = {
        kind: kindOf(form.contentType),
        contentType: form.contentType,
        title: form.title.trim(),
        summary: form.summary.trim(),
        body: form.body,
        links: form.links.filter((l) => l.title.trim() || l.url.trim()).map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
        audience: form.audience,
        visibility,
        authors: resolveShares(form.authors),
        verifyEveryDays: form.verifyEveryDays === '' ? null : Number(form.verifyEveryDays),
        expiresAt: form.expiresAt ? new Date(`${form.expiresAt}T00:00:00Z`).toISOString() : null
    };
    if (form.owner) {
        input.owner = form.owner;
    }
    FACETS.forEach(({ field }) => {
        input[field] = form[field];
    });
    return input;
}

/** What each stored field is called on screen. */
const FIELD_LABELS = {
    title: 'Title',
    summary: 'Summary',
    body: 'Body',
    contentType: 'Type',
    links: 'Links',
    audience: 'Audience',
    visibility: 'Visibility',
    authors: 'Authors and credit',
    status: 'Status',
    ownerId: 'Owner',
    verifyEveryDays: 'Verify every (days)',
    verifiedAt: 'Verified',
    expiresAt: 'Expires',
    reviewComment: 'Reviewer comment',
    derivedFrom: 'Derived from',
    products: 'Products',
    industries: 'Industries',
    competitors: 'Competitors',
    segments: 'Segments',
    regions: 'Regions',
    stages: 'Stages',
    personas: 'Personas'
};
const SHOWN = Object.keys(FIELD_LABELS);

/** A stored value as a line of text (lists joined, authors with their shares). */
export function showValue(field, value, names = new Map()) {
    if (value === null || value === undefined || value === '') {
        return '—';
    }
    if (field === 'authors') {
        return value
            .map((a) => `${names.get(a.userId) || a.userId} (${a.role.replace('_', '-')}, ${Math.round(a.share * 1000) / 10}%)`)
            .join(', ');
    }
    if (field === 'links') {
        return value.map((l) => `${l.title} <${l.url}>`).join(', ') || '—';
    }
    if (field === 'visibility') {
        return value.scope === 'teams'
            ? `Teams: ${value.teams.join(', ')}`
            : value.scope === 'confidential'
              ? `People: ${value.users.join(', ')}`
              : 'Everyone';
    }
    if (Array.isArray(value)) {
        return value.join(', ') || '—';
    }
    if (field === 'status') {
        return STATUS_LABELS[value] || value;
    }
    if (field === 'contentType') {
        return contentTypeLabel(value);
    }
    if (field === 'verifiedAt' || field === 'expiresAt') {
        return formatDate(value);
    }
    return String(value);
}

/**
 * Lines of `after` against `before`, as kept, removed and added lines (a longest-common-subsequence
 * diff; bodies are at most a few thousand lines, and larger ones are compared as a whole).
 */
export function lineDiff(before, after) {
    const a = String(before || '').split('\n');
    const b = String(after || '').split('\n');
    if (a.length * b.length > 4_000_000) {
        return [...a.map((text) => ({ type: 'removed', text })), ...b.map((text) => ({ type: 'added', text }))];
    }
    const table = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) {
        for (let j = b.length - 1; j >= 0; j--) {
            table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
        }
    }
    const out = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        if (a[i] === b[j]) {
            out.push({ type: 'same', text: a[i++] });
            j++;
        } else if (table[i + 1][j] >= table[i][j + 1]) {
            out.push({ type: 'removed', text: a[i++] });
        } else {
            out.push({ type: 'added', text: b[j++] });
        }
    }
    while (i < a.length) out.push({ type: 'removed', text: a[i++] });
    while (j < b.length) out.push({ type: 'added', text: b[j++] });
    return out;
}

/**
 * The fields that differ between two snapshots (a version's `snapshot`, or an item), each with
 * its label and both values as text; the body also line by line.
 */
export function diffSnapshots(before, after, names) {
    const from = before || {};
    const to = after || {};
    return SHOWN.filter((field) => JSON.stringify(from[field] ?? null) !== JSON.stringify(to[field] ?? null)).map((field) => ({
        field,
        label: FIELD_LABELS[field],
        before: showValue(field, from[field], names),
        after: showValue(field, to[field], names),
        lines:
            field === 'body'
                ? lineDiff(from.body, to.body).map((l, index) => ({
                      ...l,
                      key: `l${index}`,
                      sign: l.type === 'added' ? '+' : l.type === 'removed' ? '−' : ' '
                  }))
                : null
    }));
}

/** An item from the API as a snapshot (owner is `ownerId` in the history). */
export function snapshotOfItem(item) {
    return item ? { ...item, ownerId: item.owner } : {};
}
