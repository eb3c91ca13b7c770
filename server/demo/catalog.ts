/**
 * Demo catalog for "Northwind Data", a fictional B2B vendor of a data and analytics platform.
 * Everything here is invented: companies, people, numbers. The content modules
 * (./content.ts) only use facet values defined in this file.
 */
import { toSalesforceId18 } from '../opportunities/salesforce/ids';

export const DEMO_COMPANY = { name: 'Northwind Data', domain: 'northwind-data.example' } as const;

// ---------------------------------------------------------------------------------------------
// Taxonomies
// ---------------------------------------------------------------------------------------------

const FAMILIES = ['Data Platform', 'Analytics', 'Security & Governance'] as const;
export type DemoProductFamily = (typeof FAMILIES)[number];
export const DEMO_PRODUCT_FAMILIES: DemoProductFamily[] = [...FAMILIES];

const PRODUCT_LIST = [
  { name: 'Lakehouse Core', family: 'Data Platform' },
  { name: 'Stream Ingest', family: 'Data Platform' },
  { name: 'Pipeline Studio', family: 'Data Platform' },
  { name: 'Insight Dashboards', family: 'Analytics' },
  { name: 'Forecast AI', family: 'Analytics' },
  { name: 'Embedded Analytics', family: 'Analytics' },
  { name: 'Data Catalog', family: 'Security & Governance' },
  { name: 'Privacy Vault', family: 'Security & Governance' },
  { name: 'Access Guard', family: 'Security & Governance' },
] as const satisfies readonly { name: string; family: DemoProductFamily }[];
export type DemoProductName = (typeof PRODUCT_LIST)[number]['name'];
export interface DemoProduct {
  name: DemoProductName;
  family: DemoProductFamily;
}
export const DEMO_PRODUCTS: DemoProduct[] = PRODUCT_LIST.map((p) => ({ name: p.name, family: p.family }));

const INDUSTRIES = ['Banking', 'Insurance', 'Retail', 'Healthcare', 'Manufacturing', 'Public Sector'] as const;
export type DemoIndustry = (typeof INDUSTRIES)[number];
export const DEMO_INDUSTRIES: DemoIndustry[] = [...INDUSTRIES];

/** Fictional competitors: a cloud warehouse, an open-source lakehouse, a BI tool, a governance suite, a legacy appliance. */
const COMPETITORS = ['Snowcrest', 'Sparkline', 'Prism BI', 'Atlasgrid', 'Granite Systems'] as const;
export type DemoCompetitor = (typeof COMPETITORS)[number];
export const DEMO_COMPETITORS: DemoCompetitor[] = [...COMPETITORS];

const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB'] as const;
export type DemoSegment = (typeof SEGMENTS)[number];
export const DEMO_SEGMENTS: DemoSegment[] = [...SEGMENTS];

const REGIONS = ['EMEA', 'North America', 'APAC'] as const;
export type DemoRegion = (typeof REGIONS)[number];
export const DEMO_REGIONS: DemoRegion[] = [...REGIONS];

