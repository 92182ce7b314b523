import { describeMatrixPart } from './access-matrix-run.js';

describeMatrixPart('practice-forms');
