import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';

/*
 * The Salesforce DX package, validated without an org: Salesforce's own library resolves and
 * converts every file to the Metadata API format (what a deploy sends), every Apex file parses with
 * the Apex grammar, and every name one piece of metadata gives another (page → component, tab →
 * component, app → tab, permission set → object, field, class, app, tab, credential) exists.
 * Nothing here runs Apex or deploys: that needs an org (README, "Lightning package").
 */

const ROOT = path.join(__dirname, '..', 'crm-components');
const DEFAULT = path.join(ROOT, 'main', 'default');
const read = (...parts: string[]) => fs.readFileSync(path.join(DEFAULT, ...parts), 'utf8');
const list = (dir: string) => (fs.existsSync(path.join(DEFAULT, dir)) ? fs.readdirSync(path.join(DEFAULT, dir)).sort() : []);
/** Every text value of <tag> in an XML document (the metadata files are flat enough for this). */
const values = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1] as string);
const lwcMeta = (name: string) => read('lwc', name, `${name}.js-meta.xml`);

describe('the Salesforce package', () => {
  test('when source-deploy-retrieve resolves the package, then every component type is there, and it converts to the Metadata API format', async () => {
    const set = ComponentSet.fromSource(ROOT);
    const counts: Record<string, number> = {};
    for (const c of set.getSourceComponents()) counts[c.type.name] = (counts[c.type.name] ?? 0) + 1;
    expect(counts).toEqual({
      ApexClass: 2,
      CustomApplication: 1,
      CustomObject: 1,
      CustomTab: 7,
      ExternalCredential: 1,
      FlexiPage: 1,
      LightningComponentBundle: list('lwc').length,
      NamedCredential: 1,
      PermissionSet: 3,
    });
    const objectChildren = set
      .getSourceComponents()
      .toArray()
      .find((c) => c.type.name === 'CustomObject')
      ?.getChildren()
      .map((c) => c.fullName)
      .sort();
    expect(objectChildren).toEqual([
      'Knowledge_Link__c.Attached_At__c',
      'Knowledge_Link__c.Attached_By__c',
      'Knowledge_Link__c.Hub_Link_Id__c',
      'Knowledge_Link__c.Hub_Url__c',
      'Knowledge_Link__c.Kind__c',
      'Knowledge_Link__c.Opportunity__c',
      'Knowledge_Link__c.Title__c',
    ]);

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-package-'));
    try {
      await new MetadataConverter().convert(set, 'metadata', { type: 'directory', outputDirectory: out, genUniqueDir: false });
      const manifest = fs.readFileSync(path.join(out, 'package.xml'), 'utf8');
      for (const type of Object.keys(counts)) expect(values(manifest, 'name')).toContain(type);
      // The fields are merged into the object file, as the Metadata API wants them.
      const object = fs.readFileSync(path.join(out, 'objects', 'Knowledge_Link__c.object'), 'utf8');
      expect(values(object, 'fullName')).toEqual(expect.arrayContaining(['Hub_Link_Id__c', 'Opportunity__c', 'Kind__c']));
      expect(fs.existsSync(path.join(out, 'flexipages', 'Opportunity_Knowledge_Hub.flexipage'))).toBe(true);
      expect(fs.existsSync(path.join(out, 'applications', 'Knowledge_Hub.app'))).toBe(true);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('when every Apex file is parsed with the Apex grammar, then none has a syntax error', () => {
    const files = list('classes').filter((f) => f.endsWith('.cls'));
    expect(files).toEqual(['KnowledgeHubProxy.cls', 'KnowledgeHubProxyTest.cls']);
    for (const file of files) {
      const errors: string[] = [];
      const listener = new (class extends ApexErrorListener {
        apexSyntaxError(line: number, column: number, msg: string): void {
          errors.push(`${file}:${line}:${column} ${msg}`);
        }
      })();
      const { parser } = ApexParserFactory.createLexerAndParser(read('classes', file), listener);
      parser.compilationUnit();
      expect(errors).toEqual([]);
    }
  });

  test('when the record page names components, then each exists and is exposed on Opportunity record pages; the related list is the links relationship', () => {
    const page = read('flexipages', 'Opportunity_Knowledge_Hub.flexipage-meta.xml');
    const ours = values(page, 'componentName').filter((c) => !c.includes(':'));
    expect(ours).toEqual(['opportunityKnowledge', 'winLossComposer']);
    for (const name of ours) {
      expect(values(lwcMeta(name), 'target')).toContain('lightning__RecordPage');
      expect(values(lwcMeta(name), 'object')).toContain('Opportunity');
    }
    const lookup = read('objects', 'Knowledge_Link__c', 'fields', 'Opportunity__c.field-meta.xml');
    expect(values(page, 'value')).toContain(`${values(lookup, 'relationshipName')[0]}__r`);
    expect(values(page, 'sobjectType')).toEqual(['Opportunity']);
  });

  test('when the app and the tabs name components and tabs, then each exists and each tab component may be a tab', () => {
    const tabs = list('tabs').map((f) => f.replace('.tab-meta.xml', ''));
    for (const tab of tabs) {
      const [component] = values(read('tabs', `${tab}.tab-meta.xml`), 'lwcComponent');
      expect(list('lwc')).toContain(component);
      expect(values(lwcMeta(component as string), 'target')).toContain('lightning__Tab');
    }
    const app = read('applications', 'Knowledge_Hub.app-meta.xml');
    expect(
      values(app, 'tabs')
        .filter((t) => !t.startsWith('standard-'))
        .sort(),
    ).toEqual(tabs);
    expect(values(app, 'content')).toEqual(['Opportunity_Knowledge_Hub']);
  });

  test('when the permission sets grant access, then every object, field, class, app, tab and credential principal they name exists', () => {
    const fields = list(path.join('objects', 'Knowledge_Link__c', 'fields')).map(
      (f) => `Knowledge_Link__c.${f.replace('.field-meta.xml', '')}`,
    );
    const credential = read('externalCredentials', 'KnowledgeHub.externalCredential-meta.xml');
    const principals = values(credential, 'parameterName').map((p) => `KnowledgeHub-${p}`);
    const sets = list('permissionsets');
    expect(sets).toEqual([
      'KnowledgeHubAdmin.permissionset-meta.xml',
      'KnowledgeHubLeader.permissionset-meta.xml',
      'KnowledgeHubUser.permissionset-meta.xml',
    ]);
    for (const file of sets) {
      const set = read('permissionsets', file);
      for (const f of values(set, 'field')) expect(fields).toContain(f);
      expect(values(set, 'object')).toEqual(['Knowledge_Link__c']);
      for (const c of values(set, 'apexClass')) expect(list('classes')).toContain(`${c}.cls`);
      for (const a of values(set, 'application')) expect(list('applications')).toContain(`${a}.app-meta.xml`);
      for (const t of values(set, 'tab')) expect(list('tabs')).toContain(`${t}.tab-meta.xml`);
      for (const p of values(set, 'externalCredentialPrincipal')) expect(principals).toContain(p);
    }
    // Users read the links; only admins (and the hub's integration user) write them.
    expect(values(read('permissionsets', 'KnowledgeHubUser.permissionset-meta.xml'), 'allowEdit')).toEqual(['false']);
    expect(values(read('permissionsets', 'KnowledgeHubAdmin.permissionset-meta.xml'), 'allowCreate')).toEqual(['true']);
  });

  test('when the hub writes a Knowledge_Link__c, then every field it sends exists, and its kinds are the picklist values', () => {
    const writeBack = fs.readFileSync(path.join(__dirname, '..', 'server', 'opportunities', 'salesforce', 'writeBack.ts'), 'utf8');
    const sent = [...new Set([...writeBack.matchAll(/\b([A-Z][A-Za-z_]*__c)\b/g)].map((m) => m[1] as string))]
      .filter((f) => f !== 'Knowledge_Link__c')
      .sort();
    const fields = list(path.join('objects', 'Knowledge_Link__c', 'fields')).map((f) => f.replace('.field-meta.xml', ''));
    expect(sent).toEqual(fields);
    const kinds = values(read('objects', 'Knowledge_Link__c', 'fields', 'Kind__c.field-meta.xml'), 'fullName').slice(1);
    expect(kinds).toEqual(['Attached', 'Win/Loss Analysis']);
    for (const kind of kinds) expect(writeBack).toContain(`'${kind}'`);
  });
});
