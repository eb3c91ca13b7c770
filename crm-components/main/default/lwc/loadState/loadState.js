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
