import { readFileSync } from 'node:fs';
// The named export: under NodeNext the default import is typed as the module, not the class.
import { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * Validates an execute-webhook body as Discord does: against the JSON Schema taken from
 * Discord's OpenAPI description, then against the limits the schema cannot express.
 * Returns the problems, empty when Discord would accept the body.
 */
const schema = JSON.parse(
  readFileSync(
    new URL('./__fixtures__/discord-execute-webhook.schema.json', import.meta.url),
    'utf8',
  ),
);

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('snowflake', /^\d+$/);
// ajv ships no formats by itself; these are the two the schema relies on for embeds.
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i);
ajv.addFormat('uri', { validate: (value: string) => URL.canParse(value) });
ajv.addFormat('int32', { type: 'number', validate: () => true });
ajv.addFormat('int64', { type: 'number', validate: () => true });
ajv.addFormat('double', { type: 'number', validate: () => true });
const validateSchema = ajv.compile(schema);

interface Embed {
  title?: string | null;
  description?: string | null;
  fields?: Array<{ name: string; value: string }> | null;
  footer?: { text?: string | null } | null;
  author?: { name?: string | null } | null;
}

export function executeWebhookProblems(body: unknown): string[] {
  if (!validateSchema(body)) {
    return (validateSchema.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
  const message = body as { content?: string | null; embeds?: Embed[] | null; poll?: unknown };
  const embeds = message.embeds ?? [];
  const problems: string[] = [];
  if (!message.content && embeds.length === 0 && !message.poll) {
    problems.push('Cannot send an empty message');
  }
  let total = 0;
  embeds.forEach((embed, i) => {
    // Counted in UTF-16 code units: never fewer than the characters Discord counts.
    total += (embed.title ?? '').length + (embed.description ?? '').length;
    total += (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
    for (const [j, field] of (embed.fields ?? []).entries()) {
      total += field.name.length + field.value.length;
      if (field.name.length > 256) problems.push(`/embeds/${i}/fields/${j}/name longer than 256`);
      if (field.value.length > 1024)
        problems.push(`/embeds/${i}/fields/${j}/value longer than 1024`);
      if (field.name.trim() === '' || field.value.trim() === '') {
        problems.push(`/embeds/${i}/fields/${j} has an empty name or value`);
      }
    }
    if ((embed.title ?? '').length > 256) problems.push(`/embeds/${i}/title longer than 256`);
    if ((embed.description ?? '').length > 4096) {
      problems.push(`/embeds/${i}/description longer than 4096`);
    }
    if ((embed.footer?.text ?? '').length > 2048)
      problems.push(`/embeds/${i}/footer longer than 2048`);
    if ((embed.author?.name ?? '').length > 256)
      problems.push(`/embeds/${i}/author longer than 256`);
  });
  if ((message.content ?? '').length > 2000) problems.push('/content longer than 2000');
  if (total > 6000) problems.push(`embeds hold ${total} characters, more than 6000`);
  return problems;
}
