/**
 * Turns whatever a call rejected with into a list of readable messages. Errors arrive as
 * Apex/Aura errors (`body.message`), hub validation errors (`body.details.issues`), plain
 * `Error`s or arrays of these, depending on the transport; components only show strings.
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return list
        .filter((error) => !!error)
        .flatMap((error) => {
            if (typeof error === 'string') {
                return [error];
            }
            const body = error.body;
            if (Array.isArray(body)) {
                return body.map((e) => e.message);
            }
            if (body && typeof body.message === 'string') {
                const issues = (body.details && body.details.issues) || [];
                return [body.message, ...issues.map(issueText)];
            }
            if (typeof error.message === 'string') {
                return [error.message];
            }
            return [error.statusText || 'Unknown error'];
        })
        .filter((message) => !!message);
}

function issueText(issue) {
    const path = Array.isArray(issue.path) ? issue.path.join('.') : issue.path;
    return path ? `${path}: ${issue.message}` : issue.message;
}
