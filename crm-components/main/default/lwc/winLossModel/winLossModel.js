/**
 * The win/loss form's data rules, kept out of the components so they stay about markup:
 * the API's nested `WinLossInput` ⇄ the flat values the form edits, the API's 400 issue
 * paths ⇄ form fields, and the default credit split the hub applies when no shares are set.
 */

export const OUTCOMES = [
    { value: 'won', label: 'Won' },
    { value: 'lost', label: 'Lost' },
    { value: 'no_decision', label: 'No decision' }
];

export const STATUS_LABELS = {
    draft: 'Draft',
    in_review: 'In review',
    published: 'Published',
    archived: 'Archived'
};

export const MAX_REASONS = 5;
export const MAX_QUICK_REASONS = 3;
/** The hub's default for each contributor; authors and co-authors split the rest equally. */
export const CONTRIBUTOR_SHARE = 0.1;

/** Fields edited as "one per line" text but sent as lists. */
const LIST_FIELDS = ['decisionCriteria', 'whatWorked', 'whatToAvoid', 'lessons'];

const linesOf = (text) =>
    String(text || '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);

/** A draft, or an existing analysis's `winLoss` plus its title and authors, as form values. */
export function formFromInput(input = {}) {
    const competitor = input.competitorAnalysis || {};
    const process = input.decisionProcess || {};
    const form = {
        title: input.title || '',
        summary: input.summary || '',
        outcome: input.outcome || '',
        reasons: (input.reasons || []).map((r) => ({ code: r.code, text: r.text || '' })),
        'competitorAnalysis.winner': competitor.winner || '',
        'competitorAnalysis.why': competitor.why || '',
        situation: input.situation || '',
        challenges: input.challenges || '',
        stakeholders: (input.stakeholders || []).map((s, index) => ({ concepts: '', ...s, key: `stakeholder-${index}` })),
        'decisionProcess.timeline': process.timeline || '',
        'decisionProcess.committee': process.committee || '',
        assetsThatHelped: input.assetsThatHelped || [],
        authors: (input.authors || []).map(({ userId, role, share }) => ({ userId, role, share }))
    };
    LIST_FIELDS.forEach((field) => {
        form[field] = (input[field] || []).join('\n');
    });
    return form;
}

/** An analysis from `GET /api/win-loss/:id`: title and authors live on the item itself. */
export function formFromItem(item) {
    return formFromInput({ ...(item.winLoss || {}), title: item.title, summary: item.summary ?? (item.winLoss || {}).summary, authors: item.authors });
}

/** The form as the API's `WinLossInput`; empty optional parts are left out, not sent blank. */
export function inputFromForm(form, opportunityId) {
    const winner = form['competitorAnalysis.winner'].trim();
    const input = {
        opportunityId,
        title: form.title.trim(),
        summary: form.summary.trim(),
        outcome: form.outcome,
        reasons: form.reasons.map(({ code, text }) => (text.trim() ? { code, text: text.trim() } : { code })),
        competitorAnalysis: winner ? { winner, why: form['competitorAnalysis.why'].trim() } : { why: form['competitorAnalysis.why'].trim() },
        situation: form.situation.trim(),
        challenges: form.challenges.trim(),
        stakeholders: form.stakeholders.map(({ role, title, influence, stance, priorities, concepts }) => {
            const row = { role: role.trim(), title: title.trim(), influence, stance, priorities: priorities.trim() };
            return concepts && concepts.trim() ? { ...row, concepts: concepts.trim() } : row;
        }),
        decisionProcess: {
            timeline: form['decisionProcess.timeline'].trim(),
            committee: form['decisionProcess.committee'].trim()
        },
        assetsThatHelped: form.assetsThatHelped,
        authors: form.authors.map(({ userId, role, share }) => (typeof share === 'number' ? { userId, role, share } : { userId, role }))
    };
    LIST_FIELDS.forEach((field) => {
        input[field] = linesOf(form[field]);
    });
    return input;
}

/** The hub's validation issues with dotted string paths, whatever shape the path came in. */
export function issuesOf(error) {
    const issues = (error && error.body && error.body.details && error.body.details.issues) || [];
    return issues.map((issue) => ({
        path: Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path || ''),
        message: issue.message
    }));
}

/** The first issue about `path` or anything inside it (`reasons` matches `reasons.2.code`). */
export function issueAt(issues, path) {
    const issue = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`));
    return issue ? issue.message : undefined;
}

/** Issues inside a list, re-rooted at the list: `stakeholders.1.stance` → `1.stance`. */
export function issuesUnder(issues, prefix) {
    return issues.filter((i) => i.path.startsWith(`${prefix}.`)).map((i) => ({ ...i, path: i.path.slice(prefix.length + 1) }));
}

/** What the hub gives each author when no shares are set (see CONTRIBUTOR_SHARE). */
export function defaultShares(authors) {
    const contributors = authors.filter((a) => a.role === 'contributor').length;
    const sharing = authors.length - contributors;
    const rest = Math.max(0, 1 - contributors * CONTRIBUTOR_SHARE);
    return authors.map((a) => (a.role === 'contributor' ? CONTRIBUTOR_SHARE : sharing ? rest / sharing : 0));
}

export const percent = (share) => `${Math.round(share * 1000) / 10}%`;
