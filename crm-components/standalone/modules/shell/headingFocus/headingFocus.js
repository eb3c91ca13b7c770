/**
 * Focus on a page's heading after navigation, for the shell's pages. A page may still be loading
 * its heading when the shell asks: the wish is kept and honoured on a later render.
 *
 * Use: `@api focusHeading() { this.headingFocusWanted = true; takeHeadingFocus(this); }` and
 * `renderedCallback() { takeHeadingFocus(this); }`.
 */
export function takeHeadingFocus(component) {
    const heading = component.headingFocusWanted && component.template.querySelector('h1');
    if (heading) {
        component.headingFocusWanted = false;
        heading.focus();
    }
}
