import fs from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's browser bundle, injected into the page under test (never fetched at run time). */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets we hold the product to: WCAG 2.0, 2.1 and 2.2 A and AA. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The one place where an axe finding may be accepted, each with the reason. A finding is
 * accepted when its rule matches and every offending node's target contains `selector`.
 * Empty today: every page passes with zero violations.
 */
export const A11Y_EXCEPTIONS: { rule: string; selector: string; why: string }[] = [];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; summary: string }[];
}

/**
 * Runs axe-core on the page as it is now and returns the violations not covered by
 * `A11Y_EXCEPTIONS`. axe runs in an isolated world (its own JavaScript context over the same
 * DOM): LWC's synthetic shadow patches DOM methods in the page's world (getElementById on a
 * shadow root throws there), which made axe skip colour contrast and id references; in an
 * isolated world the browser's own methods run, so every rule runs. A CDP evaluation is also
 * not subject to the page's Content Security Policy, so nothing about the page is loosened.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'axe',
      grantUniveralAccess: false,
    })) as { executionContextId: number };
    await cdp.send('Runtime.evaluate', { expression: AXE_SOURCE, contextId: executionContextId });
    const expression = `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] })
      .then((r) => JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html.slice(0, 200), summary: n.failureSummary || '' })) }))))`;
    const result = (await cdp.send('Runtime.evaluate', {
      expression,
      contextId: executionContextId,
      awaitPromise: true,
      returnByValue: true,
    })) as {
      result: { value?: string };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (result.exceptionDetails)
      throw new Error(`axe failed: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    const violations = JSON.parse(result.result.value ?? '[]') as AxeViolation[];
    return violations
      .map((v) => ({
        ...v,
        nodes: v.nodes.filter((n) => !A11Y_EXCEPTIONS.some((e) => e.rule === v.id && n.target.some((t) => t.includes(e.selector)))),
      }))
      .filter((v) => v.nodes.length > 0);
  } finally {
    await cdp.detach();
  }
}

/** One line per offending node, for a failure message a person can act on. */
export function describeViolations(where: string, violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${where}: [${v.id}] ${v.help} at ${n.target.join(' ')}: ${n.summary.replace(/\s+/g, ' ')} (${n.html})`),
  );
}

/**
 * Every browser test checks the states it drives (dialogs open, filters ticked, forms submitted)
 * with axe, not only the pages as they load (test/browser/a11y.test.ts).
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  expect(describeViolations(where, await axeViolations(page))).toEqual([]);
}
