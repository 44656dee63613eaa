// Writes docs/diagnostics.md from the rule catalogue and the typography rules (run: npm run docs).
import { catalogue } from '../dist/pipeline/diagnostics/catalogue.js';
let s = `# Diagnostics\n\nEvery message anthologist prints has a stable code. \`error\` stops the build (exit 1, or 2 for usage and configuration errors); \`warning\` and \`info\` do not. Messages are printed as \`file:line:column severity message [code]\`; \`--json\` gives the same records as \`{code, severity, message, file, line, column}\`. Informational messages are shown with \`--verbose\`.\n\n| code | severity | what it reports |\n| --- | --- | --- |\n`;
for (const [code, r] of Object.entries(catalogue)) s += `| \`${code}\` | ${r.severity} | ${r.summary} |\n`;
s += `\n## Typography rules\n\nThese are not diagnostics but changes; the build report counts them per story (\`stories[].typography\`). They change punctuation and spacing only, never a letter or a digit.\n\n| code | what it does |\n| --- | --- |\n`;
const { RULES } = await import('../dist/pipeline/normalise/typography.js');
for (const r of RULES) s += `| \`${r.code}\` | ${r.summary} |\n`;
process.stdout.write(s);
