/**
 * The loading / error bookkeeping every component does around a hub call, in one place.
 *
 * `track(component, task)` sets `component.isLoading` while `task()` runs and clears
 * `component.error` when it starts; when the task throws, the error lands in `component.error`
 * (for the template's error branch) and `track` resolves to undefined instead of throwing.
 * Other field names serve the other busy states: `{ busy: 'saving', error: 'saveError' }`.
 */
export async function track(component, task, { busy = 'isLoading', error = 'error' } = {}) {
    component[busy] = true;
    component[error] = undefined;
    try {
        return await task();
    } catch (failure) {
        component[error] = failure;
        return undefined;
    } finally {
        component[busy] = false;
    }
}

/**
 * `track` for loads a newer one may overtake (the period or the query changed while the hub was
 * answering): only the newest call's outcome reaches the component. `apply(value)` receives the
 * result, or `apply(undefined, error)` after a failure (the error is also set, as `track` does);
 * a call that was overtaken changes nothing. The count of calls lives in `component.requestSeq`.
 */
export async function trackLatest(component, task, apply, { busy = 'isLoading', error = 'error' } = {}) {
    const seq = (component.requestSeq || 0) + 1;
    component.requestSeq = seq;
    component[busy] = true;
    component[error] = undefined;
    let value;
    let failure;
    let failed = false;
    try {
        value = await task();
    } catch (caught) {
        failure = caught;
        failed = true;
    }
    if (seq !== component.requestSeq) {
        return;
    }
    if (failed) {
        component[error] = failure;
        apply(undefined, failure);
    } else {
        apply(value);
    }
    component[busy] = false;
}
