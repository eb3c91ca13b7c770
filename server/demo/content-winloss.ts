/**
 * Win/loss analyses: 14 for the demo opportunities closed in the last 90 days, 12 for older deals.
 * Each analysis is written as structured notes and rendered to Markdown with one of three
 * heading styles, so the documents read like they came from different authors.
 * Some bodies deliberately name a competitor or product that is not in the facets
 * (Baltic Coast Bank, Lone Star Outfitters, Orbis Life & Pension, Silverline Payments, Tokai Precision Castings).
 */
import {
  demoOpportunitySeed,
  type DemoCompetitor,
  type DemoContactRole,
  type DemoIndustry,
  type DemoPersona,
  type DemoProductName,
  type DemoRegion,
  type DemoSegment,
} from './catalog';
import { U, buildItem, h2, link, md, money, monthLabel, ol, pair, solo, trio, ul, type DemoAuthor, type DemoContentItem } from './kit';

export type DemoOutcome = 'won' | 'lost' | 'no_decision';

/** A deal that is not one of the 40 demo opportunities (closed more than 90 days ago). */
interface HistoricDeal {
  account: string;
  industry: DemoIndustry;
  segment: DemoSegment;
  region: DemoRegion;
  amount: number;
  currency: 'USD' | 'EUR';
  products: DemoProductName[];
  competitors: DemoCompetitor[];
  closedDaysAgo: number;
}

interface WinLossSpec {
  /** One of the closed demo opportunities, or a historic deal. */
  deal: { opp: string } | HistoricDeal;
  outcome: DemoOutcome;
  /** Overrides the generated outcome line. */
  outcomeLine?: string;
  title: string;
  summary: string;
  reasons: string[];
  competition: string;
  situation: string;
  /** persona, contact role, stance, what they cared about */
  stakeholders: [DemoPersona, DemoContactRole, string, string][];
  process: string;
  worked: string[];
  avoid: string[];
  lessons: string[];
  authors: DemoAuthor[];
  /** Days between close and publication. */
  publishAfter: number;
  draft?: boolean;
}

