import callHub from '../hubTransport';
import { endSession, getToken } from 'shell/session';

jest.mock('shell/session', () => ({ getToken: jest.fn(), endSession: jest.fn() }), { virtual: true });

function answer(status, body, statusText = '') {
    return Promise.resolve({ ok: status >= 200 && status < 300, status, statusText, text: () => Promise.resolve(body) });
}

describe('shell/hubTransport', () => {
    beforeEach(() => {
        window.fetch = jest.fn();
        getToken.mockReturnValue('tok-dana');
    });
    afterEach(() => {
        jest.clearAllMocks();
    });

    it('when the hub answers, then the text is returned and the token, body and key are sent', async () => {
        window.fetch.mockReturnValue(answer(201, '{"id":"ev-1"}'));
        const text = await callHub({ method: 'POST', path: '/api/events', body: '{"type":"view"}', idempotencyKey: 'k-1' });
        expect(text).toBe('{"id":"ev-1"}');
        expect(window.fetch).toHaveBeenCalledWith('/api/events', {
            method: 'POST',
            headers: {
                Accept: 'application/json',
                Authorization: 'Bearer tok-dana',
                'Content-Type': 'application/json',
                'Idempotency-Key': 'k-1'
            },
            body: '{"type":"view"}'
        });
    });

    it('when signed out, then no Authorization header is sent', async () => {
        getToken.mockReturnValue(null);
        window.fetch.mockReturnValue(answer(200, '{"users":[]}'));
        await callHub({ method: 'GET', path: '/api/demo/users', body: null, idempotencyKey: null });
        expect(window.fetch.mock.calls[0][1]).toEqual({ method: 'GET', headers: { Accept: 'application/json' }, body: undefined });
    });

    it('when the hub answers an error, then it rejects with the hub message, code and status', async () => {
        window.fetch.mockReturnValue(answer(404, '{"error":{"code":"not_found","message":"Content c-9 not found"}}'));
        await expect(callHub({ method: 'GET', path: '/api/content/c-9' })).rejects.toMatchObject({
            status: 404,
            message: 'Content c-9 not found',
            body: { code: 'not_found', message: 'Content c-9 not found' }
        });
        expect(endSession).not.toHaveBeenCalled();
    });

    it('when the token is refused, then the session ends', async () => {
        window.fetch.mockReturnValue(answer(401, '{"error":{"code":"unauthorized","message":"Token expired"}}'));
        await expect(callHub({ method: 'GET', path: '/api/me' })).rejects.toMatchObject({ status: 401 });
        expect(endSession).toHaveBeenCalledTimes(1);
    });

    it('when the error is not JSON, then the status line is the message', async () => {
        window.fetch.mockReturnValue(answer(502, '<html>bad gateway</html>', 'Bad Gateway'));
        await expect(callHub({ method: 'GET', path: '/api/me' })).rejects.toMatchObject({
            body: { message: 'The Knowledge Hub answered 502 Bad Gateway' }
        });
    });

    it('when the network fails, then it rejects with a readable message', async () => {
        window.fetch.mockRejectedValue(new TypeError('Failed to fetch'));
        await expect(callHub({ method: 'GET', path: '/api/me' })).rejects.toMatchObject({
            status: 0,
            body: { message: 'The Knowledge Hub could not be reached. Check your connection and try again.' }
        });
    });
});
