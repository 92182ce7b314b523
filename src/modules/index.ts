import type { HearthModule } from '../platform/modules.js';
import { adviceFlowsModule } from './advice-flows/index.js';
import { assessmentsModule } from './assessments/index.js';
import { boardsModule } from './boards/index.js';
import { casesModule } from './cases/index.js';
import { contentModule } from './content/index.js';
import { helplineModule } from './helpline/index.js';
import { homeModule } from './home/index.js';
import { oversightModule } from './oversight/index.js';
import { plansModule } from './plans/index.js';
import { supportersModule } from './supporters/index.js';

/** Every module Hearth has, in the order they are registered. Imported only by the composition root (app.ts, main.ts). */
export const MODULES: readonly HearthModule[] = [
  homeModule,
  contentModule,
  adviceFlowsModule,
  boardsModule,
  helplineModule,
  supportersModule,
  casesModule,
  assessmentsModule,
  plansModule,
  oversightModule,
];