const SPECS: WinLossSpec[] = [
  {
    deal: { opp: 'opp-027' },
    outcome: 'won',
    title: 'Win: Nordhafen Sparkasse replaces its Granite appliance with Lakehouse Core',
    summary: 'A German savings bank chose us over a discounted Granite Systems renewal and Snowcrest on key custody in Frankfurt, a fixed-fee migration and a 31% lower three-year TCO.',
    reasons: [
      'Frankfurt region with customer-held keys (Sovereign tier) passed the BaFin outsourcing review; Snowcrest could not offer customer-held keys in Germany.',
      'Three-year TCO 31% below the Granite renewal once the hardware refresh and two FTE of appliance administration were included.',
      'The fixed-fee Migration Factory removed the CIO\'s fear of an open-ended migration.',
    ],
    competition:
      'Granite Systems answered our proposal with 42% off support and a free capacity upgrade. Snowcrest entered late through the bank\'s IT service provider and dropped out after the security review of key custody.',
    situation:
      'The appliance reaches end of support next year. Quarter-close reporting ran overnight and regularly missed the 07:00 deadline for the board pack; a BaFin special audit asked for lineage on the liquidity reports.',
    stakeholders: [
      ['CFO', 'Economic Buyer', 'sceptical, then supportive', 'a five-year TCO he could defend to the board'],
      ['CIO', 'Decision Maker', 'supportive', 'feared migration risk more than cost'],
      ['Security Officer', 'Technical Evaluator', 'neutral', 'key custody and audit logs'],
      ['Data Protection Officer', 'Influencer', 'supportive', 'customer data must stay in Germany'],
    ],
    process: 'Four months from first meeting to signature: a six-week security review, a proof of concept on the liquidity report, and board approval of the outsourcing notification.',
    worked: ['Showing the CFO the TCO model before Granite\'s discount arrived.', 'A parallel-run plan with automated reconciliation of every regulatory figure.'],
    avoid: ['Involving the DPO late; her sign-off took three weeks we had not planned for.'],
    lessons: [
      'In German banking, lead with key custody and BaFin outsourcing, not with performance.',
      'Anchor the TCO method with the CFO early; a renewal discount then loses its shock value.',
    ],
    authors: pair(U.anna, U.marc, 0.6),
    publishAfter: 6,
  },
  {
    deal: { opp: 'opp-028' },
    outcome: 'lost',
    title: 'Loss: Cascadia Health Partners bought Snowcrest with its cloud commitment',
    summary: 'We won the technical evaluation but lost the budget decision: Snowcrest was paid from an existing cloud marketplace commitment and we never met the CFO.',
    reasons: [
      'Snowcrest was paid from the health system\'s cloud marketplace commitment, so the CFO saw it as "already budgeted".',
      'We never met the CFO; our champion was not part of the final budget meeting.',
      'Our proposal priced Privacy Vault as a separate line, which made us look 30% more expensive on paper.',
    ],
    competition:
      'Snowcrest worked through the hyperscaler\'s account manager and offered a USD 150k credit bundle. Their proof of concept was weaker on HIPAA de-identification, but nobody in the final meeting asked about it.',
    situation:
      'A seven-hospital system consolidating finance and clinical reporting after acquiring two community hospitals. The Head of Data wanted one platform for clinical and financial data.',
    stakeholders: [
      ['CFO', 'Economic Buyer', 'never met', 'spend against the existing cloud commitment'],
      ['CIO', 'Decision Maker', 'neutral', 'vendor consolidation'],
      ['Head of Data', 'Technical Evaluator', 'our champion', 'HIPAA de-identification and real-time bed capacity'],
    ],
    process: 'Ten-week technical evaluation of three vendors, then a budget decision by the CFO and CIO in one meeting we were not invited to.',
    worked: ['We clearly won the bed-capacity proof of concept.'],
    avoid: [
      'Leaving "we will pay through the marketplace" unanswered; Lakehouse Core is listed on the same marketplace.',
      'Pricing governance as an add-on line in healthcare deals.',
    ],
    lessons: [
      'Ask about cloud commitments in discovery and position marketplace purchase early.',
      'No CFO meeting before the shortlist means the deal is at risk, whatever the technical result.',
    ],
    authors: solo(U.priya),
    publishAfter: 9,
  },
  {
    deal: { opp: 'opp-029' },
    outcome: 'won',
    title: 'Win: Fjordline Retail Group forecasts with Forecast AI, keeps Prism BI for finance',
    summary: 'A four-week proof of concept cut forecast error from 18% to 11%; proposing coexistence with Prism BI instead of replacement kept the CFO on side.',
    reasons: [
      'The proof of concept cut forecast error (MAPE) from 18% to 11% on 2,300 SKUs.',
      'Store managers saw forecasts and stock in one Insight Dashboards view on their tablets.',
      'We proposed coexistence: Prism BI stays for headquarters finance reporting.',
    ],
    competition:
      'Prism BI was the incumbent and its partner proposed a spreadsheet-based forecasting add-in. It could not model weather and promotions, and the partner would not commit to an accuracy target.',
    situation:
      'Fjordline runs 74 fashion and outdoor stores in Norway and Sweden. Two warm autumns left EUR 4M of winter jackets on markdown; the COO wanted forecasts per store and size.',
    stakeholders: [
      ['COO', 'Economic Buyer', 'supportive', 'markdown reduction and fast results'],
      ['Head of Analytics', 'Champion', 'strong champion', 'stop maintaining 40 spreadsheets'],
      ['CFO', 'Influencer', 'cautious', 'why a second analytics tool next to Prism BI'],
    ],
    process: 'Proof of concept with a written success criterion (MAPE below 13%), a readout to the COO and CFO, and signature eleven days later.',
    worked: ['Measurable success criteria agreed before the POC started.', 'Offering coexistence with Prism BI instead of a replacement fight.'],
    avoid: ['Opening with dashboards; the CFO engaged only once we showed markdown savings.'],
    lessons: [
      'In mid-market retail, a forecast accuracy POC beats any slide.',
      'Do not attack the incumbent BI tool; make it irrelevant to the forecasting decision.',
    ],
    authors: pair(U.sofia, U.grace, 0.7),
    publishAfter: 10,
  },
  {
    deal: { opp: 'opp-030' },
    outcome: 'lost',
    title: 'Loss: Great Plains Mutual chose Atlasgrid in a compliance-led evaluation',
    summary: 'Compliance wrote the requirements around stewardship workflow, Atlasgrid had the sponsor, and we reached the CIO only after the shortlist.',
    reasons: [
      'Compliance ran the evaluation and wrote requirements around stewardship workflow, where Atlasgrid is deeper.',
      'The chief compliance officer had used Atlasgrid at a previous insurer.',
      'We reached the CIO only after the shortlist; by then enforcement was "phase two".',
    ],
    competition:
      'Atlasgrid priced 30 steward licences plus connectors at about USD 280k a year and bundled partner implementation. Their demo mapped policy approval workflows to the NAIC model audit rule.',
    situation:
      'Midwest mutual insurer with USD 1.4B premium. Internal audit found inconsistent data ownership and undocumented access to policyholder data.',
    stakeholders: [
      ['Data Protection Officer', 'Decision Maker', 'favoured Atlasgrid', 'documentation for auditors'],
      ['CIO', 'Influencer', 'open to us', 'a tool that does not enforce anything'],
      ['Procurement', 'Influencer', 'neutral', 'comparable pricing tables'],
    ],
    process: 'RFP with 112 requirements, scripted demos and reference calls; a compliance-led committee decided in eight weeks.',
    worked: ['The CIO agreed enforcement is the real gap and asked us to stay in touch for phase two.'],
    avoid: ['Answering an RFP written for a competitor without trying to reshape it.', 'Demoing Access Guard to a committee that did not own access control.'],
    lessons: [
      'In compliance-led governance deals, reach the CIO before the RFP and propose a pilot on one regulated dataset.',
      'Get the exact audit finding; enforcement evidence is our wedge.',
    ],
    authors: solo(U.brianna),
    publishAfter: 12,
  },
  {
    deal: { opp: 'opp-031' },
    outcome: 'won',
    title: 'Win: Vantor Precision Manufacturing picks us over Sparkline for predictive maintenance',
    summary: 'Plant engineers could run the models themselves; Sparkline\'s own sizing needed a four-person platform team, which decided the three-year TCO.',
    reasons: [
      'Plant engineers ran the remaining-useful-life models themselves in the pilot; Sparkline\'s sizing assumed a four-person platform team.',
      'Stream Ingest connected to OPC UA sources in two days, including a plant with old PLCs.',
      'Three-year TCO was USD 1.1M lower once platform staffing was included.',
    ],
    competition:
      'Sparkline came in through the CTO\'s data science group with a strong notebook demo. Governance and cluster management were quoted separately, and every reference they offered had a dedicated platform team.',
    situation: 'Aerospace machining supplier with nine plants. A spindle failure costs about USD 180k in scrap and late-delivery penalties.',
    stakeholders: [
      ['COO', 'Economic Buyer', 'supportive', 'fewer late deliveries, plant ownership'],
      ['Head of Data', 'Technical Evaluator', 'neutral, then supportive', 'maintainability'],
      ['CTO', 'Champion', 'initially favoured Sparkline', 'open formats and Python access'],
      ['Procurement', 'Influencer', 'neutral', 'three-year price hold'],
    ],
    process: 'Eight-week pilot in two plants, an executive review with the COO, three weeks of procurement; we gave a price hold instead of extra discount.',
    worked: ['Making the maintenance leads the heroes of the readout.', 'Showing that Sparkline notebooks can read our open tables, which turned the CTO.'],
    avoid: ['Our first demo was too IT-centric; the COO nearly skipped the second meeting.'],
    lessons: ['In manufacturing, sell to the plant and let IT validate.', 'Put platform-team FTE in the TCO table; it decides Sparkline deals.'],
    authors: pair(U.marcus, U.omar, 0.5),
    publishAfter: 5,
  },
  {
    deal: { opp: 'opp-032' },
    outcome: 'lost',
    title: 'Loss: Southern Cross Health Alliance stayed with Sparkline',
    summary: 'Thirty data scientists already worked in Sparkline notebooks and the CTO ran the evaluation as a notebook benchmark; we should have sold governance on top.',
    reasons: [
      'Thirty research data scientists already worked in Sparkline notebooks; switching cost dominated.',
      'The CTO ran the evaluation as a notebook performance benchmark, where we were not differentiated.',
      'Our governance strengths mattered to the CIO, but the CTO owned the budget.',
    ],
    competition:
      'Sparkline offered its governance add-on free for year one and positioned us as "a warehouse for reporting". The benchmark used a genomics workload tuned by their own engineers.',
    situation: 'Australian research alliance of four hospitals and a medical research institute building a shared research data platform under national health privacy rules.',
    stakeholders: [
      ['CTO', 'Decision Maker', 'favoured Sparkline', 'researcher productivity'],
      ['Head of Data', 'Technical Evaluator', 'neutral', 'data sharing agreements between hospitals'],
      ['CIO', 'Influencer', 'supportive of us', 'governance and de-identification'],
    ],
    process: 'Twelve-week evaluation with a CTO-defined benchmark; decision by the alliance\'s research technology board.',
    worked: ['Privacy Vault de-identification impressed the ethics committee representative.'],
    avoid: ['Accepting a benchmark designed around the incumbent\'s strengths.', 'Competing head-on with a skilled, entrenched Sparkline team.'],
    lessons: [
      'When Sparkline has 30+ data scientists, sell Data Catalog and Privacy Vault on top instead of replacing it.',
      'Qualify who owns the budget before investing in a benchmark.',
    ],
    authors: pair(U.arjun, U.olivia, 0.6),
    publishAfter: 14,
  },
  {
    deal: { opp: 'opp-033' },
    outcome: 'won',
    title: 'Win: Northshire County Council governance live in ten weeks',
    summary: 'A two-week pilot, UK data residency and G-Cloud purchasing beat Atlasgrid\'s nine-month partner-led plan.',
    reasons: [
      'A ten-week fixed-scope plan against Atlasgrid\'s nine-month partner-led rollout.',
      'UK data residency in London and purchase through G-Cloud.',
      'Access Guard enforced the policies the DPO wrote; Atlasgrid would only document them.',
    ],
    competition: 'Atlasgrid\'s partner proposed a governance operating model with 40 stewards. Year one was cheaper, but services doubled the total.',
    situation:
      'County council with social care, education and highways data. After an ICO reprimand at a neighbouring council, the DPO needed evidence of who accessed children\'s social care data.',
    stakeholders: [
      ['CIO', 'Decision Maker', 'supportive', 'quick wins before the budget year ends'],
      ['Data Protection Officer', 'Champion', 'strong champion', 'audit evidence for social care data'],
      ['Procurement', 'Influencer', 'neutral', 'G-Cloud compliance'],
    ],
    process: 'Market engagement, a two-week pilot on the social care database, then a G-Cloud further competition with three suppliers.',
    worked: ['The pilot produced the first automated access review in two weeks.', 'Helping the council write outcome-based requirements before the competition.'],
    avoid: ['Underestimating the council\'s information governance board calendar; book it early.'],
    lessons: ['Public sector governance deals are won before the tender, with a pilot.', '"Evidence in ten weeks" beats feature depth.'],
    authors: solo(U.pieter),
    publishAfter: 8,
  },
  {
    deal: { opp: 'opp-034' },
    outcome: 'lost',
    title: 'Loss: Harborview Credit Union kept its bundled Prism BI',
    summary: 'A dashboard-only deal with no security or scale driver against a BI tool already included in the office suite; we should have qualified out sooner.',
    reasons: [
      'Prism BI was already licensed with the office suite; our viewer pricing competed with zero incremental cost.',
      'The need was dashboards for 60 staff, with no security or governance driver.',
      'We quoted creators and viewers instead of the SMB bundle, which widened the gap.',
    ],
    competition:
      'Prism BI\'s partner built three prototype dashboards for free during the evaluation. Their row-level security needs manual roles per branch, but with six branches that was manageable.',
    situation: 'Credit union with 31,000 members and six branches wanting lending and deposit dashboards for the board and branch managers.',
    stakeholders: [
      ['CFO', 'Decision Maker', 'price-focused', 'no new licence line in the budget'],
      ['Head of Analytics', 'Influencer', 'liked our semantic layer', 'one definition of member profitability'],
    ],
    process: 'Two demos and a price comparison over five weeks; the CFO decided alone.',
    worked: ['The Head of Analytics asked to hear about Embedded Analytics for their member app.'],
    avoid: ['Pursuing a dashboard-only deal against a bundled tool without a security, scale or platform driver.'],
    lessons: [
      'Qualify out faster when Prism BI is bundled and there is no examiner finding or external-user need.',
      'Compare Ridgeline Credit Union, where an examiner finding created the budget.',
    ],
    authors: solo(U.tyler),
    publishAfter: 10,
  },
  {
    deal: { opp: 'opp-035' },
    outcome: 'won',
    title: 'Win: Sakura Lifestyle Stores chooses real-time inventory over Snowcrest',
    summary: 'A peak-hour latency test showed 8 seconds on Stream Ingest against 15 minutes on Snowcrest; Tokyo residency and an executive meeting with the CFO closed it.',
    reasons: [
      'In the proof of concept, Stream Ingest delivered store stock positions in 8 seconds; Snowcrest\'s micro-batch pipeline took 15 minutes at peak.',
      'Tokyo region residency for customer and loyalty data.',
      'Embedded Analytics let 900 brand partners see sell-through in the existing partner portal.',
    ],
    competition:
      'Snowcrest was strong with the analytics engineers and offered a large credit bundle through the cloud marketplace. Their demo used a 5-minute interval; at peak store load latency grew to 15 minutes.',
    situation: '310 stores and a fast-growing e-commerce channel. Click-and-collect orders failed 6% of the time because store stock was updated overnight.',
    stakeholders: [
      ['CFO', 'Economic Buyer', 'neutral', 'cost of failed orders, predictable spend'],
      ['CTO', 'Decision Maker', 'initially favoured Snowcrest', 'latency and simplicity'],
      ['Head of Data', 'Champion', 'champion', 'one platform for stores and e-commerce'],
      ['Procurement', 'Influencer', 'tough', 'yen pricing and a three-year hold'],
    ],
    process: 'Six-week POC with a peak-hour latency test, an executive meeting between Kenji Watanabe and the CFO, then four weeks of procurement.',
    worked: ['Defining the peak-load latency test together with the customer.', 'The CFO meeting moved the conversation from credits to failed orders.'],
    avoid: ['Criticising Snowcrest directly nearly lost us the CTO; let the test speak.'],
    lessons: ['For real-time retail, put a peak-load latency test in the success criteria.', 'Quantify failed click-and-collect orders; that number belongs to the CFO.'],
    authors: trio(U.meilin, U.olivia, U.kenji),
    publishAfter: 3,
  },
  {
    deal: { opp: 'opp-036' },
    outcome: 'lost',
    title: 'Loss: Oberland Maschinenbau renewed Granite Systems at 45% off',
    summary: 'A deep renewal discount with a free hardware refresh, a cost-only business case and a conflicted SI partner led the CFO to defer migration by at least two years.',
    reasons: [
      'Granite Systems offered a three-year renewal at 45% off support plus a free hardware refresh.',
      'The CFO saw migration as risk without near-term benefit; our business case was mostly cost.',
      'The SI partner also held the Granite support contract and did not push the migration.',
    ],
    competition: 'Granite\'s offer arrived two weeks after our proposal and went straight to the CFO, conditional on a three-year commitment that pushes the next decision out by three years.',
    situation: 'Machine builder with 3,800 employees and a Granite Systems warehouse for finance, sales and service reporting. IT wanted to modernise; the business saw no urgent problem.',
    stakeholders: [
      ['CFO', 'Economic Buyer', 'against change', 'cash preservation in a weak order year'],
      ['CIO', 'Decision Maker', 'supportive of us', 'modernisation and skills'],
      ['Head of Data', 'Technical Evaluator', 'supportive', 'Pipeline Studio for service data'],
    ],
    process: 'Three months of IT-led evaluation; the CFO decided after the renewal offer.',
    worked: ['Technical fit was clear; the Head of Data wants to restart before the renewal ends.'],
    avoid: ['A cost-only business case in a year of falling orders.', 'Not checking the SI partner\'s other interests.'],
    lessons: [
      'Against a Granite renewal, build value cases the appliance cannot deliver (service analytics, streaming) before the offer lands.',
      'Ask for a formal no-decision date and set a reminder six months before the next renewal.',
    ],
    authors: pair(U.luca, U.katrin, 0.7),
    publishAfter: 12,
  },
  {
    deal: { opp: 'opp-037' },
    outcome: 'won',
    title: 'Win: Keystone Casualty Group – explainable fraud models beat Sparkline plus Snowcrest',
    summary: 'Forecast AI explanations passed the state regulator\'s model review and Privacy Vault let the offshore SIU team work on masked claims.',
    reasons: [
      'Forecast AI explanations and model cards met the state regulator\'s model review requirements.',
      'Privacy Vault masked claimant data so the offshore special investigations unit could work cases.',
      'One platform for data, models and governance against a two-vendor stack.',
    ],
    competition:
      'Sparkline had the better notebook experience and won over the data scientists; Snowcrest was the proposed warehouse underneath. Together they were 12% cheaper in year one but had no model approval workflow or masking.',
    situation: 'P&C insurer with USD 2.2B premium and rising soft fraud in auto claims; the regulator wanted documentation of every model influencing claim outcomes.',
    stakeholders: [
      ['CFO', 'Economic Buyer', 'supportive', 'leakage down by at least 1 point'],
      ['CIO', 'Decision Maker', 'neutral', 'fewer vendors'],
      ['Head of Analytics', 'Technical Evaluator', 'initially favoured Sparkline', 'Python flexibility'],
      ['Security Officer', 'Influencer', 'supportive', 'offshore access to claimant data'],
    ],
    process: 'Ten-week evaluation with a scripted model-governance scenario, a regulator briefing, then board approval.',
    worked: ['Putting the model card and approval workflow into the demo script.', 'Registering the Head of Analytics\' own Python model in Forecast AI.'],
    avoid: ['Competing on notebook features early cost us ground.'],
    lessons: ['In insurance, make regulator review and masking evaluation criteria.', 'A two-vendor stack is weaker than it looks: ask who owns governance.'],
    authors: pair(U.carlos, U.omar, 0.6),
    publishAfter: 7,
  },
  {
    deal: { opp: 'opp-038' },
    outcome: 'won',
    title: 'Win: Straits Commerce Bank retires two Granite Systems appliances',
    summary: 'MAS TRM evidence, a fixed-fee migration with parallel runs, and the core banking programme\'s need for data centre space outweighed a 40% renewal discount.',
    reasons: [
      'MAS TRM evidence and the Singapore region answered the technology risk team within two weeks.',
      'Migration Factory fixed fee with parallel runs for every MAS regulatory return.',
      'Decommissioning the appliances freed data centre space the new core banking system needed.',
    ],
    competition:
      'Granite Systems offered 40% off a five-year renewal and warned the board about migration risk. We answered with a Baltic Coast Bank reference call and a reconciliation plan per return.',
    situation: 'Mid-sized Singapore bank with two Granite Systems appliances for regulatory and management reporting, and a core banking replacement short of floor space.',
    stakeholders: [
      ['CIO', 'Economic Buyer', 'supportive', 'data centre space and skills'],
      ['Security Officer', 'Technical Evaluator', 'cautious', 'MAS TRM and outsourcing notification'],
      ['CFO', 'Influencer', 'neutral', 'five-year TCO including the renewal discount'],
    ],
    process: 'Five months: technology risk assessment, MAS outsourcing notification, proof of concept on two returns, board approval.',
    worked: ['Linking the migration to the core banking programme\'s space problem.', 'The Baltic Coast Bank reference call for the CIO.'],
    avoid: ['Generic security questionnaire answers; the TRM team wanted Singapore-specific controls.'],
    lessons: ['Look for a second project that needs what the appliance occupies: space, budget or people.', 'Prepare country-specific regulatory evidence before the security review.'],
    authors: solo(U.hyunwoo),
    publishAfter: 9,
  },
  {
    deal: { opp: 'opp-039' },
    outcome: 'no_decision',
    title: 'No decision: Lone Star Outfitters froze its portal analytics after a merger',
    summary: 'The proposal was accepted in principle, then the merger with a national chain froze all new software spend two days before signature.',
    reasons: [
      'The merger with a national sporting goods chain froze all new software spending.',
      'The acquirer runs its own analytics stack and will decide after integration.',
      'Our champion, the CTO, leaves once the merger closes.',
    ],
    competition:
      'No competitor was formally in the deal. The acquirer uses Prism BI on a Snowcrest warehouse, which will likely become the default after integration.',
    situation: 'Outdoor retailer with 65 stores wanting analytics in its loyalty app and customer portal.',
    stakeholders: [
      ['CTO', 'Decision Maker', 'champion', 'customer-facing analytics in the loyalty app'],
      ['CFO', 'Influencer', 'supportive before the merger', 'loyalty revenue uplift'],
    ],
    process: 'Proposal accepted in principle; signature stopped two days before the planned date when the merger was announced.',
    worked: ['The loyalty app prototype; the CTO will share it with the acquirer\'s team.'],
    avoid: ['A single-threaded relationship with the CTO.'],
    lessons: [
      'Ask about M&A activity in the final stage; it is the most common no-decision reason in retail.',
      'Contact the acquirer\'s data team about Embedded Analytics before integration decisions are made.',
    ],
    authors: solo(U.kevin),
    publishAfter: 6,
  },
  {
    deal: { opp: 'opp-040' },
    outcome: 'won',
    title: 'Win: Commonwealth Transit Authority – FedRAMP and SSO decided it',
    summary: 'Mandatory FedRAMP Moderate hosting and SSO with the state identity provider eliminated the Granite Systems hosted offer; Prism BI stays for finance reports.',
    reasons: [
      'FedRAMP Moderate hosting and SSO with the state identity provider met mandatory requirements Granite\'s hosted offering could not.',
      'Ridership dashboards for 3,000 staff through the Viewer Unlimited pack.',
      'Migration off the Granite Systems appliance timed around the fiscal year end.',
    ],
    competition:
      'Granite Systems proposed a hosted service not yet FedRAMP authorised. Prism BI was already used in finance; we agreed it would connect to Lakehouse Core rather than be replaced.',
    situation: 'Regional transit authority with bus, light rail and paratransit; federal reporting and service planning depended on nightly extracts from fare systems.',
    stakeholders: [
      ['CIO', 'Economic Buyer', 'supportive', 'retire the appliance before the data centre lease ends'],
      ['Security Officer', 'Technical Evaluator', 'strict', 'FedRAMP, SSO and audit logs'],
      ['Procurement', 'Influencer', 'neutral', 'cooperative contract vehicle'],
    ],
    process: 'Purchase through a cooperative contract after a competitive evaluation, with an eight-week security review.',
    worked: ['Handing over our FedRAMP package on day one of the security review.', 'Coexistence with Prism BI instead of a replacement argument.'],
    avoid: ['We nearly missed the fiscal year deadline; run contract work in parallel with security.'],
    lessons: ['In the public sector, mandatory authorisations eliminate competitors: check them first.', 'Let the incumbent BI tool stay where users are happy.'],
    authors: pair(U.rachel, U.hannah, 0.5),
    publishAfter: 4,
    draft: true,
  },
  // ----- older deals -----
  {
    deal: {
      account: 'Baltic Coast Bank', industry: 'Banking', segment: 'Enterprise', region: 'EMEA', amount: 1_600_000, currency: 'EUR',
      products: ['Lakehouse Core', 'Pipeline Studio', 'Access Guard'], competitors: ['Granite Systems'], closedDaysAgo: 455,
    },
    outcome: 'won',
    title: 'Win: Baltic Coast Bank – the appliance exit that became our banking reference',
    summary: 'A three-year TCO 38% below the appliance refresh, a proof of concept on the most painful regulatory report, and a fixed-fee migration.',
    reasons: [
      'Three-year TCO 38% below the EUR 2.6M appliance refresh.',
      'Migration Factory fixed fee and a reconciliation plan for every regulatory report.',
      'BCBS 239 lineage generated automatically from Pipeline Studio.',
    ],
    competition:
      'Granite Systems offered 35% off the refresh and a free first year of support. Snowcrest was considered briefly but dropped: no customer-held keys in the bank\'s preferred region.',
    situation: 'Regional bank in the Baltics with two appliances at end of support; quarter-close regulatory reporting took nine hours.',
    stakeholders: [
      ['CIO', 'Decision Maker', 'supportive', 'migration risk'],
      ['CFO', 'Economic Buyer', 'supportive after the TCO review', 'capex avoidance'],
      ['Head of Data', 'Champion', 'champion', 'speed of new regulatory templates'],
    ],
    process: 'Six-month evaluation, a proof of concept on the liquidity coverage ratio report, and a supervisory notification.',
    worked: ['A proof of concept on the most painful report, not the easiest.', 'The CFO editing the TCO model himself.'],
    avoid: ['Underestimating stored procedures: 420 of them took longer than 1,900 tables.'],
    lessons: ['Ask for reference rights in the order form; this deal became our main banking reference.', 'Parallel runs turn migration risk into a schedule question.'],
    authors: pair(U.anna, U.omar, 0.6),
    publishAfter: 15,
  },
  {
    deal: {
      account: 'Prairie State Insurance', industry: 'Insurance', segment: 'Mid-Market', region: 'North America', amount: 240_000, currency: 'USD',
      products: ['Lakehouse Core', 'Insight Dashboards'], competitors: ['Snowcrest'], closedDaysAgo: 195,
    },
    outcome: 'lost',
    title: 'Loss: Prairie State Insurance started on Snowcrest pay-as-you-go',
    summary: 'A partner-built Snowcrest prototype and no upfront commitment beat our Mid-Market minimum; year-two consumption is our way back in.',
    reasons: [
      'Snowcrest\'s analytics engineering partner had a prototype running on a trial account before we arrived.',
      'Our Mid-Market minimum commitment of USD 100k looked high against pay-as-you-go.',
      'We did not show what Snowcrest costs at full production load.',
    ],
    competition: 'Snowcrest started with no commitment. Its pricing looks cheap at small scale; the customer\'s own estimate put year two at 2.5 times year one.',
    situation: 'Regional insurer moving off on-premises reporting; four analysts wanted SQL access fast.',
    stakeholders: [
      ['Head of Analytics', 'Decision Maker', 'favoured Snowcrest', 'speed to the first dashboard'],
      ['CFO', 'Economic Buyer', 'price-focused', 'low initial commitment'],
    ],
    process: 'Informal four-week evaluation, no RFP.',
    worked: ['The CFO asked us to re-bid at renewal; he is unsure about year-two costs.'],
    avoid: ['Arriving after a competitor prototype is live without an alternative entry offer.'],
    lessons: ['For mid-market teams, offer a starter configuration and compare year-two cost for both vendors.', 'Track the renewal: consumption surprises in year two are our opening.'],
    authors: solo(U.kevin),
    publishAfter: 10,
  },
  {
    deal: {
      account: 'Rivermark Grocers', industry: 'Retail', segment: 'Enterprise', region: 'North America', amount: 380_000, currency: 'USD',
      products: ['Forecast AI', 'Insight Dashboards'], competitors: ['Prism BI', 'Snowcrest'], closedDaysAgo: 425,
    },
    outcome: 'won',
    title: 'Win: Rivermark Grocers fresh forecasting pilot',
    summary: 'A 40-store pilot tied to waste reduction, owned by the COO, with rollout prices agreed up front; Prism BI and Snowcrest would not commit to accuracy.',
    reasons: [
      'The pilot tied success to waste reduction, which the COO owned.',
      'Forecast AI handled weather and promotions out of the box.',
      'One definition of waste for stores and headquarters.',
    ],
    competition:
      'Prism BI, the incumbent reporting tool, pitched a forecasting add-in; Snowcrest proposed its warehouse plus a partner-built model. Neither committed to an accuracy target.',
    situation: '180-store grocer losing 11% of fresh sales to waste, with orders placed from spreadsheets.',
    stakeholders: [
      ['COO', 'Economic Buyer', 'executive champion', 'waste and out-of-stocks'],
      ['Head of Analytics', 'Technical Evaluator', 'supportive', 'maintainability'],
      ['Procurement', 'Influencer', 'neutral', 'pilot-to-rollout pricing'],
    ],
    process: 'Pilot contract for 40 stores with pre-agreed rollout pricing; decision within two months.',
    worked: ['Rollout prices agreed in the pilot contract.', 'Weekly waste reports to the COO during the pilot.'],
    avoid: ['Promising store-level accuracy for slow movers; set expectations per category.'],
    lessons: ['Sell pilots with pre-agreed expansion terms.', 'The 180-store rollout is now in negotiation; reuse the pilot numbers.'],
    authors: pair(U.emily, U.grace, 0.6),
    publishAfter: 14,
  },
  {
    deal: {
      account: 'Kestrel Components', industry: 'Manufacturing', segment: 'Enterprise', region: 'EMEA', amount: 520_000, currency: 'EUR',
      products: ['Stream Ingest', 'Lakehouse Core', 'Forecast AI'], competitors: ['Sparkline'], closedDaysAgo: 385,
    },
    outcome: 'won',
    title: 'Win: Kestrel Components after a stalled Sparkline pilot',
    summary: 'The maintenance team could own the models, 3,200 sensors connected without custom code, and the works council approved early.',
    reasons: [
      'The maintenance team could own the models; the Sparkline pilot died when its data scientist left.',
      'Stream Ingest connected 3,200 sensors via OPC UA and MQTT without custom code.',
      'The works council approved because the solution monitors machines, not people.',
    ],
    competition: 'Sparkline had a one-plant pilot built by a data scientist who had since left, and proposed a managed service partner at EUR 240k a year on top of licences.',
    situation: 'Two-plant drivetrain parts manufacturer; spindle failures stopped lines for 19 hours on average.',
    stakeholders: [
      ['COO', 'Economic Buyer', 'supportive', 'downtime and delivery reliability'],
      ['CTO', 'Decision Maker', 'neutral', 'IT/OT security'],
      ['Head of Data', 'Technical Evaluator', 'supportive', 'one platform for both plants'],
    ],
    process: 'Pilot on four machining centres, works council consultation, board approval.',
    worked: ['Involving the works council early: no employee data processed.', 'Maintenance leads presenting the pilot results.'],
    avoid: ['Thin OT network security documentation; the CTO needed a second workshop.'],
    lessons: ['In German-speaking manufacturing, plan the works council into the timeline.', 'A failed Sparkline pilot is an opening: ask who maintains it today.'],
    authors: pair(U.luca, U.omar, 0.5),
    publishAfter: 15,
  },
  {
    deal: {
      account: 'Orbis Life & Pension', industry: 'Insurance', segment: 'Enterprise', region: 'EMEA', amount: 450_000, currency: 'EUR',
      products: ['Data Catalog'], competitors: ['Atlasgrid'], closedDaysAgo: 235,
    },
    outcome: 'lost',
    title: 'Loss: Orbis Life & Pension bought Atlasgrid inside its IFRS 17 programme',
    summary: 'A catalog-only scope, a Solvency II accelerator and an SI already on site for IFRS 17 favoured Atlasgrid; our enforcement story came too late.',
    reasons: [
      'Atlasgrid had a Solvency II governance accelerator and two UK life insurer references.',
      'The scope was catalog-only; Access Guard enforcement was out of scope and looked like scope creep when we raised it.',
      'Their SI partner was already on site for the IFRS 17 programme.',
    ],
    competition:
      'Atlasgrid won on stewardship workflow and references. Their three-year price including the SI was about EUR 1.3M, nearly three times our proposal, but services were already budgeted under IFRS 17.',
    situation: 'UK life and pensions insurer needing data quality evidence for Solvency II internal model validation.',
    stakeholders: [
      ['Head of Data', 'Decision Maker', 'favoured Atlasgrid', 'steward workflows'],
      ['Data Protection Officer', 'Influencer', 'neutral', 'GDPR record of processing'],
      ['CFO', 'Economic Buyer', 'distant', 'programme budget'],
    ],
    process: 'Formal RFP with scripted demonstrations; decision by the IFRS 17 programme board.',
    worked: ['Our lineage demo scored highest with the technical evaluators.'],
    avoid: ['Introducing enforcement late as an extra.'],
    lessons: [
      'When a large programme owns the budget, get onto its board early.',
      'If enforcement is out of scope, ask why before bidding catalog-only against a specialist.',
    ],
    authors: solo(U.amara),
    publishAfter: 10,
  },
  {
    deal: {
      account: 'Golden Wattle Bank', industry: 'Banking', segment: 'Enterprise', region: 'APAC', amount: 1_200_000, currency: 'USD',
      products: ['Lakehouse Core', 'Access Guard'], competitors: ['Granite Systems'], closedDaysAgo: 305,
    },
    outcome: 'lost',
    title: 'Loss: Golden Wattle Bank renewed Granite Systems for five years',
    summary: 'A 48% renewal discount escalated to the CEO, a regulatory programme absorbing the CIO, and no Australian banking reference.',
    reasons: [
      'Granite Systems renewed for five years at 48% off, hardware included.',
      'APRA CPS 230 operational resilience work consumed the CIO; migration was deprioritised.',
      'We had no Australian banking reference at the time.',
    ],
    competition: 'Granite\'s offer came from their regional vice president directly to the CEO and included free services for CPS 230 resilience testing.',
    situation: 'Australian regional bank with an appliance due for refresh and a small data team.',
    stakeholders: [
      ['CIO', 'Decision Maker', 'supportive but overloaded', 'operational resilience'],
      ['CFO', 'Economic Buyer', 'price-focused', 'five-year cost'],
      ['Security Officer', 'Technical Evaluator', 'supportive', 'CPS 234 controls'],
    ],
    process: 'Four-month evaluation interrupted by a regulatory programme; decision at CEO level.',
    worked: ['The security team completed our CPS 234 assessment without findings; it is reusable.'],
    avoid: ['No executive sponsor at CEO level when the competitor had one.'],
    lessons: ['Match executive engagement when Granite escalates.', 'Reuse the CPS 234 assessment pack to shorten Australian banking security reviews.'],
    authors: pair(U.chloe, U.olivia, 0.6),
    publishAfter: 10,
  },
  {
    deal: {
      account: 'Pinecrest Medical Group', industry: 'Healthcare', segment: 'Mid-Market', region: 'North America', amount: 160_000, currency: 'USD',
      products: ['Insight Dashboards', 'Privacy Vault'], competitors: ['Prism BI'], closedDaysAgo: 265,
    },
    outcome: 'won',
    title: 'Win: Pinecrest Medical Group – PHI out of email, no-shows down',
    summary: 'Against a "free" Prism BI, tokenised patient identifiers and a no-show target the COO owned created the budget.',
    reasons: [
      'Tokenised patient identifiers ended the compliance worry about spreadsheets with patient names.',
      'One definition of no-show rate across 35 clinics.',
      'A no-show reduction target the COO could own.',
    ],
    competition: 'Prism BI was used by finance and was "free". Its partner suggested row-level security roles per clinic but could not tokenise patient data.',
    situation: '35-clinic physician group whose managers built their own reports; patient spreadsheets were emailed weekly.',
    stakeholders: [
      ['COO', 'Economic Buyer', 'champion', 'clinic utilisation'],
      ['Head of Analytics', 'Technical Evaluator', 'supportive', 'one semantic layer'],
      ['Security Officer', 'Influencer', 'strong supporter', 'PHI out of email'],
    ],
    process: 'Two demos, a reference call with St. Aldric Health Network, decision in six weeks.',
    worked: ['Leading with no-show outcomes, then compliance.', 'The St. Aldric reference on Privacy Vault.'],
    avoid: ['Quoting viewers individually; the Viewer Unlimited pack made the decision easier.'],
    lessons: ['Against bundled Prism BI in healthcare, PHI in email creates the budget.', 'Quote the Viewer Unlimited pack above 500 viewers.'],
    authors: solo(U.aisha),
    publishAfter: 10,
  },
  {
    deal: {
      account: 'Canterbury Regional Council', industry: 'Public Sector', segment: 'Mid-Market', region: 'APAC', amount: 210_000, currency: 'USD',
      products: ['Data Catalog', 'Access Guard'], competitors: ['Atlasgrid'], closedDaysAgo: 205,
    },
    outcome: 'won',
    title: 'Win: Canterbury Regional Council – pilot beats methodology',
    summary: 'A two-week pilot on the rates database produced access evidence while Atlasgrid offered a workshop series and a nine-month plan.',
    reasons: [
      'A two-week pilot on the rates database produced access evidence; Atlasgrid offered workshops.',
      'A twelve-week implementation plan against nine months.',
      'Enforcement through Access Guard, not documentation only.',
    ],
    competition: 'Atlasgrid brought strong methodology and an Australian state agency reference, but required a steward operating model before any technical work.',
    situation: 'Regional council after a privacy incident with a shared spreadsheet of ratepayer details; the Privacy Commissioner had asked questions.',
    stakeholders: [
      ['CIO', 'Decision Maker', 'supportive', 'fast, visible progress'],
      ['Data Protection Officer', 'Champion', 'champion', 'evidence for the Privacy Commissioner'],
    ],
    process: 'Request for proposal after market engagement, a pilot, and an evaluation panel of five.',
    worked: ['The council\'s own privacy officer presented the pilot results.', 'Entra ID SSO working on day one.'],
    avoid: ['Our glossary import mishandled macrons in Māori place names; since fixed, but test local data early.'],
    lessons: ['Pilots beat methodology presentations in public sector governance.', 'Ask the champion to present results; panels trust their own people.'],
    authors: pair(U.chloe, U.marc, 0.5),
    publishAfter: 15,
  },
  {
    deal: {
      account: 'Silverline Payments', industry: 'Banking', segment: 'Mid-Market', region: 'EMEA', amount: 190_000, currency: 'EUR',
      products: ['Stream Ingest', 'Lakehouse Core'], competitors: [], closedDaysAgo: 135,
    },
    outcome: 'lost',
    outcomeLine: 'Lost: the customer decided to build in-house',
    title: 'Loss: Silverline Payments decided to build its own streaming stack',
    summary: 'An engineering-led fintech chose to build on open-source tools it already ran; we offered the customer-account deployment too late.',
    reasons: [
      'The engineering team chose to build on open-source streaming and notebooks they already operated.',
      'We addressed their requirement to run inside their own cloud account too late.',
      'The CTO saw a managed platform as a loss of control.',
    ],
    competition: 'No vendor was selected. The team runs Sparkline\'s open-source engine with self-managed Kafka and argued they already had the skills.',
    situation: 'Swedish payments provider needing real-time merchant fraud features and PSD2 reporting.',
    stakeholders: [
      ['CTO', 'Decision Maker', 'against buying', 'control and engineering culture'],
      ['Head of Data', 'Influencer', 'mildly supportive', 'fewer on-call nights'],
      ['Security Officer', 'Technical Evaluator', 'neutral', 'PCI DSS scope'],
    ],
    process: 'Three architecture sessions and a build-versus-buy review owned by the CTO.',
    worked: ['The Head of Data circulated our TCO model internally; it may help next year.'],
    avoid: ['Positioning a managed service to an engineering-led team without the customer-account option up front.'],
    lessons: ['For engineering-led fintechs, lead with customer-account deployment and open formats.', 'Bring numbers for the cost of on-call and upgrades to build-versus-buy reviews.'],
    authors: solo(U.sofia),
    publishAfter: 7,
  },
  {
    deal: {
      account: 'Tokai Precision Castings', industry: 'Manufacturing', segment: 'Mid-Market', region: 'APAC', amount: 300_000, currency: 'USD',
      products: ['Stream Ingest', 'Forecast AI'], competitors: [], closedDaysAgo: 175,
    },
    outcome: 'no_decision',
    title: 'No decision: Tokai Precision Castings folded analytics into its ERP programme',
    summary: 'The porosity prediction project was absorbed by an SAP S/4HANA upgrade; nobody owned the scrap target at executive level.',
    reasons: [
      'The foundry merged the project into its SAP S/4HANA upgrade, postponing analytics by at least a year.',
      'No executive owned the scrap reduction target.',
      'Budget moved to the ERP programme.',
    ],
    competition: 'No competitor was selected. The SAP integrator proposed Snowcrest in its reference architecture, which may shape the next evaluation.',
    situation: 'Aluminium die-casting foundry with two plants wanting to predict porosity defects from process data; scrap ran at 7.5%.',
    stakeholders: [
      ['COO', 'Influencer', 'supportive', 'scrap reduction'],
      ['CIO', 'Decision Maker', 'focused on the ERP', 'programme risk'],
      ['Head of Data', 'Champion', 'champion', 'access to sensor data'],
    ],
    process: 'Discovery and a workshop, then a pause when the ERP programme took priority.',
    worked: ['The porosity prediction workshop impressed the plant managers.'],
    avoid: ['Proceeding without a named executive owner for the scrap target.'],
    lessons: ['Ask about ERP programmes in qualification; they absorb budget and attention.', 'Stay close to the SAP integrator\'s architecture work.'],
    authors: solo(U.hyunwoo),
    publishAfter: 20,
    draft: true,
  },
  {
    deal: {
      account: 'Brightwater Home Insurance', industry: 'Insurance', segment: 'SMB', region: 'North America', amount: 85_000, currency: 'USD',
      products: ['Lakehouse Core', 'Insight Dashboards'], competitors: ['Snowcrest'], closedDaysAgo: 155,
    },
    outcome: 'won',
    title: 'Win: Brightwater Home Insurance – a hard budget cap after a Snowcrest bill shock',
    summary: 'A forgotten Snowcrest warehouse cost USD 7,800 in one weekend; our hard monthly budget cap and hourly claims updates won before hurricane season.',
    reasons: [
      'A hard monthly budget cap after a Snowcrest trial produced unpredictable bills.',
      'Hourly claims updates for hurricane season.',
      'The SMB starter bundle with onboarding days.',
    ],
    competition: 'Snowcrest\'s two-month trial included one forgotten warehouse that billed USD 7,800 in a weekend. The CFO asked every vendor about spend controls.',
    situation: 'Home insurer in Florida and the Gulf Coast; leadership saw the claims backlog only in weekly reports.',
    stakeholders: [
      ['CFO', 'Economic Buyer', 'decisive', 'predictable spend'],
      ['COO', 'Decision Maker', 'supportive', 'claims backlog visibility'],
    ],
    process: 'Three-week evaluation, a reference call, signature before hurricane season.',
    worked: ['Demonstrating the hard budget cap live.', 'Timing the close before hurricane season.'],
    avoid: ['Overloading a small team with platform features; keep SMB demos on outcomes.'],
    lessons: ['A Snowcrest billing surprise is the best opening in SMB: ask about it.', 'Use seasonal deadlines to set the close date.'],
    authors: pair(U.tyler, U.grace, 0.7),
    publishAfter: 10,
  },
  {
    deal: {
      account: 'Medford Community Hospital', industry: 'Healthcare', segment: 'Mid-Market', region: 'North America', amount: 190_000, currency: 'USD',
      products: ['Privacy Vault', 'Data Catalog'], competitors: ['Atlasgrid'], closedDaysAgo: 112,
    },
    outcome: 'won',
    title: 'Win: Medford Community Hospital – enforce and prove beats document',
    summary: 'Privacy Vault tokenised PHI and produced HIPAA evidence in eight weeks; Atlasgrid, recommended by the audit firm, only catalogued where PHI lived.',
    reasons: [
      'Privacy Vault tokenised PHI and produced HIPAA evidence; Atlasgrid only catalogued where PHI lived.',
      'Go-live in eight weeks for the first two source systems.',
      'Governance bundle price below Atlasgrid\'s catalog licence alone.',
    ],
    competition: 'Atlasgrid was recommended by the hospital\'s audit firm. Their proposal covered classification and policies, but enforcement relied on the hospital\'s existing tools.',
    situation: '320-bed community hospital; OCR audit preparation found PHI in 40 unmanaged extracts.',
    stakeholders: [
      ['CIO', 'Decision Maker', 'supportive', 'limited staff'],
      ['Security Officer', 'Champion', 'champion', 'audit readiness'],
      ['CFO', 'Economic Buyer', 'cautious', 'total cost'],
    ],
    process: 'Two-vendor evaluation, a reference call with St. Aldric Health Network, approval by the hospital board.',
    worked: ['Showing the evidence report the security officer would hand to auditors.', 'Governance bundle pricing.'],
    avoid: ['Ignoring the audit firm at first; once briefed, they became neutral.'],
    lessons: ['In healthcare, "enforce and prove" beats "document" against Atlasgrid.', 'Brief the customer\'s audit firm early.'],
    authors: pair(U.brianna, U.omar, 0.6),
    publishAfter: 12,
  },
];

