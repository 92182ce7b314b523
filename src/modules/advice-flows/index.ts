import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/modules.js';
import { adminFlowRoutes } from './editor/routes.js';
import { flowApiRoutes } from './api.js';
import { familyFlowRoutes } from './family/routes.js';
import { BUILT_IN_FLOWS } from './flows/index.js';
import * as migration from './migrations/2026-11-23-10-advice-flows.js';
import { createAdviceFlows, type AdviceFlows } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    adviceFlows: AdviceFlows;
  }
}

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/** Every flow Hearth knows: built in, published, and editors' drafts. Used by `hearth flows check`. */
async function checkEveryFlow(_app: FastifyInstance, { services: service }: { services: AdviceFlows }): Promise<number> {
  const candidates = [
    ...BUILT_IN_FLOWS.map((definition) => ({ label: `built-in ${definition.slug}`, definition })),
    ...(await service.listPublished()).map((f) => ({ label: `${f.slug} version ${f.version}`, definition: f.definition })),
    ...(await service.drafts()).map((d) => ({ label: `${d.slug} draft`, definition: d.definition })),
  ];
  let faults = 0;
  for (const { label, definition } of candidates) {
    const problems = await service.check(definition);
    faults += problems.length;
    for (const problem of problems) console.error(`${label}: ${problem.at}: ${problem.message}`);
  }
  if (faults > 0) {
    console.error(`${faults} ${faults === 1 ? 'fault' : 'faults'} found in ${candidates.length} flows.`);
    return 1;
  }
  console.log(`All ${candidates.length} flows pass the checks.`);
  return 0;
}

/** Guided advice: short sets of questions that turn a family's answers into advice for their situation. */
export const adviceFlowsModule = defineModule({
  name: 'advice-flows',
  services: (platform, _settings, contracts) =>
    createAdviceFlows(platform.db, platform.audit, contracts.siteMap, contracts.onPublicPagesChanged),
  viewsDir,
  migrations: { '2026-11-23-10-advice-flows': migration },
  navigation: [{ text: 'Guided advice', href: '/advice/guided', access: 'public' }],
  staffNavigation: [{ text: 'Manage guided advice', href: '/admin/flows', access: ['editor', 'admin'] }],
  homeSection: {
    heading: 'Get advice for your situation',
    text: 'Answer a few questions about what is happening, and get clear advice about your rights, what happens next and who can help. Nothing you answer identifies you.',
    href: '/advice/guided',
    linkText: 'Start guided advice',
  },
  commands: { 'flows check': { usage: '', summary: 'check every guided-advice flow; exits 1 naming each fault', run: checkEveryFlow } },
  description: 'Hearth’s guided advice: answer a few questions about what is happening to your family and get advice for your situation.',
  async plugin(app, { services }) {
    app.decorate('adviceFlows', services);
    app.addHook('onReady', async () => {
      await app.adviceFlows.installBuiltIn(BUILT_IN_FLOWS);
    });
    await app.register(familyFlowRoutes);
    await app.register(adminFlowRoutes);
    await app.register(flowApiRoutes);
  },
});
