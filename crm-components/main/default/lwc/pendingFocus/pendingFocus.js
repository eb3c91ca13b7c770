/**
 * Focus that has to wait for a render. A handler that hides the focused control (a panel closes, a
 * question replaces a row's buttons) cannot move focus itself: the control it should go to is not
 * in the DOM yet. It names the target instead, as a selector in `component.focusAfterRender`, and
 * the component's `renderedCallback` calls `focusPending(this)`, which focuses that element once it
 * is there and forgets the selector either way (a target that never rendered is not chased on
 * later renders).
 */
export function focusPending(component) {
    if (!component.focusAfterRender) {
        return;
    }
    const target = component.template.querySelector(component.focusAfterRender);
    component.focusAfterRender = undefined;
    if (target) {
        target.focus();
    }
}