const BASE = 200;

interface Headings {
  why: Record<DemoOutcome, string>;
  competition: string;
  situation: string;
  stakeholders: string;
  process: string;
  worked: string;
  avoid: string;
  lessons: string;
  lessonsFirst: boolean;
}
const STYLES: Headings[] = [
  {
    why: { won: 'Why we won', lost: 'Why we lost', no_decision: 'Why it stalled' },
    competition: 'Competitor analysis',
    situation: 'Customer situation',
    stakeholders: 'Stakeholders',
    process: 'Decision process',
    worked: 'What worked',
    avoid: 'What to avoid',
    lessons: 'Lessons for similar deals',
    lessonsFirst: false,
  },
  {
    why: { won: 'Primary reasons', lost: 'Primary reasons', no_decision: 'What stopped the deal' },
    competition: 'How the competition played it',
    situation: 'The customer\'s challenge',
    stakeholders: 'Buying committee',
    process: 'How they decided',
    worked: 'Do again',
    avoid: 'Do differently',
    lessons: 'Takeaways',
    lessonsFirst: true,
  },
  {
    why: { won: 'Decision drivers', lost: 'Decision drivers', no_decision: 'Decision drivers' },
    competition: 'Competition',
    situation: 'Situation',
    stakeholders: 'Who mattered',
    process: 'Timeline and committee',
    worked: 'What helped',
    avoid: 'What hurt',
    lessons: 'If you meet this situation again',
    lessonsFirst: false,
  },
];

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function resolveDeal(spec: WinLossSpec): HistoricDeal & { oppId?: string } {
  if ('opp' in spec.deal) {
    const s = demoOpportunitySeed(spec.deal.opp);
    return {
      oppId: s.id,
      account: s.accountName,
      industry: s.industry,
      segment: s.segment,
      region: s.region,
      amount: s.amount,
      currency: s.currency,
      products: s.products,
      competitors: s.competitors,
      closedDaysAgo: -s.closeIn,
    };
  }
  return spec.deal;
}

