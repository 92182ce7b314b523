import { HttpError } from '../../platform/errors.js';

/** What the content module's pages, API and uploads share; route files never import each other. */
export function notFound(): HttpError {
  return new HttpError(404, 'Page not found', 'If you typed the web address, check it is correct.', 'not-found');
}
