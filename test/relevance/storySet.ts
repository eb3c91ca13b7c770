/**
 * A relevance set of situations. Each situation is told once or twice by the library (items)
 * and by deals, always in other words: an item and a deal of the same situation share almost
 * no content word. Deals are described only by their story; their fields (industry, segment,
 * competitor, product) and the items' fields are drawn independently of the situation
 * (see `facetsFor`), so fields alone cannot tell which items fit.
 */
export interface StoryItem {
  situation: string;
  title: string;
  summary: string;
  body: string;
}

export interface StoryDeal {
  situation: string;
  name: string;
  description: string;
}

export const ITEMS: StoryItem[] = [
  {
    situation: 'works-council',
    title: 'Rolling out at a German manufacturer',
    summary: 'The employee representatives had a veto on monitoring software.',
    body: 'Before any pilot, the staff committee reviewed what the product logs about individual workers. We shared a data-protection impact assessment and switched off per-person dashboards. Approval came after three meetings with the union delegates.',
  },
  {
    situation: 'works-council',
    title: 'Co-determination slowed the pilot',
    summary: 'Labour representatives insisted on reviewing every feature that tracks staff behaviour.',
    body: 'The personnel council asked for a written agreement on what usage data would be kept. Anonymised team-level reporting won them over.',
  },
  {
    situation: 'mainframe',
    title: 'A bank leaving its legacy host',
    summary: "The legacy host's maintenance contract was expiring.",
    body: 'The COBOL batch jobs had run for thirty years. Their hardware provider announced the end of maintenance, and the renewal quote tripled. We proposed a phased migration of the batch workloads.',
  },
  {
    situation: 'mainframe',
    title: 'Insurer under end-of-life pressure',
    summary: 'Their old IBM system would lose its maintenance agreement within a year.',
    body: 'Extending the aging platform was no longer offered by the manufacturer. The deadline gave the project urgency and budget.',
  },
  {
    situation: 'failed-implementations',
    title: 'Winning back a sceptical buyer',
    summary: 'They had been burned by two botched implementations.',
    body: 'Both earlier suppliers missed their launch dates and the rollouts were abandoned. The steering group wanted proof: we offered a fixed-price first phase with exit clauses.',
  },
  {
    situation: 'failed-implementations',
    title: 'Trust after disastrous rollouts',
    summary: 'Previous projects had collapsed before going live, twice.',
    body: 'The client had fired their integrators after the deployments failed. References from customers who went live on time mattered more than features.',
  },
  {
    situation: 'data-residency',
    title: 'Keeping records inside the country',
    summary: 'Regulators required that patient information never leave national borders.',
    body: 'Sovereignty rules ruled out the shared cloud region. We offered a local data centre and encryption keys held by the customer.',
  },
  {
    situation: 'data-residency',
    title: 'Sovereign hosting requirement',
    summary: 'Storage abroad was forbidden by the public-sector contract.',
    body: 'The ministry demanded domestic hosting with no foreign administrator access.',
  },
  {
    situation: 'budget-freeze',
    title: 'Spending halted mid-cycle',
    summary: 'The CFO stopped all new purchases until the next fiscal year.',
    body: 'Every contract above a small threshold needed board sign-off during the freeze. We split the order so the first part fitted an existing operating budget.',
  },
  {
    situation: 'budget-freeze',
    title: 'Capital expenditure on hold',
    summary: 'Investments were paused after a weak quarter.',
    body: 'Procurement would not sign anything new before January, so we moved to a subscription paid from operating expense.',
  },
  {
    situation: 'merger',
    title: 'Two companies becoming one',
    summary: 'After the acquisition, both firms had to consolidate their tools.',
    body: 'The acquirer wanted a single platform for the combined organisation. Integrating the merged sales teams was the priority for the first hundred days.',
  },
  {
    situation: 'merger',
    title: 'Post-merger consolidation',
    summary: 'A takeover left them with duplicate systems and overlapping teams.',
    body: 'Harmonising processes across the newly combined business drove the evaluation.',
  },
  {
    situation: 'champion-left',
    title: 'When our sponsor resigned',
    summary: 'Our internal advocate quit the company in the middle of the evaluation.',
    body: 'The executive who had pushed for the project departed for a competitor. We had to rebuild support with her successor from scratch.',
  },
  {
    situation: 'champion-left',
    title: 'Losing the project champion',
    summary: 'The person backing us internally moved to another employer.',
    body: 'Multi-threading early would have protected the opportunity when he left.',
  },
  {
    situation: 'breach',
    title: 'Buying after a ransomware attack',
    summary: 'Hackers had encrypted their servers and demanded payment.',
    body: 'The incident shut down operations for a week. Security and recovery became the board’s top concern.',
  },
  {
    situation: 'breach',
    title: 'A cyber incident changed the agenda',
    summary: 'A major intrusion exposed customer records last year.',
    body: 'After the leak, attackers were found in the network for months. The board wanted stronger defences before anything else.',
  },
  {
    situation: 'peak-season',
    title: 'No changes during the holiday rush',
    summary: 'The retailer forbids system changes during the Christmas shopping period.',
    body: 'From November to January the stores freeze all IT changes. Our go-live had to land before the busy season.',
  },
  {
    situation: 'peak-season',
    title: 'Working around the busiest weeks',
    summary: 'Their seasonal sales spike made a winter launch impossible.',
    body: 'The company locks its platforms ahead of peak trading, so the timeline was built backwards from that date.',
  },
  {
    situation: 'small-it',
    title: 'A customer without engineers',
    summary: 'Their whole technology department was two people.',
    body: 'They could not maintain custom code or run servers. A fully managed service with setup done by us won the deal.',
  },
  {
    situation: 'small-it',
    title: 'Thin technical staff',
    summary: 'With hardly any in-house developers, they needed something that runs itself.',
    body: 'No administrator could be spared for upkeep, so low maintenance decided the choice.',
  },
  {
    situation: 'audit-deadline',
    title: 'Racing a compliance inspection',
    summary: 'The regulator scheduled an examination and findings from the last review were still open.',
    body: 'Penalties were likely if controls were not fixed before the inspectors returned. Evidence reporting sold the solution.',
  },
  {
    situation: 'audit-deadline',
    title: 'Fines loomed after a failed review',
    summary: 'Supervisors had flagged weaknesses and set a date to check remediation.',
    body: 'The compliance team needed documented proof of fixes by the follow-up visit.',
  },
];

