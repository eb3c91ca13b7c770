/** Demo opportunities; defined in catalog.ts next to the users and facet values they refer to. */
export { demoOpportunities, demoOpportunitySeed, DEMO_OPPORTUNITY_SEEDS, type DemoOpportunity, type DemoOpportunitySeed } from './catalog';
