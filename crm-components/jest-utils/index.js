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
