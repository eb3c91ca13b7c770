/**
 * Registers `expect(element).toBeAccessible()` (@sa11y/jest: axe-core with Salesforce's rule
 * preset) for every component test. Checks are explicit, per state, in each test that asserts
 * one; the automatic after-each mode is off because the tests empty the DOM in their own
 * afterEach, which runs first, so it would check an empty page.
 */
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