function outcomeLine(spec: WinLossSpec, competitors: string[]): string {
  if (spec.outcomeLine) return spec.outcomeLine;
  if (spec.outcome === 'won') return competitors.length ? `Won against ${list(competitors)}` : 'Won';
  if (spec.outcome === 'lost') return competitors.length ? `Lost to ${competitors[0]}` : 'Lost';
  return 'No decision';
}

function render(now: Date, spec: WinLossSpec, index: number): DemoContentItem {
  const deal = resolveDeal(spec);
  const style = STYLES[index % STYLES.length] ?? STYLES[0]!;
  const snapshot = ul([
    `**Account:** ${deal.account} (${deal.industry}, ${deal.segment}, ${deal.region})`,
    `**Deal:** ${money(deal.amount, deal.currency)}; ${list(deal.products)}; closed ${monthLabel(now, deal.closedDaysAgo)}`,
    `**Outcome:** ${outcomeLine(spec, deal.competitors)}`,
  ]);
  const lessons = [h2(style.lessons), ul(spec.lessons)];
  const body = md(
    h2('Deal snapshot'),
    snapshot,
    ...(style.lessonsFirst ? lessons : []),
    h2(style.why[spec.outcome]),
    ol(spec.reasons),
    h2(style.competition),
    spec.competition,
    h2(style.situation),
    spec.situation,
    h2(style.stakeholders),
    ul(spec.stakeholders.map(([persona, role, stance, cares]) => `**${persona}** (${role}, ${stance}): ${cares}`)),
    h2(style.process),
    spec.process,
    h2(style.worked),
    ul(spec.worked),
    h2(style.avoid),
    ul(spec.avoid),
    ...(style.lessonsFirst ? [] : lessons),
  );
  const personas = [...new Set(spec.stakeholders.map(([p]) => p))];
  const stage = spec.outcome === 'won' ? 'Closed Won' : 'Closed Lost';
  return buildItem(
    now,
    externalIdFor(index),
    'win_loss_analysis',
    {
      title: spec.title,
      summary: spec.summary,
      body,
      facets: {
        products: deal.products,
        industries: [deal.industry],
        segments: [deal.segment],
        regions: [deal.region],
        competitors: deal.competitors,
        stages: [stage],
        personas,
      },
      authors: spec.authors,
      links: deal.oppId ? [link.crm(deal.oppId)] : undefined,
      timing: { pub: Math.max(1, deal.closedDaysAgo - spec.publishAfter), draft: spec.draft },
    },
    BASE + index,
  );
}

