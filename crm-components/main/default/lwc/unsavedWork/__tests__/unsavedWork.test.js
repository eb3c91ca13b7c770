import { UnsavedWork } from 'c/unsavedWork';

describe('c/unsavedWork', () => {
    beforeEach(() => window.sessionStorage.clear());

    it('when a form is kept for a version, then it comes back for that version only', () => {
        const work = new UnsavedWork(() => 'ci-1');
        work.keep(3, { title: 'Half-finished' });
        expect(work.isKept).toBe(true);
        expect(work.restore(3)).toEqual({ title: 'Half-finished' });
        expect(work.restore(4)).toBeUndefined();
        expect(new UnsavedWork(() => 'ci-2').isKept).toBe(false);
    });

    it('when the item is new, then its work is kept under "new" until forgotten', () => {
        const work = new UnsavedWork(() => undefined);
        work.keep(0, { title: 'Draft' });
        expect(window.sessionStorage.getItem('hubContentDraft:new')).toContain('Draft');
        work.forget();
        expect(work.isKept).toBe(false);
    });

    it('when what was kept is unreadable, then nothing comes back and it is dropped', () => {
        window.sessionStorage.setItem('hubContentDraft:ci-1', '{not json');
        const work = new UnsavedWork(() => 'ci-1');
        expect(work.restore(3)).toBeUndefined();
        expect(work.isKept).toBe(false);
    });

    it('when work is kept and the page is left, then the browser asks first; after unwatch it does not', () => {
        const work = new UnsavedWork(() => 'ci-1');
        work.watch();
        work.keep(1, {});
        const asked = new CustomEvent('beforeunload', { cancelable: true });
        window.dispatchEvent(asked);
        expect(asked.defaultPrevented).toBe(true);
        work.unwatch();
        const notAsked = new CustomEvent('beforeunload', { cancelable: true });
        window.dispatchEvent(notAsked);
        expect(notAsked.defaultPrevented).toBe(false);
    });
});
