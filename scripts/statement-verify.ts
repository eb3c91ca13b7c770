/**
 * `npm run statement:verify FILE.json --public-key KEY`: checks a saved credit statement (the JSON
 * of GET /api/credits/statements/:userId, or "Download statement (JSON)" on the page) with the
 * hub's public key alone: no database, no running hub, no configuration. KEY is a PEM public key
 * or the JSON of GET /api/credits/public-key (whose older keys are accepted too). Prints what the
 * check proves and what it does not; exits 0 when it holds, 1 when it does not, 2 on bad usage.
 */
import fs from 'node:fs';
import { parsePublicKeys, verifyStatement } from '../server/credits/proof';

function main(argv: string[]): number {
  const at = argv.indexOf('--public-key');
  const keyFile = at >= 0 ? argv[at + 1] : undefined;
  const file = argv.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (!file || !keyFile) {
    console.error(
      'usage: npm run statement:verify -- STATEMENT.json --public-key PUBLIC_KEY(.pem|.json)\n  the public key comes from GET /api/credits/public-key (save the JSON, or its "pem" field)',
    );
    return 2;
  }
  const ring = parsePublicKeys(fs.readFileSync(keyFile, 'utf8'));
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    console.log(`statement:verify: FAILED: ${file} is not JSON (${err instanceof Error ? err.message : String(err)})`);
    return 1;
  }
  const check = verifyStatement(doc, ring);
  if (check.ok) {
    console.log(`statement:verify: ok (${file}, public key ${[...ring.keys()].join(', ')})`);
    console.log('This proves:');
    for (const p of check.proves) console.log(`  - ${p}`);
  } else {
    console.log(`statement:verify: FAILED (${file})`);
    for (const p of check.problems) console.log(`  - ${p}`);
  }
  console.log('It does not prove:');
  for (const p of check.doesNotProve) console.log(`  - ${p}`);
  return check.ok ? 0 : 1;
}

process.exit(main(process.argv.slice(2)));
