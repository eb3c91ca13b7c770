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
    return formFromInput({
        ...(item.winLoss || {}),
        title: item.title,
        summary: item.summary ?? (item.winLoss || {}).summary,
        authors: item.authors
    });
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
        competitorAnalysis: winner
            ? { winner, why: form['competitorAnalysis.why'].trim() }
            : { why: form['competitorAnalysis.why'].trim() },
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

/** The hub's validation issues with dotted string paths and messages for people, whatever shape the path came in. */
export function issuesOf(error) {
    const issues = (error && error.body && error.body.details && error.body.details.issues) || [];
    return issues.map((issue) => {
        const path = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path || '');
        return { path, message: humanMessage(path, issue.message) };
    });
}

/** What people call each part of the form (the summary's link text; never an API key). */
const FIELD_LABELS = {
    title: 'Title',
    summary: 'Summary',
    outcome: 'Outcome',
    reasons: 'Primary reasons',
    'competitorAnalysis.winner': 'Who won',
    'competitorAnalysis.why': 'Why they won',
    situation: 'Customer situation',
    challenges: 'Challenges',
    decisionCriteria: 'Decision criteria',
    'decisionProcess.timeline': 'Decision timeline',
    'decisionProcess.committee': 'Decision committee',
    whatWorked: 'What worked',
    whatToAvoid: 'What to avoid',
    lessons: 'Lessons',
    stakeholders: 'Stakeholders',
    authors: 'Authors and credit'
};
const PART_LABELS = {
    role: 'role',
    title: 'title',
    influence: 'influence',
    stance: 'stance',
    priorities: 'priorities',
    concepts: 'concepts',
    userId: 'person',
    share: 'share',
    code: 'reason',
    text: 'detail'
};

/** "Title", "Stakeholder 2: stance", "Author 1: share": a field as the form names it. */
export function issueLabel(path) {
    if (FIELD_LABELS[path]) {
        return FIELD_LABELS[path];
    }
    const [list, index, part] = path.split('.');
    if (/^\d+$/.test(index || '')) {
        const item = { stakeholders: 'Stakeholder', authors: 'Author', reasons: 'Reason' }[list] || FIELD_LABELS[list] || 'Item';
        return `${item} ${Number(index) + 1}${part ? `: ${PART_LABELS[part] || part}` : ''}`;
    }
    return FIELD_LABELS[list] || 'A field';
}

/** Fixed messages where the field says it all. */
const FIELD_MESSAGES = {
    title: { small: 'Give the analysis a title.' },
    outcome: { any: 'Choose whether the deal was won, lost or ended without a decision.' },
    reasons: { small: 'Choose at least one primary reason.', big: `Choose at most ${MAX_REASONS} primary reasons.` },
    authors: { small: 'Add at least one author.' }
};

/**
 * A validation message as a person should read it: the hub's zod texts ("Too small: expected
 * string to have >=1 characters", "Invalid option: expected one of …") become plain requests;
 * messages the hub wrote for people ("shares must sum to 1") are kept, in a sentence.
 */
export function humanMessage(path, raw) {
    const text = String(raw || '');
    const kind = /too small|>=\s*1\b|required/i.test(text)
        ? 'small'
        : /too big|<=/i.test(text)
          ? 'big'
          : /invalid option|expected one of/i.test(text)
            ? 'choice'
            : 'other';
    const fixed = FIELD_MESSAGES[path] && (FIELD_MESSAGES[path][kind] || FIELD_MESSAGES[path].any);
    if (fixed) {
        return fixed;
    }
    const part = path.split('.').pop();
    if (kind === 'small') {
        return part === 'role' ? 'Name the role, e.g. Economic Buyer.' : 'Fill this in.';
    }
    if (kind === 'big') {
        const limit = (text.match(/<=\s*([\d,]+)/) || [])[1];
        return limit ? `Keep it to ${Number(limit.replace(/,/g, '')).toLocaleString('en')} characters or fewer.` : 'Make it shorter.';
    }
    if (kind === 'choice') {
        return part === 'stance'
            ? 'Choose where they stood: champion, supporter, neutral or blocker.'
            : part === 'influence'
              ? 'Choose how much they weighed in: high, medium or low.'
              : 'Choose one of the options.';
    }
    if (/sum to 1/.test(text)) {
        return 'The credit shares must add up to 100%, or be left empty for the default split.';
    }
    if (/^(invalid|expected)/i.test(text) || !text) {
        return 'Check this field.';
    }
    const sentence = text.charAt(0).toUpperCase() + text.slice(1);
    return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The hub's text limits (server/winloss/schema.ts), checked before sending. */
const TEXT_LIMITS = {
    title: 300,
    summary: 2000,
    'competitorAnalysis.winner': 100,
    'competitorAnalysis.why': 4000,
    situation: 8000,
    challenges: 8000,
    'decisionProcess.timeline': 2000,
    'decisionProcess.committee': 2000
};
const LINE_LIMIT = 1000;
const MAX_LINES = 30;

/**
 * The checks the hub makes, made before sending (same limits, same messages as `issuesOf`), so
 * the author hears about an empty title at once rather than after a round trip.
 */
export function checkForm(form) {
    const issues = [];
    const add = (path, message) => issues.push({ path, message });
    if (!form.title.trim()) {
        add('title', FIELD_MESSAGES.title.small);
    }
    if (!form.outcome) {
        add('outcome', FIELD_MESSAGES.outcome.any);
    }
    if (form.reasons.length < 1) {
        add('reasons', FIELD_MESSAGES.reasons.small);
    } else if (form.reasons.length > MAX_REASONS) {
        add('reasons', FIELD_MESSAGES.reasons.big);
    }
    form.reasons.forEach((r, i) => {
        if ((r.text || '').trim().length > LINE_LIMIT) {
            add(`reasons.${i}.text`, `Keep it to ${LINE_LIMIT.toLocaleString('en')} characters or fewer.`);
        }
    });
    Object.entries(TEXT_LIMITS).forEach(([path, limit]) => {
        if (String(form[path] || '').trim().length > limit) {
            add(path, `Keep it to ${limit.toLocaleString('en')} characters or fewer.`);
        }
    });
    LIST_FIELDS.forEach((field) => {
        const lines = linesOf(form[field]);
        if (lines.length > MAX_LINES) {
            add(field, `Keep it to ${MAX_LINES} lines or fewer.`);
        } else if (lines.some((line) => line.length > LINE_LIMIT)) {
            add(field, `Keep each line to ${LINE_LIMIT.toLocaleString('en')} characters or fewer.`);
        }
    });
    form.stakeholders.forEach((s, i) => {
        if (!String(s.role || '').trim()) {
            add(`stakeholders.${i}.role`, 'Name the role, e.g. Economic Buyer.');
        }
    });
    if (!form.authors.length) {
        add('authors', FIELD_MESSAGES.authors.small);
    }
    return issues;
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

/**
 * The control an issue path points at inside a row editor (`1.stance`, `0.share`; the first
 * control for the list itself), so the form's error summary can link to it. Shared by the
 * co-author and stakeholder editors.
 */
export function focusIssueIn(template, path = '') {
    const [index, part] = String(path).split('.');
    const row = index !== undefined && index !== '' ? `[data-index="${index}"]` : '[data-index]';
    const target =
        (part &&
            (template.querySelector(`${row}[data-field="${part}"]`) || template.querySelector(`c-form-field${row}[name="${part}"]`))) ||
        template.querySelector(row) ||
        template.querySelector('button, select, input');
    if (target) {
        target.focus();
    }
}
