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

/** Every element with `role` below a component, in its own shadow root and its children's. */
export const allByRole = (element, role, options) => shadowRoots(element.shadowRoot).flatMap((root) => queryAllByRole(root, role, options));

/** The text of a component and of every component below it (each shadow root's text, joined). */
export const deepText = (element) =>
    shadowRoots(element.shadowRoot)
        .map((root) => root.textContent)
        .join(' ');
