// Reads Wapiti's JSON reports and says what they found. Exits 1 when any report holds a vulnerability that is not one
// of the explained ones below; anomalies (an error page, a timeout) and additional notes are printed for a person to
// read. Used by scripts/security-scan.sh; each explanation is written out in docs/security.md ("Scanning").
import fs from 'node:fs';

/** Findings that come from scanning the demo over plain HTTP, or from the scanner itself, not from Hearth. */
const EXPLAINED = [
  {
    category: 'HTTP Secure Headers',
    info: /Strict-Transport-Security is not set/,
    why: 'HSTS is sent in production only; the demo is served over plain HTTP',
  },
  {
    category: 'HTTP Secure Headers',
    info: /X-XSS-Protection is not set/,
    why: 'Hearth sends X-XSS-Protection: 0 on purpose (the old filter is gone from browsers and could be abused); the CSP protects',
  },
  {
    category: 'Secure Flag cookie',
    info: /Secure flag is not set in the cookie : hearth_(csrf|session)/,
    why: 'cookies are Secure in production only; the demo is served over plain HTTP',
  },
  {
    category: 'Cross Site Request Forgery',
    path: /^\/(register|password-reset|newsletter|advice-line\/callback)$/,
    why: 'these forms are rate-limited per address: once the scan used up the limit, the right and the wrong token both got 429, which Wapiti reads as an unchecked token. A wrong or missing token gets 403',
  },
];

let unexplained = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  console.log(`\n${file}: ${report.infos?.target ?? ''}`);
  for (const section of ['vulnerabilities', 'anomalies', 'additionals']) {
    for (const [category, findings] of Object.entries(report[section] ?? {})) {
      for (const finding of findings) {
        const explained =
          section === 'vulnerabilities'
            ? EXPLAINED.find(
                (e) => e.category === category && (!e.info || e.info.test(finding.info)) && (!e.path || e.path.test(finding.path)),
              )
            : undefined;
        if (section === 'vulnerabilities' && !explained) unexplained += 1;
        const where = `${finding.method} ${finding.path}${finding.parameter ? ` [${finding.parameter}]` : ''}`;
        console.log(`  ${section} / ${category}: ${where}: ${finding.info}${explained ? `\n      explained: ${explained.why}` : ''}`);
      }
    }
  }
}
console.log(
  unexplained === 0
    ? '\nNo unexplained vulnerabilities.'
    : `\n${unexplained} unexplained vulnerabilities: fix them, or explain them here and in docs/security.md.`,
);
process.exit(unexplained === 0 ? 0 : 1);
