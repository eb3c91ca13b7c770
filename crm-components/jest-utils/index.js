import { createElement } from 'lwc';
import { queryAllByRole } from '@testing-library/dom';

/**
 * Helpers shared by the Lightning component tests (mapped as `jest-utils` in jest.config.js).
 */

/** Lets pending promises (and the re-render they cause) settle. */
export const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The root and every shadow root below it: queries that must see into child components walk these. */
export function shadowRoots(root) {
    const roots = [root];
    root.querySelectorAll('*').forEach((el) => {
        if (el.shadowRoot) {
            roots.push(...shadowRoots(el.shadowRoot));
        }
    });
    return roots;
}

/**
 * The `<select>` of the `c-select-field` whose label is `name` (string or RegExp), anywhere below
 * root: the select lives in the field's own shadow root, so a query on the parent's root misses it.
 */
export function selectIn(root, name) {
    const found = shadowRoots(root)
        .filter((r) => r.host && r.host.localName === 'c-select-field')
        .flatMap((r) => queryAllByRole(r, 'combobox', { name }));
    if (found.length !== 1) {
        throw new Error(`expected one select field named ${name}, found ${found.length}`);
    }
    return found[0];
}

/** A deep copy of a JSON fixture, so a component that changes what it was given cannot leak into the next test. */
export const copy = (value) => JSON.parse(JSON.stringify(value));

/** Every element with this role below the component, child components' shadow roots included. */
export const allByRole = (element, role, options) => shadowRoots(element.shadowRoot).flatMap((root) => queryAllByRole(root, role, options));

/** The one element with this role below the component, child components included; throws when there are none or several. */
export function oneByRole(element, role, options) {
    const found = allByRole(element, role, options);
    if (found.length !== 1) {
        throw new Error(`expected one ${role} ${JSON.stringify(options)}, found ${found.length}`);
    }
    return found[0];
}

/** The text of the component and of every child component it renders. */
export const deepText = (element) =>
    shadowRoots(element.shadowRoot)
        .map((root) => root.textContent)
        .join(' ');

/** Creates the component, sets its public properties, attaches it and lets its first load settle. */
export async function mount(tag, is, props = {}) {
    const element = createElement(tag, { is });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

/** Removes what a test attached to the page (for `afterEach`). */
export function resetDom() {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
}

/**
 * Fixes the clock (e.g. to a date in Q4 2026) while timers stay real, so `flushPromises` still
 * works; undo with `jest.useRealTimers()`.
 */
export function fixClock(now) {
    jest.useFakeTimers({ now: new Date(now), doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'queueMicrotask', 'nextTick'] });
}

/**
 * Registers the hooks of a suite whose components read today's date: the clock fixed at `now`
 * before each test; after it, the page emptied, real timers back and the mocks' calls cleared.
 */
export function runEachTestAt(now) {
    beforeEach(() => fixClock(now));
    afterEach(() => {
        resetDom();
        jest.useRealTimers();
        jest.clearAllMocks();
    });
}