const STAGES = ['Prospecting', 'Qualification', 'Discovery', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'] as const;
export type DemoStage = (typeof STAGES)[number];
export const DEMO_STAGES: DemoStage[] = [...STAGES];
export const DEMO_OPEN_STAGES: DemoStage[] = ['Prospecting', 'Qualification', 'Discovery', 'Proposal', 'Negotiation'];

const PERSONAS = [
  'CIO',
  'CFO',
  'CTO',
  'COO',
  'Head of Data',
  'Head of Analytics',
  'Security Officer',
  'Data Protection Officer',
  'Procurement',
] as const;
export type DemoPersona = (typeof PERSONAS)[number];
export const DEMO_PERSONAS: DemoPersona[] = [...PERSONAS];

/** Contact roles as the CRM knows them (OpportunityContactRole.Role). */
export const DEMO_CONTACT_ROLES = ['Economic Buyer', 'Decision Maker', 'Technical Evaluator', 'Influencer', 'Champion'] as const;
export type DemoContactRole = (typeof DEMO_CONTACT_ROLES)[number];

export function productFamily(name: DemoProductName): DemoProductFamily {
  const p = DEMO_PRODUCTS.find((x) => x.name === name);
  if (!p) throw new Error(`unknown demo product ${name}`);
  return p.family;
}

// ---------------------------------------------------------------------------------------------
// Users and teams
// ---------------------------------------------------------------------------------------------

const TEAMS = ['EMEA Enterprise', 'NA Enterprise', 'NA Mid-Market', 'APAC Growth'] as const;
export type DemoTeam = (typeof TEAMS)[number];
export const DEMO_TEAMS: DemoTeam[] = [...TEAMS];

export type DemoUserRole = 'rep' | 'author' | 'leader' | 'admin';
export interface DemoUser {
  id: string;
  name: string;
  email: string;
  role: DemoUserRole;
  team: string;
  leadsTeams?: string[];
  salesforceUserId?: string;
}

/** [name, role, team, Salesforce user number or null]; the comment says what the person does. */
type UserSeed = [string, DemoUserRole, DemoTeam, number | null];
const USER_SEEDS: UserSeed[] = [
  // EMEA Enterprise (Munich, Amsterdam, London, Stockholm, Milan)
  ['Katrin Vogel', 'leader', 'EMEA Enterprise', 1], // Regional Vice President EMEA
  ['Anna Schmidt', 'rep', 'EMEA Enterprise', 2], // banking and public sector, DACH
  ['Luca Bianchi', 'rep', 'EMEA Enterprise', 3], // manufacturing, DACH and Italy
  ['Amara Okafor', 'rep', 'EMEA Enterprise', 4], // insurance and healthcare, UK and Switzerland
  ['Pieter de Vries', 'rep', 'EMEA Enterprise', 5], // public sector and banking, Benelux and UK
  ['Sofia Lindqvist', 'rep', 'EMEA Enterprise', 6], // Nordics, mid-market
  ['Marc Dubois', 'author', 'EMEA Enterprise', 7], // principal sales engineer, governance and GDPR
  ['Ines Carvalho', 'admin', 'EMEA Enterprise', 8], // sales operations EMEA
  // NA Enterprise (New York, Chicago, Toronto, Austin)
  ['Daniel Brooks', 'leader', 'NA Enterprise', 9], // Area Vice President NA Enterprise
  ['Priya Raman', 'rep', 'NA Enterprise', 10], // banking and healthcare, Northeast
  ['Marcus Johnson', 'rep', 'NA Enterprise', 11], // manufacturing and healthcare, Midwest
  ['Emily Chen', 'rep', 'NA Enterprise', 12], // retail, West
  ['Carlos Mendoza', 'rep', 'NA Enterprise', 13], // insurance, South
  ['Rachel Goldberg', 'rep', 'NA Enterprise', 14], // public sector
  ['Hannah Whitfield', 'author', 'NA Enterprise', 15], // product marketing, platform and pricing
  ['Omar Haddad', 'author', 'NA Enterprise', null], // solutions engineer, streaming and migrations
  // NA Mid-Market (Denver, Atlanta)
  ['Jasmine Taylor', 'leader', 'NA Mid-Market', 16], // Sales Director NA Mid-Market
  ['Tyler Nguyen', 'rep', 'NA Mid-Market', 17],
  ['Brianna Walsh', 'rep', 'NA Mid-Market', 18],
  ["Kevin O'Brien", 'rep', 'NA Mid-Market', 19],
  ['Aisha Bello', 'rep', 'NA Mid-Market', 20],
  ['Grace Kim', 'author', 'NA Mid-Market', 21], // product marketing, analytics
  ['Sam Patel', 'admin', 'NA Mid-Market', 22], // revenue operations, CRM administrator
  // APAC Growth (Singapore, Sydney, Tokyo, Bengaluru, Seoul)
  ['Kenji Watanabe', 'leader', 'APAC Growth', 23], // Vice President APAC
  ['Mei Lin Tan', 'rep', 'APAC Growth', 24], // Singapore and Japan enterprise
  ['Arjun Mehta', 'rep', 'APAC Growth', 25], // India and ANZ healthcare
  ['Chloe Martin', 'rep', 'APAC Growth', 26], // Australia and New Zealand
  ['Hyun-woo Park', 'rep', 'APAC Growth', 27], // Korea and Japan manufacturing, Singapore banking
  ['Olivia Harper', 'author', 'APAC Growth', 28], // solutions engineer, analytics demos
  ['Ravi Shankar', 'author', 'APAC Growth', null], // competitive intelligence lead
];

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const DEMO_USERS: DemoUser[] = USER_SEEDS.map(([name, role, team, sf]) => {
  const s = slug(name);
  const user: DemoUser = { id: `u-${s}`, name, email: `${s.replace(/-/g, '.')}@${DEMO_COMPANY.domain}`, role, team };
  if (role === 'leader') user.leadsTeams = [team];
  // Stored as the API returns them: 18 characters, the last three the checksum of the first 15.
  if (sf !== null) user.salesforceUserId = toSalesforceId18(`005Hn00000NwD${String(sf).padStart(2, '0')}`) ?? undefined;
  return user;
});

// ---------------------------------------------------------------------------------------------
// Opportunities
// ---------------------------------------------------------------------------------------------

export interface DemoOpportunity {
  id: string;
  name: string;
  accountName: string;
  industry: string;
  segment: string;
  region: string;
  amount: number;
  currency: 'USD' | 'EUR';
  stage: string;
  closeDate: string;
  isClosed: boolean;
  isWon: boolean;
  products: { name: string; family: string }[];
  competitors: string[];
  contactRoles: { role: string; title: string }[];
  ownerId: string;
  description: string;
}

/** An opportunity before dates are resolved: closeIn is days from now (negative: closed that many days ago). */
export interface DemoOpportunitySeed {
  id: string;
  name: string;
  accountName: string;
  industry: DemoIndustry;
  segment: DemoSegment;
  region: DemoRegion;
  amount: number;
  currency: 'USD' | 'EUR';
  stage: DemoStage;
  closeIn: number;
  products: DemoProductName[];
  competitors: DemoCompetitor[];
  contacts: [DemoContactRole, DemoPersona][];
  ownerId: string;
  description: string;
}

export const DEMO_OPPORTUNITY_SEEDS: DemoOpportunitySeed[] = [
  // ----- open pipeline -----
  {
    id: 'opp-001',
    name: 'Helvetia Mutual Insurance – Claims Analytics Platform',
    accountName: 'Helvetia Mutual Insurance',
    industry: 'Insurance',
    segment: 'Enterprise',
    region: 'EMEA',
    amount: 1_200_000,
    currency: 'EUR',
    stage: 'Proposal',
    closeIn: 35,
    products: ['Lakehouse Core', 'Forecast AI', 'Privacy Vault'],
    competitors: ['Snowcrest', 'Sparkline'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Decision Maker', 'CIO'],
      ['Technical Evaluator', 'Head of Data'],
      ['Influencer', 'Data Protection Officer'],
    ],
    ownerId: 'u-amara-okafor',
    description:
      "Swiss insurer replacing its on-premises claims warehouse before next year's hardware refresh. FINMA outsourcing rules require claims data to stay in Switzerland, so the Zurich region is a must. The proof of concept on the claims leakage model showed a 9% uplift in detected leakage over the current rules engine.",
  },
  {
    id: 'opp-002',
    name: 'Rivermark Grocers – Forecasting Rollout to 180 Stores',
    accountName: 'Rivermark Grocers',
    industry: 'Retail',
    segment: 'Enterprise',
    region: 'North America',
    amount: 640_000,
    currency: 'USD',
    stage: 'Negotiation',
    closeIn: 14,
    products: ['Forecast AI', 'Stream Ingest'],
    competitors: ['Prism BI'],
    contacts: [
      ['Economic Buyer', 'COO'],
      ['Champion', 'Head of Analytics'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-emily-chen',
    description:
      'Expansion of the 40-store fresh-produce forecasting pilot to all 180 stores, adding point-of-sale streaming. Procurement wants a three-year price hold; the COO wants the 21% waste reduction from the pilot written into the business case.',
  },
  {
    id: 'opp-003',
    name: 'Brenner Automotive Systems – Smart Factory Data Platform',
    accountName: 'Brenner Automotive Systems',
    industry: 'Manufacturing',
    segment: 'Enterprise',
    region: 'EMEA',
    amount: 980_000,
    currency: 'EUR',
    stage: 'Discovery',
    closeIn: 90,
    products: ['Stream Ingest', 'Lakehouse Core', 'Data Catalog'],
    competitors: ['Sparkline'],
    contacts: [
      ['Economic Buyer', 'COO'],
      ['Technical Evaluator', 'CTO'],
      ['Influencer', 'Head of Data'],
    ],
    ownerId: 'u-luca-bianchi',
    description:
      'Tier-1 supplier with 14 plants wants OEE and predictive maintenance on one platform. Group IT already runs a Sparkline pilot in two plants; the plant managers complain that nobody can maintain it.',
  },
  {
    id: 'opp-004',
    name: 'First Harbor Bancorp – Granite Exit',
    accountName: 'First Harbor Bancorp',
    industry: 'Banking',
    segment: 'Enterprise',
    region: 'North America',
    amount: 2_100_000,
    currency: 'USD',
    stage: 'Qualification',
    closeIn: 120,
    products: ['Lakehouse Core', 'Access Guard', 'Privacy Vault'],
    competitors: ['Granite Systems', 'Snowcrest'],
    contacts: [
      ['Economic Buyer', 'CIO'],
      ['Influencer', 'CFO'],
      ['Technical Evaluator', 'Security Officer'],
    ],
    ownerId: 'u-priya-raman',
    description:
      "Their Granite Systems appliance reaches end of support in 18 months and the refresh quote is USD 3.4M. Snowcrest is pitching through the bank's cloud marketplace agreement; the CISO has not yet approved any SaaS data platform.",
  },
  {
    id: 'opp-005',
    name: 'Ostsee Versicherung – Access Governance',
    accountName: 'Ostsee Versicherung AG',
    industry: 'Insurance',
    segment: 'Mid-Market',
    region: 'EMEA',
    amount: 290_000,
    currency: 'EUR',
    stage: 'Discovery',
    closeIn: 75,
    products: ['Data Catalog', 'Access Guard'],
    competitors: ['Atlasgrid'],
    contacts: [
      ['Decision Maker', 'CIO'],
      ['Technical Evaluator', 'Security Officer'],
      ['Champion', 'Data Protection Officer'],
    ],
    ownerId: 'u-sofia-lindqvist',
    description:
      'The last BaFin audit flagged manual quarterly access reviews on the actuarial data marts. Atlasgrid presented a governance roadmap to the compliance team; our champion is the DPO, who wants enforcement rather than documentation.',
  },
  {
    id: 'opp-006',
    name: 'Mercy Valley Health System – Patient 360',
    accountName: 'Mercy Valley Health System',
    industry: 'Healthcare',
    segment: 'Enterprise',
    region: 'North America',
    amount: 870_000,
    currency: 'USD',
    stage: 'Proposal',
    closeIn: 40,
    products: ['Lakehouse Core', 'Privacy Vault', 'Insight Dashboards'],
    competitors: ['Snowcrest'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Decision Maker', 'CIO'],
      ['Technical Evaluator', 'Head of Data'],
      ['Influencer', 'Security Officer'],
    ],
    ownerId: 'u-marcus-johnson',
    description:
      'Eleven-hospital system building a patient 360 view for readmission risk and capacity planning. HIPAA de-identification for the research team is the deciding requirement; Snowcrest is the incumbent for finance reporting.',
  },
  {
    id: 'opp-007',
    name: 'Greenleaf Pharmacy – Store Performance Analytics',
    accountName: 'Greenleaf Pharmacy Co.',
    industry: 'Retail',
    segment: 'Mid-Market',
    region: 'North America',
    amount: 180_000,
    currency: 'USD',
    stage: 'Qualification',
    closeIn: 100,
    products: ['Insight Dashboards', 'Embedded Analytics'],
    competitors: ['Prism BI'],
    contacts: [
      ['Decision Maker', 'COO'],
      ['Champion', 'Head of Analytics'],
    ],
    ownerId: 'u-aisha-bello',
    description:
      'Regional pharmacy chain with 260 stores wants store managers and franchise owners to see the same margin numbers. Prism BI is used at headquarters but franchisees cannot be licensed economically.',
  },
  {
    id: 'opp-008',
    name: 'Tasman Mutual – Pricing and Claims Models',
    accountName: 'Tasman Mutual',
    industry: 'Insurance',
    segment: 'Mid-Market',
    region: 'APAC',
    amount: 420_000,
    currency: 'USD',
    stage: 'Negotiation',
    closeIn: 18,
    products: ['Forecast AI', 'Insight Dashboards'],
    competitors: ['Sparkline'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Technical Evaluator', 'Head of Analytics'],
      ['Influencer', 'Security Officer'],
    ],
    ownerId: 'u-chloe-martin',
    description:
      'Australian mutual insurer moving motor pricing models off spreadsheets. APRA CPS 234 evidence pack is complete; the CFO is asking for a 15% discount to match a Sparkline quote that excludes governance.',
  },
  {
    id: 'opp-009',
    name: 'City of Westbridge – Open Data and Service Dashboards',
    accountName: 'City of Westbridge',
    industry: 'Public Sector',
    segment: 'Mid-Market',
    region: 'North America',
    amount: 150_000,
    currency: 'USD',
    stage: 'Discovery',
    closeIn: 85,
    products: ['Insight Dashboards', 'Access Guard'],
    competitors: ['Prism BI'],
    contacts: [
      ['Decision Maker', 'CIO'],
      ['Influencer', 'Procurement'],
      ['Technical Evaluator', 'Security Officer'],
    ],
    ownerId: 'u-kevin-obrien',
    description:
      'City wants public service-level dashboards (permits, 311 calls) and internal dashboards with SSO through its Azure AD tenant. Procurement must run an RFP above USD 100k.',
  },
  {
    id: 'opp-010',
    name: 'Statistikamt Nord-Ost – Census Data Platform',
    accountName: 'Statistikamt Nord-Ost',
    industry: 'Public Sector',
    segment: 'Enterprise',
    region: 'EMEA',
    amount: 760_000,
    currency: 'EUR',
    stage: 'Proposal',
    closeIn: 50,
    products: ['Lakehouse Core', 'Data Catalog', 'Privacy Vault'],
    competitors: ['Granite Systems', 'Atlasgrid'],
    contacts: [
      ['Economic Buyer', 'CIO'],
      ['Influencer', 'Data Protection Officer'],
      ['Influencer', 'Procurement'],
      ['Technical Evaluator', 'Head of Data'],
    ],
    ownerId: 'u-anna-schmidt',
    description:
      'State statistics office consolidating census microdata from a Granite Systems warehouse. Data must stay in Germany under the BSI C5 attestation; Atlasgrid is in the tender as the metadata component of a competing consortium.',
  },
  {
    id: 'opp-011',
    name: 'Kiwi Fresh Markets – Store Dashboards',
    accountName: 'Kiwi Fresh Markets',
    industry: 'Retail',
    segment: 'SMB',
    region: 'APAC',
    amount: 45_000,
    currency: 'USD',
    stage: 'Prospecting',
    closeIn: 150,
    products: ['Insight Dashboards'],
    competitors: ['Prism BI'],
    contacts: [
      ['Decision Maker', 'COO'],
      ['Influencer', 'CFO'],
    ],
    ownerId: 'u-chloe-martin',
    description:
      'Twenty-two-store grocer in New Zealand; the COO saw the Rivermark case study at a retail conference and asked for a call.',
  },
  {
    id: 'opp-012',
    name: 'Lumen Diagnostics – Lab Data Privacy',
    accountName: 'Lumen Diagnostics',
    industry: 'Healthcare',
    segment: 'Mid-Market',
    region: 'EMEA',
    amount: 230_000,
    currency: 'EUR',
    stage: 'Qualification',
    closeIn: 110,
    products: ['Privacy Vault', 'Data Catalog'],
    competitors: ['Atlasgrid'],
    contacts: [
      ['Champion', 'Data Protection Officer'],
      ['Decision Maker', 'CIO'],
      ['Influencer', 'Head of Data'],
    ],
    ownerId: 'u-amara-okafor',
    description:
      'Laboratory network processing GDPR Article 9 health data for 30 clinics. They need pseudonymisation before data reaches the research partners and an auditable erasure workflow.',
  },
  {
    id: 'opp-013',
    name: 'Ironbridge Steel – Furnace Telemetry',
    accountName: 'Ironbridge Steel',
    industry: 'Manufacturing',
    segment: 'Mid-Market',
    region: 'North America',
    amount: 260_000,
    currency: 'USD',
    stage: 'Discovery',
    closeIn: 70,
    products: ['Stream Ingest', 'Forecast AI'],
    competitors: ['Sparkline'],
    contacts: [
      ['Economic Buyer', 'COO'],
      ['Technical Evaluator', 'Head of Data'],
    ],
    ownerId: 'u-tyler-nguyen',
    description:
      'Two mills want to predict refractory lining failures from furnace sensors. One unplanned reline costs about USD 1.2M; their two-person data team cannot run a Sparkline cluster.',
  },
  {
    id: 'opp-014',
    name: 'Coromandel Federal Bank – Real-time Fraud Data Platform',
    accountName: 'Coromandel Federal Bank',
    industry: 'Banking',
    segment: 'Enterprise',
    region: 'APAC',
    amount: 1_600_000,
    currency: 'USD',
    stage: 'Discovery',
    closeIn: 130,
    products: ['Lakehouse Core', 'Stream Ingest', 'Access Guard'],
    competitors: ['Snowcrest', 'Granite Systems'],
    contacts: [
      ['Economic Buyer', 'CIO'],
      ['Technical Evaluator', 'CTO'],
      ['Influencer', 'Security Officer'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-arjun-mehta',
    description:
      'Indian private-sector bank needs UPI transaction features for fraud scoring within seconds. RBI data localisation means everything must run in the Mumbai region; Granite Systems is the incumbent warehouse.',
  },
  {
    id: 'opp-015',
    name: 'Sunbelt Home & Garden – Seasonal Demand Planning',
    accountName: 'Sunbelt Home & Garden',
    industry: 'Retail',
    segment: 'Mid-Market',
    region: 'North America',
    amount: 330_000,
    currency: 'USD',
    stage: 'Proposal',
    closeIn: 30,
    products: ['Forecast AI', 'Pipeline Studio'],
    competitors: ['Snowcrest'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Champion', 'Head of Analytics'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-brianna-walsh',
    description:
      'Ninety-store garden retailer overstocked by USD 6M last spring. Snowcrest already hosts their sales data, so our proposal positions Forecast AI and Pipeline Studio on top of it rather than a migration.',
  },
  {
    id: 'opp-016',
    name: 'Aurora Life Assurance – Actuarial Data Platform',
    accountName: 'Aurora Life Assurance',
    industry: 'Insurance',
    segment: 'Enterprise',
    region: 'North America',
    amount: 1_350_000,
    currency: 'USD',
    stage: 'Negotiation',
    closeIn: 10,
    products: ['Lakehouse Core', 'Forecast AI', 'Data Catalog'],
    competitors: ['Snowcrest'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Decision Maker', 'CIO'],
      ['Technical Evaluator', 'Head of Data'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-carlos-mendoza',
    description:
      'IFRS 17 and mortality experience studies on one platform. Procurement has asked for a cap on compute overage and a termination-for-convenience clause; Snowcrest offered a USD 200k credit bundle.',
  },
  {
    id: 'opp-017',
    name: 'Nordic Care Hospitals – Research Data Sharing',
    accountName: 'Nordic Care Hospitals',
    industry: 'Healthcare',
    segment: 'Enterprise',
    region: 'EMEA',
    amount: 690_000,
    currency: 'EUR',
    stage: 'Prospecting',
    closeIn: 160,
    products: ['Privacy Vault', 'Lakehouse Core'],
    competitors: [],
    contacts: [
      ['Influencer', 'Data Protection Officer'],
      ['Decision Maker', 'CIO'],
    ],
    ownerId: 'u-sofia-lindqvist',
    description:
      'Hospital group in Sweden and Finland wants to share pseudonymised registry data with universities under the EU Health Data Space rules. Early conversation, no budget yet.',
  },
  {
    id: 'opp-018',
    name: 'Alpine Packaging – Plant Reporting',
    accountName: 'Alpine Packaging GmbH',
    industry: 'Manufacturing',
    segment: 'Mid-Market',
    region: 'EMEA',
    amount: 140_000,
    currency: 'EUR',
    stage: 'Qualification',
    closeIn: 95,
    products: ['Pipeline Studio', 'Insight Dashboards'],
    competitors: ['Prism BI'],
    contacts: [
      ['Decision Maker', 'COO'],
      ['Influencer', 'CFO'],
    ],
    ownerId: 'u-luca-bianchi',
    description:
      'Austrian packaging maker with four plants; month-end plant reports take six days in Excel and Prism BI. They want scrap and energy cost per tonne daily.',
  },
  {
    id: 'opp-019',
    name: 'Territory Services Agency – Whole-of-Agency Data Platform',
    accountName: 'Territory Services Agency',
    industry: 'Public Sector',
    segment: 'Enterprise',
    region: 'APAC',
    amount: 720_000,
    currency: 'USD',
    stage: 'Proposal',
    closeIn: 45,
    products: ['Lakehouse Core', 'Data Catalog', 'Access Guard'],
    competitors: ['Atlasgrid'],
    contacts: [
      ['Economic Buyer', 'CIO'],
      ['Technical Evaluator', 'Security Officer'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-mei-lin-tan',
    description:
      'Australian agency consolidating 40 departmental databases. IRAP-assessed hosting in the Sydney region is mandatory; Atlasgrid is the current catalog and the agency is unhappy that it does not enforce access policies.',
  },
  {
    id: 'opp-020',
    name: 'Redwood Community Bank – Branch and Risk Dashboards',
    accountName: 'Redwood Community Bank',
    industry: 'Banking',
    segment: 'Mid-Market',
    region: 'North America',
    amount: 210_000,
    currency: 'USD',
    stage: 'Negotiation',
    closeIn: 21,
    products: ['Insight Dashboards', 'Access Guard'],
    competitors: ['Prism BI'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Technical Evaluator', 'Security Officer'],
      ['Champion', 'Head of Analytics'],
    ],
    ownerId: 'u-tyler-nguyen',
    description:
      'Community bank with 48 branches; examiners asked for evidence of who can see customer-level data. Prism BI is free in their office suite, so the CFO needs a security-led business case.',
  },
  {
    id: 'opp-021',
    name: 'Atlântico Seguros – Fraud Scoring',
    accountName: 'Atlântico Seguros',
    industry: 'Insurance',
    segment: 'Mid-Market',
    region: 'EMEA',
    amount: 260_000,
    currency: 'EUR',
    stage: 'Prospecting',
    closeIn: 170,
    products: ['Forecast AI'],
    competitors: ['Sparkline'],
    contacts: [
      ['Influencer', 'Head of Analytics'],
      ['Decision Maker', 'CIO'],
    ],
    ownerId: 'u-amara-okafor',
    description: 'Portuguese insurer whose two data scientists built a Sparkline notebook for motor fraud that never reached production.',
  },
  {
    id: 'opp-022',
    name: 'Great Lakes Precision Parts – Shop Floor Dashboards',
    accountName: 'Great Lakes Precision Parts',
    industry: 'Manufacturing',
    segment: 'SMB',
    region: 'North America',
    amount: 38_000,
    currency: 'USD',
    stage: 'Qualification',
    closeIn: 60,
    products: ['Insight Dashboards'],
    competitors: [],
    contacts: [
      ['Decision Maker', 'COO'],
      ['Influencer', 'CFO'],
    ],
    ownerId: 'u-aisha-bello',
    description:
      'Family-owned machine shop, 180 employees, wants scrap rate and machine utilisation on shop floor screens. Owner decides; budget under USD 40k.',
  },
  {
    id: 'opp-023',
    name: 'Kumo Electronics – Yield Analytics',
    accountName: 'Kumo Electronics Manufacturing',
    industry: 'Manufacturing',
    segment: 'Enterprise',
    region: 'APAC',
    amount: 1_100_000,
    currency: 'USD',
    stage: 'Negotiation',
    closeIn: 25,
    products: ['Stream Ingest', 'Lakehouse Core', 'Forecast AI'],
    competitors: ['Sparkline', 'Snowcrest'],
    contacts: [
      ['Economic Buyer', 'COO'],
      ['Technical Evaluator', 'CTO'],
      ['Influencer', 'Procurement'],
      ['Champion', 'Head of Data'],
    ],
    ownerId: 'u-hyun-woo-park',
    description:
      'Electronics contract manufacturer with fabs in Korea and Vietnam; 0.4 points of yield are worth USD 9M a year. Technical win is confirmed, procurement is comparing our three-year TCO with Sparkline and Snowcrest.',
  },
  {
    id: 'opp-024',
    name: 'Banque Lémanique – Regulatory Data Hub',
    accountName: 'Banque Lémanique',
    industry: 'Banking',
    segment: 'Enterprise',
    region: 'EMEA',
    amount: 1_800_000,
    currency: 'EUR',
    stage: 'Discovery',
    closeIn: 140,
    products: ['Lakehouse Core', 'Privacy Vault', 'Access Guard'],
    competitors: ['Granite Systems'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Decision Maker', 'CIO'],
      ['Technical Evaluator', 'Security Officer'],
      ['Influencer', 'Data Protection Officer'],
    ],
    ownerId: 'u-pieter-de-vries',
    description:
      'Geneva private bank preparing for DORA and a BCBS 239 remediation programme. Client-identifying data must never leave Switzerland; Granite Systems offered a five-year renewal at 40% off.',
  },
  {
    id: 'opp-025',
    name: 'Marigold Department Stores – Supplier Portal Analytics',
    accountName: 'Marigold Department Stores',
    industry: 'Retail',
    segment: 'Mid-Market',
    region: 'APAC',
    amount: 270_000,
    currency: 'USD',
    stage: 'Discovery',
    closeIn: 80,
    products: ['Embedded Analytics', 'Insight Dashboards'],
    competitors: ['Prism BI'],
    contacts: [
      ['Decision Maker', 'CTO'],
      ['Champion', 'Head of Analytics'],
      ['Influencer', 'CFO'],
    ],
    ownerId: 'u-arjun-mehta',
    description:
      'Department store chain in Malaysia and Singapore wants to give 1,400 suppliers sell-through dashboards in its supplier portal; Prism BI capacity pricing for external users was quoted at three times their budget.',
  },
  {
    id: 'opp-026',
    name: 'Bayside Physical Therapy – Clinic KPIs',
    accountName: 'Bayside Physical Therapy Group',
    industry: 'Healthcare',
    segment: 'SMB',
    region: 'North America',
    amount: 28_000,
    currency: 'USD',
    stage: 'Prospecting',
    closeIn: 175,
    products: ['Insight Dashboards'],
    competitors: [],
    contacts: [
      ['Decision Maker', 'CFO'],
      ['Influencer', 'COO'],
    ],
    ownerId: 'u-kevin-obrien',
    description: 'Twelve-clinic practice; inbound lead from the webinar on visit-volume forecasting.',
  },
  // ----- closed within the last 90 days -----
  {
    id: 'opp-027',
    name: 'Nordhafen Sparkasse – Core Analytics Migration',
    accountName: 'Nordhafen Sparkasse',
    industry: 'Banking',
    segment: 'Enterprise',
    region: 'EMEA',
    amount: 1_150_000,
    currency: 'EUR',
    stage: 'Closed Won',
    closeIn: -12,
    products: ['Lakehouse Core', 'Privacy Vault', 'Access Guard'],
    competitors: ['Granite Systems', 'Snowcrest'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Decision Maker', 'CIO'],
      ['Technical Evaluator', 'Security Officer'],
      ['Influencer', 'Data Protection Officer'],
    ],
    ownerId: 'u-anna-schmidt',
    description:
      'Savings bank replacing a Granite Systems appliance at end of support. Won on Frankfurt data residency, a fixed-fee Migration Factory and a three-year TCO 31% below the Granite renewal.',
  },
  {
    id: 'opp-028',
    name: 'Cascadia Health Partners – Enterprise Data Platform',
    accountName: 'Cascadia Health Partners',
    industry: 'Healthcare',
    segment: 'Enterprise',
    region: 'North America',
    amount: 780_000,
    currency: 'USD',
    stage: 'Closed Lost',
    closeIn: -20,
    products: ['Lakehouse Core', 'Insight Dashboards'],
    competitors: ['Snowcrest'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Decision Maker', 'CIO'],
      ['Technical Evaluator', 'Head of Data'],
    ],
    ownerId: 'u-priya-raman',
    description:
      "Lost to Snowcrest, which was paid from the health system's existing cloud marketplace commitment. We never met the CFO before the shortlist.",
  },
  {
    id: 'opp-029',
    name: 'Fjordline Retail Group – Demand Forecasting',
    accountName: 'Fjordline Retail Group',
    industry: 'Retail',
    segment: 'Mid-Market',
    region: 'EMEA',
    amount: 240_000,
    currency: 'EUR',
    stage: 'Closed Won',
    closeIn: -33,
    products: ['Forecast AI', 'Insight Dashboards'],
    competitors: ['Prism BI'],
    contacts: [
      ['Economic Buyer', 'COO'],
      ['Champion', 'Head of Analytics'],
      ['Influencer', 'CFO'],
    ],
    ownerId: 'u-sofia-lindqvist',
    description:
      'Norwegian fashion and outdoor retailer. The four-week proof of concept cut forecast error (MAPE) from 18% to 11% on 2,300 SKUs; Prism BI stayed for headquarters reporting.',
  },
  {
    id: 'opp-030',
    name: 'Great Plains Mutual – Governance Programme',
    accountName: 'Great Plains Mutual',
    industry: 'Insurance',
    segment: 'Mid-Market',
    region: 'North America',
    amount: 310_000,
    currency: 'USD',
    stage: 'Closed Lost',
    closeIn: -41,
    products: ['Data Catalog', 'Access Guard'],
    competitors: ['Atlasgrid'],
    contacts: [
      ['Decision Maker', 'Data Protection Officer'],
      ['Influencer', 'CIO'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-brianna-walsh',
    description:
      'Compliance-led evaluation for the NAIC model audit rule; Atlasgrid won on policy workflow depth and an existing relationship with the chief compliance officer.',
  },
  {
    id: 'opp-031',
    name: 'Vantor Precision Manufacturing – Predictive Maintenance',
    accountName: 'Vantor Precision Manufacturing',
    industry: 'Manufacturing',
    segment: 'Enterprise',
    region: 'North America',
    amount: 920_000,
    currency: 'USD',
    stage: 'Closed Won',
    closeIn: -8,
    products: ['Stream Ingest', 'Lakehouse Core', 'Forecast AI'],
    competitors: ['Sparkline'],
    contacts: [
      ['Economic Buyer', 'COO'],
      ['Technical Evaluator', 'Head of Data'],
      ['Champion', 'CTO'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-marcus-johnson',
    description:
      "Aerospace machining supplier with nine plants. Won against Sparkline because plant engineers could run the models without the four-person platform team Sparkline's own sizing required.",
  },
  {
    id: 'opp-032',
    name: 'Southern Cross Health Alliance – Research Data Platform',
    accountName: 'Southern Cross Health Alliance',
    industry: 'Healthcare',
    segment: 'Enterprise',
    region: 'APAC',
    amount: 650_000,
    currency: 'USD',
    stage: 'Closed Lost',
    closeIn: -55,
    products: ['Lakehouse Core', 'Data Catalog'],
    competitors: ['Sparkline'],
    contacts: [
      ['Decision Maker', 'CTO'],
      ['Technical Evaluator', 'Head of Data'],
      ['Influencer', 'CIO'],
    ],
    ownerId: 'u-arjun-mehta',
    description:
      'Lost to Sparkline: the research institute already had 30 data scientists on Sparkline notebooks and the CTO ran the evaluation as a notebook benchmark.',
  },
  {
    id: 'opp-033',
    name: 'Northshire County Council – Data Governance',
    accountName: 'Northshire County Council',
    industry: 'Public Sector',
    segment: 'Mid-Market',
    region: 'EMEA',
    amount: 180_000,
    currency: 'EUR',
    stage: 'Closed Won',
    closeIn: -27,
    products: ['Data Catalog', 'Privacy Vault'],
    competitors: ['Atlasgrid'],
    contacts: [
      ['Decision Maker', 'CIO'],
      ['Champion', 'Data Protection Officer'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-pieter-de-vries',
    description:
      "UK council bought through the G-Cloud framework. Won on UK data residency and a ten-week implementation plan against Atlasgrid's nine-month partner-led plan.",
  },
  {
    id: 'opp-034',
    name: 'Harborview Credit Union – Member Dashboards',
    accountName: 'Harborview Credit Union',
    industry: 'Banking',
    segment: 'SMB',
    region: 'North America',
    amount: 65_000,
    currency: 'USD',
    stage: 'Closed Lost',
    closeIn: -15,
    products: ['Insight Dashboards'],
    competitors: ['Prism BI'],
    contacts: [
      ['Decision Maker', 'CFO'],
      ['Influencer', 'Head of Analytics'],
    ],
    ownerId: 'u-tyler-nguyen',
    description:
      'Lost to Prism BI, which the credit union already licensed with its office suite. Our viewer pricing could not compete with zero incremental cost.',
  },
  {
    id: 'opp-035',
    name: 'Sakura Lifestyle Stores – Real-time Inventory',
    accountName: 'Sakura Lifestyle Stores',
    industry: 'Retail',
    segment: 'Enterprise',
    region: 'APAC',
    amount: 1_400_000,
    currency: 'USD',
    stage: 'Closed Won',
    closeIn: -5,
    products: ['Lakehouse Core', 'Stream Ingest', 'Embedded Analytics'],
    competitors: ['Snowcrest'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Decision Maker', 'CTO'],
      ['Champion', 'Head of Data'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-mei-lin-tan',
    description:
      'Japanese lifestyle retailer with 310 stores. Stream Ingest delivered store stock positions in 8 seconds in the proof of concept versus 15 minutes on Snowcrest; Tokyo region residency sealed it.',
  },
  {
    id: 'opp-036',
    name: 'Oberland Maschinenbau – Data Warehouse Modernisation',
    accountName: 'Oberland Maschinenbau AG',
    industry: 'Manufacturing',
    segment: 'Enterprise',
    region: 'EMEA',
    amount: 860_000,
    currency: 'EUR',
    stage: 'Closed Lost',
    closeIn: -62,
    products: ['Lakehouse Core', 'Pipeline Studio'],
    competitors: ['Granite Systems'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Decision Maker', 'CIO'],
      ['Technical Evaluator', 'Head of Data'],
    ],
    ownerId: 'u-luca-bianchi',
    description:
      'Granite Systems offered a three-year renewal at 45% off with a free hardware refresh. The CFO deferred the migration by at least two years.',
  },
  {
    id: 'opp-037',
    name: 'Keystone Casualty Group – Claims Fraud Analytics',
    accountName: 'Keystone Casualty Group',
    industry: 'Insurance',
    segment: 'Enterprise',
    region: 'North America',
    amount: 1_050_000,
    currency: 'USD',
    stage: 'Closed Won',
    closeIn: -47,
    products: ['Forecast AI', 'Lakehouse Core', 'Privacy Vault'],
    competitors: ['Sparkline', 'Snowcrest'],
    contacts: [
      ['Economic Buyer', 'CFO'],
      ['Decision Maker', 'CIO'],
      ['Technical Evaluator', 'Head of Analytics'],
      ['Influencer', 'Security Officer'],
    ],
    ownerId: 'u-carlos-mendoza',
    description:
      "Property and casualty insurer. Won because Forecast AI explanations satisfied the state regulator's model review and Privacy Vault masked claimant data for the offshore SIU team.",
  },
  {
    id: 'opp-038',
    name: 'Straits Commerce Bank – Granite Replacement',
    accountName: 'Straits Commerce Bank',
    industry: 'Banking',
    segment: 'Enterprise',
    region: 'APAC',
    amount: 1_300_000,
    currency: 'USD',
    stage: 'Closed Won',
    closeIn: -70,
    products: ['Lakehouse Core', 'Access Guard', 'Data Catalog'],
    competitors: ['Granite Systems'],
    contacts: [
      ['Economic Buyer', 'CIO'],
      ['Technical Evaluator', 'Security Officer'],
      ['Influencer', 'CFO'],
    ],
    ownerId: 'u-hyun-woo-park',
    description:
      "Singapore bank replacing two Granite Systems appliances. MAS TRM evidence and the Migration Factory's fixed fee outweighed Granite's renewal discount.",
  },
  {
    id: 'opp-039',
    name: 'Lone Star Outfitters – Customer Portal Analytics',
    accountName: 'Lone Star Outfitters',
    industry: 'Retail',
    segment: 'Mid-Market',
    region: 'North America',
    amount: 210_000,
    currency: 'USD',
    stage: 'Closed Lost',
    closeIn: -24,
    products: ['Embedded Analytics'],
    competitors: [],
    contacts: [
      ['Decision Maker', 'CTO'],
      ['Influencer', 'CFO'],
    ],
    ownerId: 'u-kevin-obrien',
    description: 'No decision: the project was frozen after the merger announcement with a national sporting goods chain.',
  },
  {
    id: 'opp-040',
    name: 'Commonwealth Transit Authority – Ridership Analytics',
    accountName: 'Commonwealth Transit Authority',
    industry: 'Public Sector',
    segment: 'Enterprise',
    region: 'North America',
    amount: 540_000,
    currency: 'USD',
    stage: 'Closed Won',
    closeIn: -38,
    products: ['Lakehouse Core', 'Insight Dashboards', 'Access Guard'],
    competitors: ['Prism BI', 'Granite Systems'],
    contacts: [
      ['Economic Buyer', 'CIO'],
      ['Technical Evaluator', 'Security Officer'],
      ['Influencer', 'Procurement'],
    ],
    ownerId: 'u-rachel-goldberg',
    description:
      'Transit authority moving fare and ridership data off Granite Systems. FedRAMP Moderate hosting and SSO with the state identity provider decided it; Prism BI stays for a few finance reports.',
  },
];

/** YYYY-MM-DD of now shifted by a number of days (UTC). */
export function demoDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The 40 demo opportunities, with close dates relative to now. */
export function demoOpportunities(now: Date): DemoOpportunity[] {
  return DEMO_OPPORTUNITY_SEEDS.map((s) => ({
    id: s.id,
    name: s.name,
    accountName: s.accountName,
    industry: s.industry,
    segment: s.segment,
    region: s.region,
    amount: s.amount,
    currency: s.currency,
    stage: s.stage,
    closeDate: demoDate(now, s.closeIn),
    isClosed: s.stage === 'Closed Won' || s.stage === 'Closed Lost',
    isWon: s.stage === 'Closed Won',
    products: s.products.map((name) => ({ name, family: productFamily(name) })),
    competitors: [...s.competitors],
    contactRoles: s.contacts.map(([role, title]) => ({ role, title })),
    ownerId: s.ownerId,
    description: s.description,
  }));
}

export function demoOpportunitySeed(id: string): DemoOpportunitySeed {
  const s = DEMO_OPPORTUNITY_SEEDS.find((o) => o.id === id);
  if (!s) throw new Error(`unknown demo opportunity ${id}`);
  return s;
}
