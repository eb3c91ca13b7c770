import { reduceErrors } from 'c/errorMessages';

describe('c/errorMessages reduceErrors', () => {
    it.each([
        ['an Apex error', { body: { message: 'Content c-9 not found' } }, ['Content c-9 not found']],
        [
            'a hub validation error',
            { body: { message: 'Invalid event', details: { issues: [{ path: ['type'], message: 'unknown type' }] } } },
            ['Invalid event', 'type: unknown type']
        ],
        ['a page error list', { body: [{ message: 'one' }, { message: 'two' }] }, ['one', 'two']],
        ['a JS error', new Error('offline'), ['offline']],
        ['a string', 'plain', ['plain']],
        ['a fetch-like response', { statusText: 'Bad Gateway' }, ['Bad Gateway']],
        ['several errors', [new Error('a'), { body: { message: 'b' } }], ['a', 'b']],
        ['nothing', undefined, []]
    ])('when given %s, then it returns readable messages', (_label, input, expected) => {
        expect(reduceErrors(input)).toEqual(expected);
    });
});
