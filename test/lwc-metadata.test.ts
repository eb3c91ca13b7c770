import fs from 'node:fs';
import path from 'node:path';

const LWC = path.resolve(__dirname, '..', 'crm-components', 'main', 'default', 'lwc');

/** Every component's metadata file, by component name. */
function bundles(): { name: string; xml: string }[] {
  return fs
    .readdirSync(LWC)
    .filter((name) => fs.existsSync(path.join(LWC, name, `${name}.js-meta.xml`)))
    .map((name) => ({ name, xml: fs.readFileSync(path.join(LWC, name, `${name}.js-meta.xml`), 'utf8') }));
}

describe('Lightning component metadata', () => {
  it('when a component can go on a record page, then it declares the phone (Small) and desktop (Large) form factors there', () => {
    const onRecordPages = bundles().filter((b) => /<target>lightning__RecordPage<\/target>/.test(b.xml));
    expect(onRecordPages.map((b) => b.name).sort()).toEqual(['expertFinder', 'knowledgeSearch', 'opportunityKnowledge', 'winLossComposer']);
    for (const { name, xml } of onRecordPages) {
      const config = xml.match(/<targetConfig targets="[^"]*lightning__RecordPage[^"]*">([\s\S]*?)<\/targetConfig>/);
      expect({ name, hasConfig: !!config }).toEqual({ name, hasConfig: true });
      const factors = [...(config?.[1] ?? '').matchAll(/<supportedFormFactor type="(\w+)"\s*\/>/g)].map((m) => m[1]);
      expect({ name, factors }).toEqual({ name, factors: ['Small', 'Large'] });
      // Salesforce expects supportedFormFactors after objects inside a targetConfig.
      const body = config?.[1] ?? '';
      if (body.includes('<objects>')) expect(body.indexOf('<objects>')).toBeLessThan(body.indexOf('<supportedFormFactors>'));
    }
  });
});