function externalIdFor(index: number): string {
  return `demo-${String(BASE + index + 1).padStart(4, '0')}`;
}

export function winLossContent(now: Date): DemoContentItem[] {
  return SPECS.map((s, i) => render(now, s, i));
}

/** For each win/loss analysis (by externalId): the closed demo opportunity it analyses, if any, and the outcome. */
export const DEMO_WIN_LOSS_META: Record<string, { opportunityId?: string; outcome: DemoOutcome }> = Object.fromEntries(
  SPECS.map((s, i) => {
    const meta: { opportunityId?: string; outcome: DemoOutcome } = { outcome: s.outcome };
    if ('opp' in s.deal) meta.opportunityId = s.deal.opp;
    return [externalIdFor(i), meta];
  }),
);

const REASON_CODE_RULES: [RegExp, string][] = [
  [/bundl|free|marketplace commitment|credit/i, 'Competitor bundling'],
  [/tco|price|pric|cost|discount|licen|cheaper|expensive/i, 'Price'],
  [/secur|complian|gdpr|hipaa|bafin|residen|key custody|audit/i, 'Security and compliance'],
  [/weeks|days|fast|time to|quick/i, 'Time to value'],
  [/champion|sponsor|relationship|never met|cfo/i, 'Relationship'],
  [/incumbent|renewal|existing/i, 'Incumbent advantage'],
  [/procure|rfp|tender|framework/i, 'Procurement process'],
  [/budget|freeze/i, 'Budget lost'],
  [/migration|risk|implementation/i, 'Implementation risk'],
];