export const DEALS: StoryDeal[] = [
  {
    situation: 'works-council',
    name: 'Plant analytics rollout',
    description: 'A works council must approve any tool that records employee activity.',
  },
  {
    situation: 'works-council',
    name: 'Workforce insights',
    description: 'Worker delegates can block software that observes what people do at their desks.',
  },
  { situation: 'mainframe', name: 'Core banking renewal', description: 'Their mainframe vendor support ends next spring.' },
  {
    situation: 'mainframe',
    name: 'Policy admin replacement',
    description: 'The decades-old central computer loses manufacturer servicing soon.',
  },
  {
    situation: 'failed-implementations',
    name: 'Service desk replacement',
    description: 'Their last two vendors were dropped after failed go-lives.',
  },
  {
    situation: 'failed-implementations',
    name: 'ERP relaunch',
    description: 'Earlier suppliers never managed to deliver a working deployment.',
  },
  { situation: 'data-residency', name: 'Hospital analytics', description: 'Health data has to stay on domestic soil by law.' },
  {
    situation: 'data-residency',
    name: 'Agency platform',
    description: 'The government buyer will not allow information to be kept in foreign data centres.',
  },
  {
    situation: 'budget-freeze',
    name: 'Finance tooling',
    description: 'Management froze budgets and no purchase gets approved before next year.',
  },
  {
    situation: 'budget-freeze',
    name: 'Analytics expansion',
    description: 'New spending is blocked by finance after disappointing results.',
  },
  {
    situation: 'merger',
    name: 'Combined CRM',
    description: 'They just bought a rival and need to unify both organisations on one system.',
  },
  { situation: 'merger', name: 'Integration programme', description: 'Following the takeover, duplicate applications must be merged.' },
  { situation: 'champion-left', name: 'Renewal at risk', description: 'Our main supporter at the customer has left for another job.' },
  { situation: 'champion-left', name: 'Stalled evaluation', description: 'The sponsor who drove the project resigned last month.' },
  { situation: 'breach', name: 'Security overhaul', description: 'They were hit by ransomware and the attackers locked their files.' },
  {
    situation: 'breach',
    name: 'Resilience programme',
    description: 'A hacking incident leaked client data and the directors want protection.',
  },
  {
    situation: 'peak-season',
    name: 'Store systems upgrade',
    description: 'Nothing can change in their stores during the festive sales period.',
  },
  {
    situation: 'peak-season',
    name: 'Checkout modernisation',
    description: 'The retailer freezes its systems before the winter shopping peak.',
  },
  {
    situation: 'small-it',
    name: 'Hosted workspace',
    description: 'The customer has barely any IT staff and cannot run software themselves.',
  },
  { situation: 'small-it', name: 'Managed platform', description: 'There are no developers on their side to maintain anything.' },
  {
    situation: 'audit-deadline',
    name: 'Controls remediation',
    description: 'The regulator returns for an inspection and previous findings remain unresolved.',
  },
  {
    situation: 'audit-deadline',
    name: 'Compliance reporting',
    description: 'Supervisory authorities threatened fines unless weaknesses are fixed by their next visit.',
  },
];

const INDUSTRIES = ['Banking', 'Insurance', 'Retail', 'Healthcare', 'Manufacturing', 'Public Sector'];
const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB'];
const COMPETITORS = ['Snowcrest', 'Datavolt', 'Brightloop'];
const PRODUCTS = ['Lakehouse Core', 'Privacy Vault', 'Pipeline Studio', 'Forecast AI'];

/** A small deterministic PRNG (mulberry32): facets drawn independently of the situation, the same every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function facetsFor(seed: number): { industry: string; segment: string; competitor: string; product: string } {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)] as T;
  return { industry: pick(INDUSTRIES), segment: pick(SEGMENTS), competitor: pick(COMPETITORS), product: pick(PRODUCTS) };
}
