import { describeMatrixPart } from './access-matrix-run.js';

describeMatrixPart('pages');