function stanceOf(text: string): 'champion' | 'supporter' | 'neutral' | 'blocker' {
  if (/champion/i.test(text)) return 'champion';
  if (/then supportive|supportive|support/i.test(text)) return 'supporter';
  if (/block|oppos|against|hostile|sceptical|skeptical/i.test(text)) return 'blocker';
  return 'neutral';
}

/**
 * The structure behind each demo analysis (by externalId), in the shape of the hub's win/loss
 * schema, so seeded analyses open in the composer like ones written in the product.
 */
export function demoWinLossStructures(now: Date): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    SPECS.map((spec, i) => {
      const deal = resolveDeal(spec);
      const closeDate = new Date(now.getTime() - deal.closedDaysAgo * 86_400_000).toISOString().slice(0, 10);
      const band = deal.amount < 50_000 ? 'under 50k' : deal.amount < 250_000 ? '50k–250k' : deal.amount < 1_000_000 ? '250k–1M' : '1M and above';
      return [
        externalIdFor(i),
        {
          opportunityId: deal.oppId ?? null,
          snapshot: { accountName: deal.account, industry: deal.industry, segment: deal.segment, region: deal.region, amountBand: band, products: deal.products, competitors: deal.competitors, closeDate },
          outcome: spec.outcome,
          reasons: spec.reasons.slice(0, 5).map((text) => ({ code: REASON_CODE_RULES.find(([re]) => re.test(text))?.[1] ?? 'Product fit', text })),
          competitorAnalysis: { ...(spec.outcome === 'lost' && deal.competitors[0] ? { winner: deal.competitors[0] } : {}), why: spec.competition },
          situation: spec.situation,
          challenges: '',
          stakeholders: spec.stakeholders.map(([persona, role, stance, cares]) => ({
            role, title: persona, influence: role === 'Economic Buyer' || role === 'Decision Maker' ? 'high' : role === 'Technical Evaluator' ? 'medium' : 'low', stance: stanceOf(stance), priorities: cares,
          })),
          decisionCriteria: [],
          decisionProcess: { timeline: spec.process, committee: spec.stakeholders.map(([p]) => p).join(', ') },
          whatWorked: spec.worked,
          whatToAvoid: spec.avoid,
          lessons: spec.lessons,
          assetsThatHelped: [],
        },
      ];
    }),
  );
}
